import { afterAll, beforeAll, inject } from 'vitest';
import { appLoginUrl, createDb, provisionAppLogin } from '@telework/db';
// Declares the type of inject('databaseUrl') provided by the db package's global setup.
import type {} from '@telework/db/testing';

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
