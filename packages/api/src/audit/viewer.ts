import type { Prisma, Tx } from '@telework/db';

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  from?: Date;
  to?: Date;
  /** The id of the last row of the previous page (rows are newest first; uuid v7 ids sort by time). */
  cursor?: string;
  limit?: number;
}

function page<T extends { id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}

function common(f: AuditFilter) {
  return {
    ...(f.action ? { action: f.action.endsWith('*') ? { startsWith: f.action.slice(0, -1) } : f.action } : {}),
    ...(f.actorId ? { actorId: f.actorId } : {}),
    ...(f.targetType ? { targetType: f.targetType } : {}),
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(f.cursor ? { id: { lt: f.cursor } } : {}),
  };
}

/**
 * Names of the tenant's people by id: the living from their rows, the deleted from the name their
 * `user.deleted` entry kept (deleteUser records it).
 */
async function peopleNames(db: Tx, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await db.user.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length > 0) {
    const deleted = await db.auditLog.findMany({ where: { tenantId, action: 'user.deleted', targetId: { in: missing } }, select: { targetId: true, details: true } });
    for (const d of deleted) {
      const name = d.details && typeof d.details === 'object' && !Array.isArray(d.details) ? d.details.name : undefined;
      if (d.targetId && typeof name === 'string') names.set(d.targetId, name);
    }
  }
  return names;
}

/** An administrator's view of their tenant's audit log (db: tenant scope), with the acting and target users' names. */
export async function listTenantAudit(db: Tx, args: { tenantId: string } & AuditFilter) {
  const limit = args.limit ?? 50;
  const where: Prisma.AuditLogWhereInput = { tenantId: args.tenantId, ...common(args) };
  const rows = await db.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: limit + 1 });
  const ids = new Set(rows.flatMap((r) => [...(r.actorKind === 'USER' && r.actorId ? [r.actorId] : []), ...(r.targetType === 'User' && r.targetId ? [r.targetId] : [])]));
  const names = await peopleNames(db, args.tenantId, [...ids]);
  return page(
    rows.map((r) => ({
      ...r,
      actorName: r.actorKind === 'USER' && r.actorId ? (names.get(r.actorId) ?? null) : null,
      targetName: r.targetType === 'User' && r.targetId ? (names.get(r.targetId) ?? null) : null,
    })),
    limit,
  );
}

/** Operators' view of provider-side actions (db: operator scope), with the acting operators' and staff's names. */
export async function listProviderAudit(db: Tx, args: AuditFilter & { tenantId?: string }) {
  const limit = args.limit ?? 50;
  const where: Prisma.ProviderAuditLogWhereInput = { ...common(args), ...(args.tenantId ? { tenantId: args.tenantId } : {}) };
  const rows = await db.providerAuditLog.findMany({ where, orderBy: { id: 'desc' }, take: limit + 1 });
  const idsOf = (kind: string) => [...new Set(rows.flatMap((r) => (r.actorKind === kind && r.actorId ? [r.actorId] : [])))];
  const operators = await db.operator.findMany({ where: { id: { in: idsOf('OPERATOR') } }, select: { id: true, name: true } });
  const staff = await db.resellerStaff.findMany({ where: { id: { in: idsOf('RESELLER_STAFF') } }, select: { id: true, name: true } });
  const names = new Map([...operators, ...staff].map((p) => [p.id, p.name]));
  return page(
    rows.map((r) => ({ ...r, actorName: r.actorId ? (names.get(r.actorId) ?? null) : null })),
    limit,
  );
}
