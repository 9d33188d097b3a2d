import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../migrate/apply-migrations';
import { leaseServer } from './shared-server';

export const TEST_DATABASE_PREFIX = 'tw_test_';
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

export interface TestDatabase {
  /** Superuser URL of the new database. */
  url: string;
  name: string;
  /** Drops the database (disconnecting any pool still open on it). Safe to call twice. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** Apply the migrations (default true). Tests of the migration runner itself start empty. */
  migrate?: boolean;
  /** Migrations folder to apply; defaults to the committed `prisma/migrations`. */
  migrationsDir?: string;
}

/**
 * A fresh, uniquely named database on the test server with all migrations applied. The name
 * carries its creation time (UTC) so leftovers of killed runs can be recognised and dropped.
 */
export async function createTestDatabase(options: CreateTestDatabaseOptions = {}): Promise<TestDatabase> {
  const server = await leaseServer();
  const suffix = randomBytes(4).toString('hex');
  // Named by the server's clock, not this process's: a run with a shifted clock (npm run
  // test:clock-ahead) must neither drop a concurrent run's databases as stale nor leave its own
  // looking young forever.
  let name = '';
  let url = '';
  try {
    await withAdmin(server.adminUrl, async (client) => {
      const serverNow = await serverClock(client);
      name = `${TEST_DATABASE_PREFIX}${compactUtc(new Date(serverNow))}_${suffix}`;
      url = withDatabase(server.adminUrl, name);
      await dropStaleTestDatabases(client, serverNow);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    });
    if (options.migrate ?? true) await applyMigrations({ url, migrationsDir: options.migrationsDir });
  } catch (error) {
    if (name) await withAdmin(server.adminUrl, (client) => dropDatabase(client, name)).catch(() => undefined);
    await server.release();
    throw error;
  }
  let dropped = false;
  return {
    url,
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      try {
        await withAdmin(server.adminUrl, (client) => dropDatabase(client, name));
      } finally {
        await server.release();
      }
    },
  };
}

/** Same server and credentials, another database; keeps query parameters such as sslmode. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function compactUtc(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function parseCompactUtc(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined || s === undefined) {
    return undefined;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Leftovers of killed or crashed runs older than a day; younger ones may belong to a run in progress. */
export async function dropStaleTestDatabases(client: pg.Client, now?: number): Promise<string[]> {
  const serverNow = now ?? (await serverClock(client));
  const { rows } = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'tw\\_test\\_%'",
  );
  const dropped: string[] = [];
  for (const { datname } of rows) {
    const created = parseCompactUtc(datname.slice(TEST_DATABASE_PREFIX.length, TEST_DATABASE_PREFIX.length + 14));
    if (created === undefined || serverNow - created < STALE_AFTER_MS) continue;
    // A concurrent run may be dropping the same one.
    await dropDatabase(client, datname).then(
      () => dropped.push(datname),
      () => undefined,
    );
  }
  return dropped;
}

async function serverClock(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ now_ms: string }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS now_ms');
  return Number(rows[0]?.now_ms);
}

async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  // FORCE (PostgreSQL 13+) ends sessions a test left open instead of failing "being accessed by other users".
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'telework-test-harness' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
