import { z } from 'zod';

// Empty strings count as unset: `DATABASE_URL= npm run …` is how people switch a variable off.
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const schema = z.object({
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  EMBEDDED_PG_PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'EMBEDDED_PG_PORT must be a port number')
      .transform(Number)
      .pipe(z.number().int().min(1024).max(65535))
      .optional(),
  ),
  EMBEDDED_PG_DIR: optionalText,
});

export type DatabaseEnv = z.infer<typeof schema>;

/** Read on every call (not cached at import) so tests and CLIs can set variables before use. */
export function readDatabaseEnv(source: NodeJS.ProcessEnv = process.env): DatabaseEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new Error(`Invalid database environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
