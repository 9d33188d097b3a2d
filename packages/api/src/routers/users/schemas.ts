import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../../people/passwords-policy';
import { MAX_IMPORT_BYTES } from '../../people/import/columns';

export const userFields = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254).nullish(),
  department: z.string().trim().max(100).nullish(),
  role: z.enum(['ADMIN', 'MANAGER', 'WORKER']),
  language: z.enum(['ja', 'en']).default('ja'),
  groupIds: z.array(z.uuid()).max(100).default([]),
});

export const createUserInput = userFields.extend({
  loginId: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
});

export const userIdInput = z.strictObject({ userId: z.uuid() });

export const newPassword = z.string().min(MIN_PASSWORD_LENGTH).max(256);

export const profileInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  email: z.email().max(254).nullish(),
  department: z.string().trim().max(100).nullish(),
  language: z.enum(['ja', 'en']),
});

/** An import file's bytes, base64 (4 characters per 3 bytes); the parser refuses what it cannot read. */
export const importFileInput = z.strictObject({ file: z.base64().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4) });
