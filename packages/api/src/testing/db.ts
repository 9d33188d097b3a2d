import { afterAll, beforeAll, inject } from 'vitest';
import { appLoginUrl, createDb, provisionAppLogin, type Db } from '@telework/db';
// Also declares the type of inject('databaseUrl') provided by the db package's global setup.
import { createTestDatabase, type TestDatabase } from '@telework/db/testing';

/**
 * Clients on the run's fresh test database (created and migrated by @telework/db's vitest global setup):
 * `db` runs as the application role, exactly like the servers; `adminDb` is privileged, for fixtures only.
 */
export function useTestDatabase() {
  const url = inject('databaseUrl');
  // Registered first, so it runs before the test file's own hooks; clients connect lazily.
  beforeAll(() => provisionAppLogin(url));
  const db = createDb(appLoginUrl(url), { maxConnections: 4 });
  const adminDb = createDb(url, { privileged: true, maxConnections: 2 });
  afterAll(async () => {
    await db.$disconnect();
    await adminDb.$disconnect();
  });
  return { url, db, adminDb };
}

/**
 * A database of the test file's own, for tests that run the nightly jobs: the jobs act on every tenant,
 * so sharing the run's database would let them act on other files' rows (and theirs on ours).
 */
export function useOwnTestDatabase() {
  const handle = {} as { url: string; db: Db; adminDb: Db };
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    await provisionAppLogin(database.url);
    handle.url = database.url;
    handle.db = createDb(appLoginUrl(database.url), { maxConnections: 4 });
    handle.adminDb = createDb(database.url, { privileged: true, maxConnections: 2 });
  }, 180_000);
  afterAll(async () => {
    await handle.db.$disconnect();
    await handle.adminDb.$disconnect();
    await database?.drop();
  });
  return handle;
}
