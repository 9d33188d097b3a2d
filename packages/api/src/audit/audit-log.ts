import type { Prisma, PrincipalKind, Tx } from '@telework/db';
import type { AuditAction, AuditTargetType } from './actions';

export interface AuditEntry {
  actorKind: PrincipalKind;
  actorId: string | null;
  action: AuditAction;
  targetType?: AuditTargetType;
  targetId?: string;
  details?: Prisma.InputJsonValue;
  ip?: string | null;
}

/** Records a tenant-side action (visible to that tenant's administrators). */
export async function recordTenantAudit(db: Tx, tenantId: string, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId,
      actorKind: entry.actorKind,
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details,
      ip: entry.ip ?? null,
    },
  });
}

/** Records a provider-side action (operators, reseller staff). */
export async function recordProviderAudit(
  db: Tx,
  entry: AuditEntry & { tenantId?: string | null; resellerId?: string | null },
): Promise<void> {
  // createMany: an INSERT without RETURNING, since only operators may read the provider's log back.
  await db.providerAuditLog.createMany({
    data: [
      {
        actorKind: entry.actorKind,
        actorId: entry.actorId,
        resellerId: entry.resellerId ?? null,
        tenantId: entry.tenantId ?? null,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        details: entry.details,
        ip: entry.ip ?? null,
      },
    ],
  });
}
