import type { Db } from './client';
import type { Prisma } from './generated/prisma/client';

export type Tx = Prisma.TransactionClient;

/**
 * What row-level security lets a transaction see. The settings are transaction-local
 * (`set_config(…, true)`), so nothing leaks to the pooled connection after commit.
 * - tenantId: rows of that tenant (every tenant-owned table)
 * - operator: provider operators' view of contracts, billing, notices, inquiries (never images or faces)
 * - resellerId: a reseller's own applications and its customers' contracts and invoices
 */
export interface DbScope {
  tenantId?: string;
  operator?: boolean;
  resellerId?: string;
}

export async function applyScope(tx: Tx, scope: DbScope): Promise<void> {
  await tx.$executeRaw`SELECT set_config('app.tenant_id', ${scope.tenantId ?? ''}, true),
    set_config('app.operator', ${scope.operator ? 'on' : ''}, true),
    set_config('app.reseller_id', ${scope.resellerId ?? ''}, true)`;
}

/** Runs `fn` in one transaction with the given row-level-security scope. */
export function withScope<T>(db: Db, scope: DbScope, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await applyScope(tx, scope);
    return fn(tx);
  });
}

export function withTenant<T>(db: Db, tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withScope(db, { tenantId }, fn);
}
