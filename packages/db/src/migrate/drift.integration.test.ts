import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/create-test-database';
import { diffMigrationsAgainstSchema } from './create-migration';
import { defaultMigrationsDir, readMigrations } from './migrations-folder';

// Fails whenever prisma/schema.prisma is changed without creating a migration:
//   npm run migration:create -w @telework/db -- <name>
describe('committed migrations vs prisma/schema.prisma', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    // Replays every committed migration with our runner on a fresh database.
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('applies every committed migration on a fresh database', async () => {
    const committed = (await readMigrations(defaultMigrationsDir)).map((m) => m.name);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name',
    );
    await client.end();
    expect(rows.map((row) => row.migration_name)).toEqual(committed);
  });

  it('has no schema change that is missing from the migrations folder', async () => {
    const missing = await diffMigrationsAgainstSchema({ adminUrl: db.url });
    expect(
      missing,
      'prisma/schema.prisma differs from prisma/migrations; run: npm run migration:create -w @telework/db -- <name>',
    ).toBe('');
  });
});
