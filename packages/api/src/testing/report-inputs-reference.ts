import { applyCorrections, countIncidentsByDay, inputWindow, type ReportInputLoader } from '../analytics/report-inputs';
import { addDays } from '../calendar';
import { resolveSchedules } from '../schedules/resolve-schedules';

/**
 * The reference for the work report's loader (analytics/report-inputs.ts): the straightforward
 * ORM queries the report used before the set-based loader (issue 16), row objects and id lists
 * included. Tests check that both feed the attendance rules exactly the same figures, and the bench
 * times both.
 */
export const loadReportInputsReference: ReportInputLoader = async (db, { tenantId, userIds, from, to }) => {
  const { start: rangeStart, end: rangeEnd, lookback } = inputWindow(from, to);
  const overlaps = { startedAt: { lt: rangeEnd }, OR: [{ endedAt: null }, { endedAt: { gt: rangeStart } }] };
  const [sessions, presence, tasks, incidents, schedules] = await Promise.all([
    db.workSession.findMany({ where: { tenantId, userId: { in: userIds }, ...overlaps }, select: { id: true, userId: true, startedAt: true, endedAt: true, flaggedForgotten: true } }),
    db.presenceEvent.findMany({
      where: { tenantId, userId: { in: userIds }, occurredAt: { gte: lookback, lt: rangeEnd } },
      select: { userId: true, workSessionId: true, state: true, occurredAt: true },
    }),
    db.taskSession.findMany({ where: { tenantId, userId: { in: userIds }, ...overlaps }, select: { userId: true, workSessionId: true, taskId: true, startedAt: true, endedAt: true } }),
    db.incident.findMany({ where: { tenantId, userId: { in: userIds }, occurredAt: { gte: rangeStart, lt: rangeEnd } }, select: { userId: true, occurredAt: true } }),
    // From the day before: its night shift (夜勤) may reach into the first day.
    resolveSchedules(db, { tenantId, userIds, from: addDays(from, -1), to }),
  ]);
  const corrections = await db.punchCorrection.findMany({
    where: {
      tenantId,
      userId: { in: userIds },
      status: 'APPROVED',
      OR: [{ workSessionId: { in: sessions.map((s) => s.id) } }, { startedAt: { lt: rangeEnd }, endedAt: { gt: rangeStart } }],
    },
    select: { id: true, userId: true, workSessionId: true, startedAt: true, endedAt: true },
    orderBy: [{ decidedAt: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  const forgottenEnds = new Map<string, number>();
  for (const s of sessions) if (s.flaggedForgotten) forgottenEnds.set(s.userId, (forgottenEnds.get(s.userId) ?? 0) + 1);
  return {
    sessions: applyCorrections(sessions, corrections),
    presence: presence.map((p) => ({ workerId: p.userId, workSessionId: p.workSessionId, state: p.state, occurredAt: p.occurredAt })),
    tasks: tasks.map((t) => ({ workerId: t.userId, workSessionId: t.workSessionId, taskId: t.taskId, startedAt: t.startedAt, endedAt: t.endedAt })),
    schedules,
    incidentsByDay: countIncidentsByDay(incidents),
    forgottenEnds,
  };
};
