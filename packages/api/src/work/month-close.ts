import type { Prisma, Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { toJstDate } from '../calendar';
import { AppError } from '../errors/app-error';
import type { CorrectionActor } from './punch-corrections';

// 月次締め. An administrator closes a JST month for a group once its attendance is final (payroll);
// from then on punch corrections of the group's members that touch the month are refused until an
// administrator reopens it. Both steps are audited; the row keeps the last close and reopening.

export const monthCloseSelect = {
  groupId: true,
  month: true,
  closedAt: true,
  closedById: true,
  reopenedAt: true,
  reopenedById: true,
  group: { select: { name: true } },
} satisfies Prisma.MonthCloseSelect;

async function assertGroup(db: Tx, tenantId: string, groupId: string) {
  if (!(await db.group.findFirst({ where: { tenantId, id: groupId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such group.');
}

export async function closeMonth(db: Tx, { tenantId, actor, groupId, month, now }: { tenantId: string; actor: CorrectionActor; groupId: string; month: string; now: Date }) {
  await assertGroup(db, tenantId, groupId);
  const existing = await db.monthClose.findUnique({ where: { tenantId_groupId_month: { tenantId, groupId, month } }, select: { reopenedAt: true } });
  if (existing && existing.reopenedAt === null) throw new AppError('CONFLICT', 'The month is already closed.', { reason: 'ALREADY_CLOSED' });
  const row = await db.monthClose.upsert({
    where: { tenantId_groupId_month: { tenantId, groupId, month } },
    create: { tenantId, groupId, month, closedAt: now, closedById: actor.id },
    update: { closedAt: now, closedById: actor.id, reopenedAt: null, reopenedById: null },
    select: monthCloseSelect,
  });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'attendance.month_closed', targetType: 'Group', targetId: groupId, details: { month }, ip: actor.ip ?? null });
  return row;
}

export async function reopenMonth(db: Tx, { tenantId, actor, groupId, month, now }: { tenantId: string; actor: CorrectionActor; groupId: string; month: string; now: Date }) {
  await assertGroup(db, tenantId, groupId);
  const existing = await db.monthClose.findUnique({ where: { tenantId_groupId_month: { tenantId, groupId, month } }, select: { reopenedAt: true } });
  if (!existing || existing.reopenedAt !== null) throw new AppError('CONFLICT', 'The month is not closed.', { reason: 'NOT_CLOSED' });
  const row = await db.monthClose.update({ where: { tenantId_groupId_month: { tenantId, groupId, month } }, data: { reopenedAt: now, reopenedById: actor.id }, select: monthCloseSelect });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'attendance.month_reopened', targetType: 'Group', targetId: groupId, details: { month }, ip: actor.ip ?? null });
  return row;
}

export function listMonthCloses(db: Tx, { tenantId }: { tenantId: string }) {
  return db.monthClose.findMany({ where: { tenantId }, select: monthCloseSelect, orderBy: [{ month: 'desc' }, { groupId: 'asc' }], take: 500 });
}

/**
 * CONFLICT (reason MONTH_CLOSED) when a JST month touched by one of the spans [start, end) is closed for
 * a group the worker belongs to. Only the first and last month are looked at: a span is ≤ 24 h.
 */
export async function assertMonthsOpen(db: Tx, { tenantId, userId, spans }: { tenantId: string; userId: string; spans: { start: Date; end: Date | null }[] }) {
  // An end at JST midnight belongs to the day before.
  const months = [...new Set(spans.flatMap((s) => [toJstDate(s.start).slice(0, 7), ...(s.end ? [toJstDate(new Date(s.end.getTime() - 1)).slice(0, 7)] : [])]))];
  const groups = await db.groupMembership.findMany({ where: { tenantId, userId, kind: 'MEMBER' }, select: { groupId: true } });
  const closed = await db.monthClose.findFirst({ where: { tenantId, groupId: { in: groups.map((g) => g.groupId) }, month: { in: months }, reopenedAt: null }, select: { month: true } });
  if (closed) throw new AppError('CONFLICT', `The month ${closed.month} is closed.`, { reason: 'MONTH_CLOSED' });
}
