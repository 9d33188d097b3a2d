import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { defaultMigrationsDir, readMigrations } from '../migrate/migrations-folder';
import { createTestDatabase, dropStaleTestDatabases, withDatabase } from './create-test-database';

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('createTestDatabase', () => {
  it('creates a fresh, uniquely named database with the committed migrations applied', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.name).toMatch(/^tw_test_\d{14}_[0-9a-f]{8}$/);
      expect(a.name).not.toBe(b.name);
      expect(new URL(a.url).pathname).toBe(`/${a.name}`);
      const client = new pg.Client({ connectionString: a.url });
      await client.connect();
      const { rows } = await client.query<{ db: string; applied: number }>(
        'SELECT current_database() AS db, (SELECT count(*)::int FROM "_prisma_migrations" WHERE finished_at IS NOT NULL) AS applied',
      );
      await client.end();
      expect(rows[0]?.db).toBe(a.name);
      expect(rows[0]?.applied).toBe((await readMigrations(defaultMigrationsDir)).length);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });

  it('drops the database even while a connection to it is still open', async () => {
    const db = await createTestDatabase({ migrate: false });
    const leaked = new pg.Client({ connectionString: db.url });
    leaked.on('error', () => undefined);
    await leaked.connect();
    await db.drop();
    await db.drop();
    const keeper = await createTestDatabase({ migrate: false });
    try {
      expect(await databaseExists(keeper.url, db.name)).toBe(false);
    } finally {
      await keeper.drop();
    }
    await leaked.end().catch(() => undefined);
  });

  it('removes leftovers of earlier runs older than a day, and nothing younger', async () => {
    const db = await createTestDatabase({ migrate: false });
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const old = 'tw_test_20000101000000_deadbeef';
      const recent = db.name;
      await admin.query(`DROP DATABASE IF EXISTS ${old}`);
      await admin.query(`CREATE DATABASE ${old}`);

      const dropped = await dropStaleTestDatabases(admin);

      expect(dropped).toContain(old);
      expect(dropped).not.toContain(recent);
      expect(await databaseExists(db.url, old)).toBe(false);
      expect(await databaseExists(db.url, recent)).toBe(true);
    } finally {
      await admin.end();
      await db.drop();
    }
  });
});

describe('global setup', () => {
  it('provides a migrated database to every test file as inject("databaseUrl")', async () => {
    const url = inject('databaseUrl');
    expect(new URL(url).pathname).toMatch(/^\/tw_test_\d{14}_[0-9a-f]{8}$/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ t: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS t");
    await client.end();
    expect(rows[0]?.t).toBe('_prisma_migrations');
  });
});

describe('withDatabase', () => {
  it('swaps only the database name of a server URL', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable', 'tw_test_x')).toBe(
      'postgres://postgres@127.0.0.1:5432/tw_test_x?sslmode=disable',
    );
  });
});
