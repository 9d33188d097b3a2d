export { createDb, type Db, type CreateDbOptions } from './client';
export { withScope, withTenant, applyScope, type DbScope, type Tx } from './scope';
export { APP_DB_ROLE } from './app-role';
export { lookupTenantBySystemId, lookupDeviceByTokenHash, listTenantIds } from './lookups';
export { seedDemo, DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './seed';
export * from './selects';
export { Prisma } from './generated/prisma/client';
export type * from './generated/prisma/client';
export * from './generated/prisma/enums';
