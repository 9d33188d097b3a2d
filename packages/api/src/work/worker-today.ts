import type { Tx } from '@telework/db';
import { buildWorkReport } from '../analytics/work-report';
import { toJstDate } from '../calendar';
import { getWorkerState } from './current-state';

/**
 * A worker's own figures for today (Asia/Tokyo): worked, present and away minutes and minutes per task
 * from the same rules as the console's work analysis, with the open session, the task in progress and
 * the last presence the status board shows. An open session counts up to `now`.
 */
export async function getWorkerToday(db: Tx, { tenantId, userId }: { tenantId: string; userId: string }, now = new Date()) {
  const date = toJstDate(now);
  const report = await buildWorkReport(db, { tenantId, viewer: { id: userId, role: 'WORKER' }, from: date, to: date, userId }, now);
  const state = await getWorkerState(db, { tenantId, userId });
  const live = await db.workerLiveState.findUnique({ where: { tenantId_userId: { tenantId, userId } }, select: { lastPresence: true, lastPresenceAt: true } });
  const totals = report.workers[0];
  return {
    date,
    workedMinutes: totals?.workedMinutes ?? 0,
    presentMinutes: totals?.presentMinutes ?? 0,
    awayMinutes: totals?.awayMinutes ?? 0,
    tasks: report.tasks.map((t) => ({ taskId: t.id, code: t.code, name: t.name, minutes: t.minutes })),
    state: state.currentTask ? ('ON_TASK' as const) : state.working ? ('WORKING' as const) : ('OFF' as const),
    workSession: state.workSession ? { id: state.workSession.id, startedAt: state.workSession.startedAt } : null,
    currentTask: state.currentTask,
    presence: state.working && live?.lastPresence ? { state: live.lastPresence, at: live.lastPresenceAt } : null,
  };
}
