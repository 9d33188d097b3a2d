import type { Prisma, Tx } from '@telework/db';

export interface AuditFilter {
  action?: string;
  actorId?: string;
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
    ...(f.from || f.to ? { createdAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
    ...(f.cursor ? { id: { lt: f.cursor } } : {}),
  };
}

/** An administrator's view of their tenant's audit log (db: tenant scope), with the acting users' names. */
export async function listTenantAudit(db: Tx, args: { tenantId: string } & AuditFilter) {
  const limit = args.limit ?? 50;
  const where: Prisma.AuditLogWhereInput = { tenantId: args.tenantId, ...common(args) };
  const rows = await db.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: limit + 1 });
  const userIds = [...new Set(rows.filter((r) => r.actorKind === 'USER' && r.actorId).map((r) => r.actorId ?? ''))];
  const users = await db.user.findMany({ where: { tenantId: args.tenantId, id: { in: userIds } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return page(
    rows.map((r) => ({ ...r, actorName: r.actorKind === 'USER' && r.actorId ? (names.get(r.actorId) ?? null) : null })),
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
