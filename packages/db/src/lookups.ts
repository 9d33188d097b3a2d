import type { Db, } from './client';
import type { Tx } from './scope';
import type { TenantStatus } from './generated/prisma/enums';

// Sign-in and device authentication must find a tenant or device before any tenant scope exists.
// These go through narrow SECURITY DEFINER functions (see the migrations) instead of opening
// row-level security: each returns only the ids and status needed to continue.

export interface TenantLookup {
  id: string;
  status: TenantStatus;
  name: string;
}

export async function lookupTenantBySystemId(db: Db | Tx, systemId: string): Promise<TenantLookup | null> {
  const rows = await db.$queryRaw<TenantLookup[]>`SELECT id, status::text AS status, name FROM app_find_tenant_by_system_id(${systemId})`;
  return rows[0] ?? null;
}

export interface DeviceLookup {
  id: string;
  tenantId: string;
  userId: string;
  revokedAt: Date | null;
}

export async function lookupDeviceByTokenHash(db: Db | Tx, tokenHash: string): Promise<DeviceLookup | null> {
  const rows = await db.$queryRaw<DeviceLookup[]>`SELECT id, tenant_id AS "tenantId", user_id AS "userId", revoked_at AS "revokedAt" FROM app_find_device_by_token(${tokenHash})`;
  return rows[0] ?? null;
}

/** For scheduled jobs that visit every tenant, one tenant scope at a time. */
export async function listTenantIds(db: Db | Tx): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT id FROM app_list_tenant_ids() AS t(id)`;
  return rows.map((r) => r.id);
}

/**
 * Active workers per tenant (seats used), for every screen that shows a contract: operators and reseller
 * staff cannot read workers, so a SECURITY DEFINER function counts them for the tenants their scope sees.
 * Tenants with no active worker (or outside the scope) are absent; read them as 0.
 */
export async function countActiveWorkers(db: Db | Tx, tenantIds: string[]): Promise<Map<string, number>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ tenantId: string; workers: number }[]>`
    SELECT tenant_id AS "tenantId", workers FROM app_count_active_workers(${tenantIds}::uuid[])`;
  return new Map(rows.map((r) => [r.tenantId, r.workers]));
}
