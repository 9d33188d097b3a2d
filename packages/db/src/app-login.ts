import pg from 'pg';
import { APP_DB_ROLE } from './app-role';
import { dbEnv } from './env';

// The login role the servers connect as on a database this project provisions itself (npm start,
// tests). It is not a superuser and has no BYPASSRLS, so even a query that managed to run
// `RESET ROLE` could not step out of row-level security. In production you create your own login
// role and grant it `telework_app` (see the README).
export const APP_LOGIN_ROLE = 'telework_app_login';

/** The application's URL for a database reached through `adminUrl`: same server and database, the login role. */
export function appLoginUrl(adminUrl: string): string {
  const url = new URL(adminUrl);
  url.username = APP_LOGIN_ROLE;
  url.password = dbEnv.APP_DB_PASSWORD;
  return url.toString();
}

/** Creates or updates the login role (cluster-wide) and lets it connect to the database. Idempotent. */
export async function provisionAppLogin(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(APP_LOGIN_ROLE);
    const password = client.escapeLiteral(dbEnv.APP_DB_PASSWORD);
    await client.query(`DO $$
      BEGIN
        CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await client.query(`ALTER ROLE ${role} WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${password}`);
    await client.query(`GRANT ${client.escapeIdentifier(APP_DB_ROLE)} TO ${role}`);
    const db = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db ?? '';
    await client.query(`GRANT CONNECT ON DATABASE ${client.escapeIdentifier(db)} TO ${role}`);
  } finally {
    await client.end();
  }
  return appLoginUrl(adminUrl);
}
