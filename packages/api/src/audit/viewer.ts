import type { Prisma, Tx } from '@telework/db';
import { detailUserIds, renderAuditDetails, type AuditNames } from './details';

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
  return page(await nameTenantRows(db, args.tenantId, rows), limit);
}

type TenantRow = Awaited<ReturnType<Tx['auditLog']['findMany']>>[number];

/** The tenant's rows with the names of the people and records they point at, and their details in words (ja and en). */
async function nameTenantRows(db: Tx, tenantId: string, rows: TenantRow[]) {
  const ids = new Set(
    rows.flatMap((r) => [
      ...(r.actorKind === 'USER' && r.actorId ? [r.actorId] : []),
      ...(r.targetType === 'User' && r.targetId ? [r.targetId] : []),
      ...detailUserIds(r.details),
    ]),
  );
  const names = await peopleNames(db, tenantId, [...ids]);
  const records = await recordNames(db, tenantId, rows);
  const book: AuditNames = Object.fromEntries(names);
  return rows.map((r) => ({
    ...r,
    actorName: r.actorKind === 'USER' && r.actorId ? (names.get(r.actorId) ?? null) : null,
    targetName: !r.targetId ? null : r.targetType === 'User' ? (names.get(r.targetId) ?? null) : (records.get(r.targetId) ?? null),
    detailsText: { ja: renderAuditDetails(r.action, r.details, 'ja', book), en: renderAuditDetails(r.action, r.details, 'en', book) },
  }));
}

/**
 * Names of the groups and tasks entries point at: the living from their rows, the deleted from the
 * name their own entries kept (saveGroup, deleteGroup and saveTask record it).
 */
async function recordNames(db: Tx, tenantId: string, rows: TenantRow[]): Promise<Map<string, string>> {
  const of = (type: string) => [...new Set(rows.flatMap((r) => (r.targetType === type && r.targetId ? [r.targetId] : [])))];
  const groupIds = of('Group');
  const taskIds = of('Task');
  const names = new Map<string, string>();
  if (groupIds.length > 0) for (const g of await db.group.findMany({ where: { tenantId, id: { in: groupIds } }, select: { id: true, name: true } })) names.set(g.id, g.name);
  if (taskIds.length > 0) for (const t of await db.task.findMany({ where: { tenantId, id: { in: taskIds } }, select: { id: true, name: true } })) names.set(t.id, t.name);
  const missing = [...groupIds, ...taskIds].filter((id) => !names.has(id));
  if (missing.length > 0) {
    const kept = await db.auditLog.findMany({ where: { tenantId, targetId: { in: missing }, targetType: { in: ['Group', 'Task'] } }, orderBy: { id: 'desc' }, select: { targetId: true, details: true } });
    for (const k of kept) {
      const raw = k.details && typeof k.details === 'object' && !Array.isArray(k.details) ? k.details.name : undefined;
      const name = typeof raw === 'string' ? raw : raw && typeof raw === 'object' && !Array.isArray(raw) && typeof raw.to === 'string' ? raw.to : undefined;
      if (k.targetId && name && !names.has(k.targetId)) names.set(k.targetId, name);
    }
  }
  return names;
}

/** Every entry matching the filter (no paging), newest first, at most `cap` of them, for a CSV export. */
export async function exportTenantAudit(db: Tx, args: { tenantId: string; cap: number } & Omit<AuditFilter, 'cursor' | 'limit'>) {
  const where: Prisma.AuditLogWhereInput = { tenantId: args.tenantId, ...common(args) };
  const rows = await db.auditLog.findMany({ where, orderBy: { id: 'desc' }, take: args.cap + 1 });
  return { rows: await nameTenantRows(db, args.tenantId, rows.slice(0, args.cap)), truncated: rows.length > args.cap };
}

/** Operators' view of provider-side actions (db: operator scope), with the acting operators' and staff's names. */
export async function listProviderAudit(db: Tx, args: AuditFilter & { tenantId?: string }) {
  const limit = args.limit ?? 50;
  const where: Prisma.ProviderAuditLogWhereInput = { ...common(args), ...(args.tenantId ? { tenantId: args.tenantId } : {}) };
  const rows = await db.providerAuditLog.findMany({ where, orderBy: { id: 'desc' }, take: limit + 1 });
  return page(await nameProviderRows(db, rows), limit);
}

/** Every provider entry matching the filter (no paging), newest first, at most `cap`, for a CSV export. */
export async function exportProviderAudit(db: Tx, args: { cap: number; tenantId?: string } & Omit<AuditFilter, 'cursor' | 'limit'>) {
  const where: Prisma.ProviderAuditLogWhereInput = { ...common(args), ...(args.tenantId ? { tenantId: args.tenantId } : {}) };
  const rows = await db.providerAuditLog.findMany({ where, orderBy: { id: 'desc' }, take: args.cap + 1 });
  return { rows: await nameProviderRows(db, rows.slice(0, args.cap)), truncated: rows.length > args.cap };
}

async function nameProviderRows(db: Tx, rows: Awaited<ReturnType<Tx['providerAuditLog']['findMany']>>) {
  const idsOf = (kind: string) => [...new Set(rows.flatMap((r) => (r.actorKind === kind && r.actorId ? [r.actorId] : [])))];
  const operators = await db.operator.findMany({ where: { id: { in: idsOf('OPERATOR') } }, select: { id: true, name: true } });
  const staff = await db.resellerStaff.findMany({ where: { id: { in: idsOf('RESELLER_STAFF') } }, select: { id: true, name: true } });
  const names = new Map([...operators, ...staff].map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    ...r,
    actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
    detailsText: { ja: renderAuditDetails(r.action, r.details, 'ja'), en: renderAuditDetails(r.action, r.details, 'en') },
  }));
}
