import { z } from 'zod';
import { checkRegistrationNumber } from './billing/rules/registration-number';

// The only place in @telework/api that reads process.env.
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  // Behind a load balancer, the client address comes from X-Forwarded-For only when this is set.
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  // Outgoing mail: an SMTP server when SMTP_URL is set (smtp://user:pass@host:587, smtps://…),
  // otherwise every message is written as an .eml file to MAIL_OUTBOX_DIR (the embedded default).
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Telework Supporter <no-reply@telework.example>'),
  MAIL_OUTBOX_DIR: z.string().min(1).default('.data/mail'),
  // The job queue (pg-boss) keeps its own schema and needs a role allowed to create it; defaults to DATABASE_URL.
  QUEUE_DATABASE_URL: z.string().url().optional(),
  // Evidence and face images (encrypted before they leave the process): a local folder or an S3-compatible store.
  BLOB_STORE: z.enum(['local', 's3']).default('local'),
  BLOB_DIR: z.string().min(1).default('.data/blobs'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('ap-northeast-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  S3_PREFIX: z.string().default(''),
  // Master key wrapping the tenants' data keys: base64 of 32 bytes, with an id stored next to each wrapped key.
  // MASTER_KEYS_OLD="id1:base64,id2:base64" keeps retired master keys readable until data keys are re-wrapped.
  MASTER_KEY: z.string().optional(),
  MASTER_KEY_ID: z.string().min(1).max(64).default('master-1'),
  MASTER_KEYS_OLD: z.string().default(''),
  MASTER_KEY_FILE: z.string().optional(),
  // Set by npm to the folder npm was run from: the CLIs resolve relative paths from there, not from the workspace.
  INIT_CWD: z.string().optional(),
  // Contracts and billing: links in invitation mails, Stripe (JPY; without a key invoices stay local, sentToStripe=false),
  // and the provider's qualified-invoice registration number (T + 13 digits, checked by billing/rules).
  CONSOLE_BASE_URL: z.string().url().default('http://localhost:3000'),
  // Links in password-reset mails to operators and reseller staff.
  RESELLER_BASE_URL: z.string().url().default('http://localhost:3001'),
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  INVOICE_REGISTRATION_NUMBER: z
    .string()
    .refine((v) => checkRegistrationNumber(v).ok, 'INVOICE_REGISTRATION_NUMBER must be T + 13 digits with a valid check digit')
    .default('T9234567890123'),
  // How far a client-reported time (agent punches, presence, incidents, evidence capturedAt) may be from the
  // server clock, either way, before it is refused: a day by default, for an agent that was offline overnight.
  CLIENT_CLOCK_SKEW_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 7).default(60 * 24),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(10_000).max(20_000_000).default(2_000_000),
});

export type ApiEnv = z.infer<typeof schema>;
export const apiEnv: ApiEnv = schema.parse(process.env);
