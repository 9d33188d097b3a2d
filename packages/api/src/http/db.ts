import { createDb, type Db } from '@telework/db';
import { apiEnv } from '../env';

// One Prisma client per server process, shared by every request (the pool lives inside it).
// Kept on globalThis so Next's dev-mode module reloads do not open a new pool each time.
const holder = globalThis as unknown as { __teleworkDb?: Db };

export function getServerDb(): Db {
  if (!holder.__teleworkDb) {
    if (!apiEnv.DATABASE_URL) throw new Error('DATABASE_URL is not set: start the apps through `npm start` or set it.');
    holder.__teleworkDb = createDb(apiEnv.DATABASE_URL);
  }
  return holder.__teleworkDb;
}
