import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { applyMigrations } from './apply-migrations';
import { MigrationError } from './migration-error';
import { sha256Hex } from './migrations-folder';

const FIRST = '20260101000000_create_tenants';
const SECOND = '20260102000000_add_tenant_name';
const THIRD = '20260103000000_tenant_function';
const SCRIPTS: Record<string, string> = {
  [FIRST]: 'CREATE TABLE "tenants" ("id" UUID NOT NULL, CONSTRAINT "tenants_pkey" PRIMARY KEY ("id"));\n',
  // Fails unless FIRST ran before it.
  [SECOND]: 'ALTER TABLE "tenants" ADD COLUMN "name" TEXT NOT NULL DEFAULT \'\';\n',
  // Semicolons inside a dollar-quoted body: the script must run as written, not split on ";".
  [THIRD]: `CREATE FUNCTION tenant_count() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  SELECT count(*) INTO n FROM "tenants";
  RETURN n;
END;
$$;
`,
};

let dir: string;
let db: TestDatabase;
let client: pg.Client;

async function writeMigration(name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

async function rows() {
  const result = await client.query<{
    id: string;
    checksum: string;
    migration_name: string;
    finished_at: Date | null;
    started_at: Date;
    logs: string | null;
    rolled_back_at: Date | null;
    applied_steps_count: number;
  }>('SELECT * FROM "_prisma_migrations" ORDER BY migration_name');
  return result.rows;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-apply-'));
  // Written in reverse so the order cannot come from the file system.
  for (const name of [THIRD, SECOND, FIRST]) await writeMigration(name, SCRIPTS[name] ?? '');
  db = await createTestDatabase({ migrate: false });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterEach(async () => {
  await client.end();
  await db.drop();
  await rm(dir, { recursive: true, force: true });
});

describe('applyMigrations', () => {
  it('applies the folders in order, one transaction each, recorded as Prisma records them', async () => {
    const result = await applyMigrations({ url: db.url, migrationsDir: dir });

    expect(result.applied).toEqual([FIRST, SECOND, THIRD]);
    const recorded = await rows();
    expect(recorded.map((r) => r.migration_name)).toEqual([FIRST, SECOND, THIRD]);
    for (const row of recorded) {
      expect(row.checksum).toBe(sha256Hex(SCRIPTS[row.migration_name] ?? ''));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at?.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
    }
    const count = await client.query<{ n: string }>('SELECT tenant_count()::text AS n');
    expect(count.rows[0]?.n).toBe('0');
  });

  it('creates _prisma_migrations with the columns and types Prisma creates', async () => {
    await applyMigrations({ url: db.url, migrationsDir: dir });
    const columns = await client.query(
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.rows).toEqual([
      { column_name: 'id', data_type: 'character varying', len: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', len: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', len: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', len: null, is_nullable: 'NO', column_default: '0' },
    ]);
  });

  it('is idempotent and later applies only what is new', async () => {
    await applyMigrations({ url: db.url, migrationsDir: dir });
    expect((await applyMigrations({ url: db.url, migrationsDir: dir })).applied).toEqual([]);

    await writeMigration('20260104000000_add_index', 'CREATE INDEX "tenants_name_idx" ON "tenants"("name");\n');
    expect((await applyMigrations({ url: db.url, migrationsDir: dir })).applied).toEqual(['20260104000000_add_index']);
    expect(await rows()).toHaveLength(4);
  });

  it('lets two runners started at once apply every migration exactly once', async () => {
    // A slow first migration keeps the window open in which both runners are inside.
    await writeMigration(FIRST, `SELECT pg_sleep(0.5);\n${SCRIPTS[FIRST]}`);

    const [a, b] = await Promise.all([
      applyMigrations({ url: db.url, migrationsDir: dir }),
      applyMigrations({ url: db.url, migrationsDir: dir }),
    ]);

    expect([...a.applied, ...b.applied].sort()).toEqual([FIRST, SECOND, THIRD]);
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    expect((await rows()).map((r) => r.migration_name)).toEqual([FIRST, SECOND, THIRD]);
  });

  it('waits while Prisma (or anyone) holds the migrate advisory lock', async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(72707369)');
    let finished = false;
    const run = applyMigrations({ url: db.url, migrationsDir: dir }).then((result) => {
      finished = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(finished).toBe(false);
    await holder.query('SELECT pg_advisory_unlock(72707369)');
    await holder.end();
    expect((await run).applied).toEqual([FIRST, SECOND, THIRD]);
  });

  it('refuses to run when an applied migration was edited, and applies nothing', async () => {
    await applyMigrations({ url: db.url, migrationsDir: dir });
    await writeMigration(SECOND, `${SCRIPTS[SECOND]}-- edited afterwards\n`);
    await writeMigration('20260104000000_pending', 'CREATE TABLE "pending" ("id" INT);\n');

    const error = await applyMigrations({ url: db.url, migrationsDir: dir }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'CHECKSUM_MISMATCH', migrationName: SECOND });
    const pending = await client.query("SELECT to_regclass('public.pending') AS t");
    expect(pending.rows[0]?.t).toBeNull();
  });

  it('accepts an applied migration whose line endings were converted by git', async () => {
    await applyMigrations({ url: db.url, migrationsDir: dir });
    await writeMigration(THIRD, (SCRIPTS[THIRD] ?? '').replace(/\n/g, '\r\n'));
    expect((await applyMigrations({ url: db.url, migrationsDir: dir })).applied).toEqual([]);
  });

  it('rolls a failing migration back completely and keeps the ones before it', async () => {
    await writeMigration(
      THIRD,
      'CREATE TABLE "half_done" ("id" INT);\nINSERT INTO "no_such_table" VALUES (1);\n',
    );

    const error = await applyMigrations({ url: db.url, migrationsDir: dir }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'APPLY_FAILED', migrationName: THIRD });
    expect(String((error as Error).message)).toMatch(/no_such_table/);
    expect((await rows()).map((r) => r.migration_name)).toEqual([FIRST, SECOND]);
    const halfDone = await client.query("SELECT to_regclass('public.half_done') AS t");
    expect(halfDone.rows[0]?.t).toBeNull();
  });

  it('refuses a database that has a migration this checkout does not know', async () => {
    await applyMigrations({ url: db.url, migrationsDir: dir });
    await rm(path.join(dir, THIRD), { recursive: true });
    await expect(applyMigrations({ url: db.url, migrationsDir: dir })).rejects.toMatchObject({
      code: 'MISSING_LOCALLY',
      migrationName: THIRD,
    });
  });

  it('refuses to build on a migration Prisma left unfinished', async () => {
    await applyMigrations({ url: db.url, migrationsDir: dir });
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = $1`, [SECOND]);
    await expect(applyMigrations({ url: db.url, migrationsDir: dir })).rejects.toMatchObject({
      code: 'FAILED_MIGRATION',
      migrationName: SECOND,
    });
  });
});
