import pg from 'pg';
import { readDatabaseEnv } from './env';
import { embeddedUrl, startEmbeddedPostgres, type EmbeddedPostgresOptions } from './start-embedded-postgres';

export const EMBEDDED_DATABASE_NAME = 'telework';

export interface AdminDatabase {
  url: string;
  /** Stops the embedded server if this call started it; otherwise nothing to do. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded server (started or attached) and its `telework`
 * database, created on first use. This is what lets `npm start` run on a machine with no Postgres.
 */
export async function resolveAdminDatabaseUrl(options: EmbeddedPostgresOptions = {}): Promise<AdminDatabase> {
  const env = readDatabaseEnv();
  if (env.DATABASE_URL !== undefined) {
    return { url: env.DATABASE_URL, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres(options);
  try {
    await ensureDatabase(server.adminUrl, EMBEDDED_DATABASE_NAME);
  } catch (error) {
    await server.stop();
    throw error;
  }
  const port = Number(new URL(server.adminUrl).port);
  return { url: embeddedUrl(port, EMBEDDED_DATABASE_NAME), stop: server.stop };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: unknown) => {
        // Another process created it between our check and our CREATE: that is fine.
        if (!(error instanceof Error && 'code' in error && error.code === '42P04')) throw error;
      });
    }
  } finally {
    await client.end();
  }
}
