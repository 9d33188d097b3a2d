import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';
import { APP_DB_ROLE } from './app-role';
import { dbEnv } from './env';

export type Db = PrismaClient;

export interface CreateDbOptions {
  /** Pool size per process. */
  maxConnections?: number;
  /**
   * Connect as the migrating/owner user instead of the application role. Only the seed, migrations and
   * test fixtures use this; application code never does (it would bypass row-level security).
   */
  privileged?: boolean;
}

/** The one factory for Prisma clients. Apps get their client from here, never construct one. */
export function createDb(url: string, options: CreateDbOptions = {}): Db {
  const adapter = new PrismaPg({
    connectionString: url,
    max: options.maxConnections ?? dbEnv.DB_POOL_MAX,
    // JIT compilation costs tens of milliseconds per query and only pays off for long analytical
    // queries, which this application does not send; the role is fixed at connection start.
    options: options.privileged ? '-c jit=off' : `-c role=${APP_DB_ROLE} -c jit=off`,
  });
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 30_000 } });
}
