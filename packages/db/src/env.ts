import { z } from 'zod';

// The only place in @telework/db (outside CLIs and test harness) that reads process.env.
const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  // Password of the login role provisioned for local runs and tests (src/app-login.ts).
  APP_DB_PASSWORD: z.string().min(8).default('telework-app-local'),
});

export const dbEnv = schema.parse(process.env);
