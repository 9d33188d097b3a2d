import type { ReportPeriod, Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';

export function listReportSubscriptions(db: Tx, { tenantId }: { tenantId: string }) {
  return db.reportSubscription.findMany({
    where: { tenantId },
    select: { id: true, groupId: true, period: true, recipientUserIds: true, active: true, group: { select: { name: true } }, runs: { orderBy: { periodStart: 'desc' }, take: 5, select: { id: true, periodStart: true, periodEnd: true, status: true, sentAt: true, error: true } } },
    orderBy: { createdAt: 'asc' },
  });
}

interface SubscriptionInput {
  groupId: string;
  period: ReportPeriod;
  recipientUserIds: string[];
  active: boolean;
}

/** Recipients must be managers or admins of the tenant with an e-mail address. */
async function assertValid(db: Tx, tenantId: string, input: SubscriptionInput) {
  if (!(await db.group.findFirst({ where: { tenantId, id: input.groupId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such group.');
  const ids = [...new Set(input.recipientUserIds)];
  const ok = await db.user.count({ where: { tenantId, id: { in: ids }, role: { in: ['ADMIN', 'MANAGER'] }, email: { not: null }, disabledAt: null } });
  if (ok !== ids.length) throw new AppError('VALIDATION', 'Every recipient must be a manager or admin with an e-mail address.', { fieldErrors: { recipientUserIds: ['not a manager with e-mail'] } });
}

export async function saveReportSubscription(db: Tx, { tenantId, actor, subscriptionId, input }: { tenantId: string; actor: { id: string; ip: string | null }; subscriptionId: string | null; input: SubscriptionInput }) {
  await assertValid(db, tenantId, input);
  const data = { groupId: input.groupId, period: input.period, active: input.active, recipientUserIds: [...new Set(input.recipientUserIds)] };
  let id = subscriptionId;
  if (id) {
    const r = await db.reportSubscription.updateMany({ where: { tenantId, id }, data });
    if (r.count === 0) throw new AppError('NOT_FOUND', 'No such report.');
  } else {
    id = (await db.reportSubscription.create({ data: { tenantId, ...data }, select: { id: true } })).id;
  }
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: subscriptionId ? 'report.updated' : 'report.created', targetType: 'ReportSubscription', targetId: id, ip: actor.ip });
  return { subscriptionId: id };
}

export async function deleteReportSubscription(db: Tx, { tenantId, actor, subscriptionId }: { tenantId: string; actor: { id: string; ip: string | null }; subscriptionId: string }) {
  const r = await db.reportSubscription.deleteMany({ where: { tenantId, id: subscriptionId } });
  if (r.count === 0) throw new AppError('NOT_FOUND', 'No such report.');
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'report.deleted', targetType: 'ReportSubscription', targetId: subscriptionId, ip: actor.ip });
  return { ok: true as const };
}
