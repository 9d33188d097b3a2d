import { listTenantIds, withTenant, type Db, type Tx } from '@telework/db';
import { toJstDate, jstDateTimeToInstant } from '../calendar';
import { closeForgottenSession, type ForgottenEndRule } from '../analytics/rules';
import { recordTenantAudit } from '../audit/audit-log';
import { defineJob } from '../jobs/job-types';
import { resolveSchedules } from '../schedules/resolve-schedules';
import { liveWorkEnded } from './live-state';

/**
 * Closes the open work sessions of one tenant whose forgotten-end rule has come due, flags them,
 * ends their open task, and records it. Returns how many were closed.
 */
export async function closeForgottenSessions(db: Tx, { tenantId, now }: { tenantId: string; now: Date }): Promise<number> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { forgottenEndRule: true, forgottenEndAfterHours: true } });
  const rule: ForgottenEndRule =
    tenant.forgottenEndRule === 'AFTER_HOURS' ? { kind: 'AFTER_HOURS', hours: tenant.forgottenEndAfterHours } : { kind: tenant.forgottenEndRule };
  const open = await db.workSession.findMany({ where: { tenantId, endedAt: null }, select: { id: true, userId: true, startedAt: true } });
  let closed = 0;
  for (const s of open) {
    const day = toJstDate(s.startedAt);
    const plan = rule.kind === 'AT_SCHEDULED_END' ? (await resolveSchedules(db, { tenantId, userIds: [s.userId], from: day, to: day }))[0] : undefined;
    const scheduledEnd = plan && !plan.isDayOff ? jstDateTimeToInstant(day, plan.endMinute) : null;
    const decision = closeForgottenSession({ startedAt: s.startedAt, endedAt: null }, rule, { now, scheduledEnd });
    if (!decision.endedAt) continue;
    const endedAt = decision.endedAt;
    await db.taskSession.updateMany({ where: { tenantId, workSessionId: s.id, endedAt: null }, data: { endedAt } });
    const r = await db.workSession.updateMany({
      where: { tenantId, id: s.id, endedAt: null },
      data: { endedAt, endReason: 'FORGOTTEN_AUTO_CLOSE', flaggedForgotten: true, openForUserId: null },
    });
    if (r.count === 0) continue;
    await liveWorkEnded(db, { tenantId, userId: s.userId, workSessionId: s.id });
    closed++;
    await recordTenantAudit(db, tenantId, { actorKind: 'SYSTEM', actorId: null, action: 'work.session_auto_closed', targetType: 'WorkSession', targetId: s.id, details: { userId: s.userId, endedAt: endedAt.toISOString(), rule: rule.kind } });
  }
  return closed;
}

export async function closeForgottenSessionsEverywhere(db: Db, now: Date): Promise<number> {
  let total = 0;
  for (const tenantId of await listTenantIds(db)) total += await withTenant(db, tenantId, (tx) => closeForgottenSessions(tx, { tenantId, now }));
  return total;
}

export const closeForgottenSessionsJob = defineJob({
  name: 'work.close-forgotten-sessions',
  cron: '*/10 * * * *',
  handler: ({ db, now }) => closeForgottenSessionsEverywhere(db, now()),
});
