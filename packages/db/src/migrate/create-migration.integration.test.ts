import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { applyMigrations } from './apply-migrations';
import { createMigration, diffMigrationsAgainstSchema } from './create-migration';

const DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n';
const TENANTS_V1 = `${DATASOURCE}
model Tenant {
  id   String @id @default(uuid(7)) @db.Uuid
  name String
  @@map("tenants")
}
`;
const TENANTS_V2 = `${DATASOURCE}
model Tenant {
  id     String  @id @default(uuid(7)) @db.Uuid
  name   String
  status String  @default("ACTIVE")
  @@map("tenants")
}
`;

// What a migration author appends by hand: none of it is modelled by Prisma.
const HAND_WRITTEN = `
-- Row-level security, a function with a dollar-quoted body, a role and a grant.
ALTER TABLE "tenants" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tenants" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "tenants"
  USING ("id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN NULLIF(current_setting('app.tenant_id', true), '')::uuid;
END;
$$;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tw_test_drift_app') THEN
    CREATE ROLE tw_test_drift_app NOLOGIN;
  END IF;
END
$$;
GRANT SELECT, INSERT, UPDATE ON "tenants" TO tw_test_drift_app;
`;

let server: TestDatabase;
let dir: string;
let schemaPath: string;

async function shadowDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'",
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // Only used as a connection to the server: the engine creates its shadow databases there.
  server = await createTestDatabase({ migrate: false });
  dir = await mkdtemp(path.join(tmpdir(), 'tw-create-'));
  schemaPath = path.join(dir, 'schema.prisma');
  await writeFile(schemaPath, TENANTS_V1);
});

afterAll(async () => {
  // Roles are cluster-wide: remove the one the shadow replays created.
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query('DROP ROLE IF EXISTS tw_test_drift_app').catch(() => undefined);
  await client.end();
  await server.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('createMigration', () => {
  const migrationsDir = () => path.join(dir, 'migrations');

  it('writes <UTC timestamp>_<name>/migration.sql and the Prisma lock file for a new schema', async () => {
    const before = await shadowDatabases();
    const result = await createMigration({
      adminUrl: server.url,
      name: 'Init',
      migrationsDir: migrationsDir(),
      schemaPath,
      now: new Date('2026-11-28T01:02:03Z'),
    });

    expect(result).toMatchObject({ created: true, folder: '20261128010203_init' });
    const sql = await readFile(path.join(migrationsDir(), '20261128010203_init', 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "tenants"');
    expect(sql).toContain('"name" TEXT NOT NULL');
    expect(await readFile(path.join(migrationsDir(), 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');
    // The throw-away shadow database is gone again.
    expect(await shadowDatabases()).toEqual(before);
  });

  it('says "no changes" once the migrations match the schema', async () => {
    const result = await createMigration({ adminUrl: server.url, name: 'again', migrationsDir: migrationsDir(), schemaPath });
    expect(result).toEqual({ created: false });
    expect(await readdir(migrationsDir())).toEqual(['20261128010203_init', 'migration_lock.toml']);
  });

  it('ignores hand-written SQL that Prisma does not model (policies, functions, roles, grants)', async () => {
    await appendFile(path.join(migrationsDir(), '20261128010203_init', 'migration.sql'), HAND_WRITTEN);
    expect(await diffMigrationsAgainstSchema({ adminUrl: server.url, migrationsDir: migrationsDir(), schemaPath })).toBe('');
  });

  it('still sees hand-written SQL that does change the modelled schema', async () => {
    // Guards the previous test: an empty diff must come from the engine ignoring RLS, not from
    // the diff ignoring hand-written SQL altogether.
    const extra = path.join(dir, 'migrations-extra');
    await createMigration({ adminUrl: server.url, name: 'init', migrationsDir: extra, schemaPath });
    const [folder] = (await readdir(extra)).filter((name) => name !== 'migration_lock.toml');
    await appendFile(path.join(extra, folder ?? '', 'migration.sql'), 'CREATE TABLE "unmodelled" ("id" INT);\n');
    const sql = await diffMigrationsAgainstSchema({ adminUrl: server.url, migrationsDir: extra, schemaPath });
    expect(sql).toContain('DROP TABLE "unmodelled"');
  });

  it('creates the next migration from a schema change, sorted after the first, and it applies', async () => {
    await writeFile(schemaPath, TENANTS_V2);
    const result = await createMigration({ adminUrl: server.url, name: 'add tenant status', migrationsDir: migrationsDir(), schemaPath });

    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.folder).toMatch(/^\d{14}_add_tenant_status$/);
    expect(result.folder > '20261128010203_init').toBe(true);
    expect(result.sql).toContain('ALTER TABLE "tenants" ADD COLUMN     "status" TEXT NOT NULL DEFAULT \'ACTIVE\'');

    const target = await createTestDatabase({ migrationsDir: migrationsDir() });
    try {
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      const { rows } = await client.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'tenants' ORDER BY ordinal_position",
      );
      await client.end();
      expect(rows.map((row) => row.column_name)).toEqual(['id', 'name', 'status']);
      expect((await applyMigrations({ url: target.url, migrationsDir: migrationsDir() })).applied).toEqual([]);
    } finally {
      await target.drop();
    }
  });
});
