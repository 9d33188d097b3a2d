import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed migrations, resolved from this file so that the caller's cwd does not matter. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

export const migrationFileName = 'migration.sql';

export interface MigrationFile {
  /** Folder name, e.g. `20261128153000_init`; also the `migration_name` recorded in `_prisma_migrations`. */
  name: string;
  sql: string;
  /** sha256 hex of the file bytes, as Prisma records it. */
  checksum: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Prisma accepts a script whose line endings were converted (git autocrlf) as unchanged, so a
 * checkout on Windows does not look like an edited migration. We do the same.
 */
export function checksumMatches(sql: string, recorded: string): boolean {
  const lf = sql.replace(/\r\n/g, '\n');
  return [sql, lf, lf.replace(/\n/g, '\r\n')].some((variant) => sha256Hex(variant) === recorded);
}

/** Migration folders in apply order (their names start with a UTC timestamp, so name order is time order). */
export async function readMigrations(migrationsDir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
  let entries;
  try {
    entries = await readdir(migrationsDir, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(migrationsDir, name, migrationFileName);
      let sql: string;
      try {
        sql = await readFile(file, 'utf8');
      } catch (error) {
        if (isNotFound(error)) throw new Error(`Migration folder ${name} has no ${migrationFileName} (${file})`);
        throw error;
      }
      return { name, sql, checksum: sha256Hex(sql) };
    }),
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
