import { z } from 'zod';

const optionalUrl = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()))
  .pipe(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional());

const schema = z.object({
  TEST_DATABASE_URL: optionalUrl,
  DATABASE_URL: optionalUrl,
});

/**
 * The server tests create their databases on: TEST_DATABASE_URL, else DATABASE_URL (CI:
 * postgres://postgres@127.0.0.1:5432/postgres), else undefined meaning "use the embedded server".
 */
export function readTestServerUrl(source: NodeJS.ProcessEnv = process.env): string | undefined {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid test database environment: ${z.prettifyError(parsed.error)}`);
  return parsed.data.TEST_DATABASE_URL ?? parsed.data.DATABASE_URL;
}
