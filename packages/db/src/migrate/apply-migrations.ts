import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { MigrationError } from './migration-error';
import { checksumMatches, defaultMigrationsDir, readMigrations } from './migrations-folder';

/**
 * The advisory lock key Prisma's schema engine takes around `migrate deploy`; sharing it means our
 * runner and Prisma's can never apply at the same time either.
 */
const MIGRATION_LOCK_KEY = 72707369;

/** Column for column the table Prisma's schema engine creates, so `prisma migrate deploy` can take over. */
export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface ApplyMigrationsOptions {
  /** Connection URL of the database to migrate (a role allowed to run DDL). */
  url: string;
  /** Folder of `<timestamp>_<name>/migration.sql`; defaults to this package's `prisma/migrations`. */
  migrationsDir?: string;
  /** Called once per applied migration, e.g. to print progress from the CLI. */
  onApplied?: (name: string, durationMs: number) => void;
}

/**
 * Applies the committed migrations that the database has not seen yet, in folder order, each in its
 * own transaction, and records them in `_prisma_migrations` the way Prisma does.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const migrations = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const client = new pg.Client({ connectionString: options.url, application_name: 'telework-migrate' });
  await client.connect();
  try {
    // Session-level lock: a second process blocks here until the first has finished, then finds
    // everything applied.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<MigrationRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );
      const done = verifyHistory(rows, new Map(migrations.map((m) => [m.name, m.sql])));
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        const started = performance.now();
        await applyOne(client, migration.name, migration.sql, migration.checksum);
        applied.push(migration.name);
        options.onApplied?.(migration.name, performance.now() - started);
      }
      return { applied };
    } finally {
      // Ending the session releases the lock too, so a failed unlock must not hide the real error.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

/** Refuses a history we cannot safely build on; returns the names already applied. */
function verifyHistory(rows: MigrationRow[], local: Map<string, string>): Set<string> {
  const done = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at !== null) continue;
    if (row.finished_at === null) {
      throw new MigrationError(
        'FAILED_MIGRATION',
        row.migration_name,
        `Migration ${row.migration_name} is recorded as started but not finished. Repair the database by hand, ` +
          `then mark the row rolled back (prisma migrate resolve --rolled-back ${row.migration_name}) before migrating again.`,
      );
    }
    const sql = local.get(row.migration_name);
    if (sql === undefined) {
      throw new MigrationError(
        'MISSING_LOCALLY',
        row.migration_name,
        `Migration ${row.migration_name} is applied to the database but missing from the migrations folder.`,
      );
    }
    if (!checksumMatches(sql, row.checksum)) {
      throw new MigrationError(
        'CHECKSUM_MISMATCH',
        row.migration_name,
        `Migration ${row.migration_name} was modified after it was applied. Restore the file and put the change in a new migration.`,
      );
    }
    done.add(row.migration_name);
  }
  return done;
}

async function applyOne(client: pg.Client, name: string, sql: string, checksum: string): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, checksum, name],
    );
    // No parameters: pg sends the simple query protocol, which runs a multi-statement script
    // (including dollar-quoted function bodies) as written.
    await client.query(sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const detail = error instanceof Error ? error.message : String(error);
    throw new MigrationError('APPLY_FAILED', name, `Migration ${name} failed and was rolled back: ${detail}`, {
      cause: error,
    });
  }
}
