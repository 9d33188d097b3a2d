import { tenantSettingsSelect, tenantSummarySelect, type Tx } from '@telework/db';
import { AppError } from '../errors/app-error';

export async function getTenantSettings(db: Tx, { tenantId }: { tenantId: string }) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { ...tenantSummarySelect, ...tenantSettingsSelect } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such organisation.');
  return tenant;
}

/** Tenants visible in the caller's scope: all for operators, a reseller's own customers for its staff. */
export function listVisibleTenants(db: Tx) {
  return db.tenant.findMany({ select: { ...tenantSummarySelect, createdAt: true }, orderBy: { systemId: 'asc' } });
}

export async function getVisibleTenant(db: Tx, { tenantId }: { tenantId: string }) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { ...tenantSummarySelect, createdAt: true, address: true, phone: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such organisation.');
  return tenant;
}
