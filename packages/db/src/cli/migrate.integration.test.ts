import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir, readMigrations } from '../migrate/migrations-folder';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../../node_modules/.bin/tsx', import.meta.url));

async function migrateCli(databaseUrl: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['src/cli/migrate.ts'], {
      cwd: packageDir,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

let db: TestDatabase;

beforeEach(async () => {
  db = await createTestDatabase({ migrate: false });
});

afterEach(async () => {
  await db.drop();
});

describe('npm run migrate (src/cli/migrate.ts)', () => {
  it('applies the committed migrations to DATABASE_URL, then reports it is up to date', async () => {
    const committed = (await readMigrations(defaultMigrationsDir)).map((m) => m.name);

    const first = await migrateCli(db.url);
    expect(first.code).toBe(0);
    for (const name of committed) expect(first.output).toContain(`applied ${name}`);

    const second = await migrateCli(db.url);
    expect(second).toMatchObject({ code: 0, output: expect.stringContaining('Already up to date.') });
  });

  it('exits non-zero and says why when an applied migration no longer matches its file', async () => {
    const committed = await readMigrations(defaultMigrationsDir);
    const target = committed[0];
    if (target === undefined) return expect.fail('no committed migrations to tamper with');
    await migrateCli(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`, [target.name]);
    await client.end();

    const result = await migrateCli(db.url);

    expect(result.code).toBe(1);
    expect(result.output).toContain(`CHECKSUM_MISMATCH: Migration ${target.name} was modified after it was applied`);
  });
});
