import type { PoolConfig } from 'pg';

/**
 * Discrete connection fields. pg lets `connectionString` override `database`, so a URL cannot be
 * reused to reach a sibling database (the shadow database); these fields can.
 */
export interface PgServer {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
  database: string;
  ssl: PoolConfig['ssl'];
}

export function parsePgUrl(url: string): PgServer {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`Not a PostgreSQL URL: ${parsed.protocol}`);
  }
  const sslmode = parsed.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(parsed.hostname) || '127.0.0.1',
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    user: decodeURIComponent(parsed.username) || 'postgres',
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres',
    ssl: sslmode === null || sslmode === 'disable' ? undefined : { rejectUnauthorized: sslmode === 'verify-full' },
  };
}

export function poolConfig(server: PgServer, database = server.database): PoolConfig {
  return {
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database,
    ssl: server.ssl,
    application_name: 'telework-schema-engine',
  };
}

/** A connection URL fit for logs: the password replaced by stars. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
