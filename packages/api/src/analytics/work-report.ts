import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { addDays, compareIsoDates, daysBetween, jstDayRange, toJstDate, type IsoDate } from '../calendar';
import { groupTreeMemberIds, visibleUserIds, type Viewer } from '../people/scope';
import { resolveSchedules } from '../schedules/resolve-schedules';
import { addDayToTotals, aggregateWorkDays, emptyDayFigureTotals, presenceEventsToIntervals, type DayFigureTotals, type WorkerDay } from './rules';

export const MAX_REPORT_DAYS = 366;

export interface ReportScope {
  tenantId: string;
  viewer: Viewer;
  from: IsoDate;
  to: IsoDate;
  groupId?: string | null;
  userId?: string | null;
}

export interface WorkerTotals extends DayFigureTotals {
  userId: string;
  name: string;
  loginId: string;
  incidents: number;
  forgottenEnds: number;
}

/** The workers a report covers: the viewer's scope, narrowed to a group (with sub-groups) or one worker. */
async function reportWorkers(db: Tx, scope: ReportScope) {
  const visible = await visibleUserIds(db, scope.tenantId, scope.viewer);
  let ids = visible;
  if (scope.groupId) {
    const inGroup = new Set(await groupTreeMemberIds(db, scope.tenantId, scope.groupId));
    ids = (ids ?? [...inGroup]).filter((id) => inGroup.has(id));
  }
  if (scope.userId) {
    if (ids && !ids.includes(scope.userId)) throw new AppError('NOT_FOUND', 'No such user.');
    ids = [scope.userId];
  }
  const users = await db.user.findMany({
    where: { tenantId: scope.tenantId, ...(ids ? { id: { in: ids } } : { role: 'WORKER' }) },
    select: { id: true, name: true, loginId: true },
    orderBy: { loginId: 'asc' },
  });
  if (scope.userId && users.length === 0) throw new AppError('NOT_FOUND', 'No such user.');
  return users;
}

function checkRange(from: IsoDate, to: IsoDate) {
  if (compareIsoDates(from, to) > 0) throw new AppError('VALIDATION', 'The start is after the end.', { fieldErrors: { to: ['before from'] } });
  if (daysBetween(from, to) >= MAX_REPORT_DAYS) throw new AppError('VALIDATION', 'The range is too long.', { fieldErrors: { to: [`at most ${MAX_REPORT_DAYS} days`] } });
}

/**
 * Work analysis for a period: per worker and JST day, worked / present / away time, schedule vs
 * actual (late start, early end, overtime), incidents; plus per-worker totals and task time.
 * Sessions crossing midnight are split by day in the rules (analytics/rules).
 */
export async function buildWorkReport(db: Tx, scope: ReportScope, now = new Date()) {
  checkRange(scope.from, scope.to);
  const users = await reportWorkers(db, scope);
  const userIds = users.map((u) => u.id);
  const rangeStart = jstDayRange(scope.from).start;
  const rangeEnd = jstDayRange(scope.to).end;
  const overlaps = { startedAt: { lt: rangeEnd }, OR: [{ endedAt: null }, { endedAt: { gt: rangeStart } }] };
  // A state reported before the range still holds at its start: look back one day for it.
  const lookback = new Date(rangeStart.getTime() - 86_400_000);

  const [sessions, presence, tasks, incidents, schedules] = await Promise.all([
    db.workSession.findMany({ where: { tenantId: scope.tenantId, userId: { in: userIds }, ...overlaps }, select: { id: true, userId: true, startedAt: true, endedAt: true, flaggedForgotten: true } }),
    db.presenceEvent.findMany({
      where: { tenantId: scope.tenantId, userId: { in: userIds }, occurredAt: { gte: lookback, lt: rangeEnd } },
      select: { userId: true, workSessionId: true, state: true, occurredAt: true },
    }),
    db.taskSession.findMany({ where: { tenantId: scope.tenantId, userId: { in: userIds }, ...overlaps }, select: { userId: true, workSessionId: true, taskId: true, startedAt: true, endedAt: true } }),
    db.incident.findMany({ where: { tenantId: scope.tenantId, userId: { in: userIds }, occurredAt: { gte: rangeStart, lt: rangeEnd } }, select: { userId: true, occurredAt: true, kind: true } }),
    // From the day before: its night shift (夜勤) may reach into the first day.
    resolveSchedules(db, { tenantId: scope.tenantId, userIds, from: addDays(scope.from, -1), to: scope.to }),
  ]);

  // Approved punch corrections (打刻修正) replace their session's times, newest decision first; one
  // without a session adds the work that was never punched. The punched rows stay as they are.
  const corrections = await db.punchCorrection.findMany({
    where: {
      tenantId: scope.tenantId,
      userId: { in: userIds },
      status: 'APPROVED',
      OR: [{ workSessionId: { in: sessions.map((s) => s.id) } }, { startedAt: { lt: rangeEnd }, endedAt: { gt: rangeStart } }],
    },
    select: { id: true, userId: true, workSessionId: true, startedAt: true, endedAt: true },
    orderBy: [{ decidedAt: 'asc' }, { createdAt: 'asc' }],
  });
  const correctedTimes = new Map<string, { userId: string; startedAt: Date; endedAt: Date }>();
  for (const c of corrections) correctedTimes.set(c.workSessionId ?? `correction:${c.id}`, c);
  const sessionInputs = sessions.map((s) => {
    const c = correctedTimes.get(s.id);
    return c ? { id: s.id, workerId: s.userId, startedAt: c.startedAt, endedAt: c.endedAt, corrected: true } : { id: s.id, workerId: s.userId, startedAt: s.startedAt, endedAt: s.endedAt };
  });
  const loaded = new Set(sessions.map((s) => s.id));
  for (const [id, c] of correctedTimes) if (!loaded.has(id)) sessionInputs.push({ id, workerId: c.userId, startedAt: c.startedAt, endedAt: c.endedAt, corrected: true });

  const days = aggregateWorkDays({
    from: scope.from,
    to: scope.to,
    asOf: now,
    sessions: sessionInputs,
    presence: presenceEventsToIntervals(presence.map((p) => ({ workerId: p.userId, workSessionId: p.workSessionId, state: p.state, occurredAt: p.occurredAt }))),
    tasks: tasks.map((t) => ({ workerId: t.userId, workSessionId: t.workSessionId, taskId: t.taskId, startedAt: t.startedAt, endedAt: t.endedAt })),
    schedules,
  });

  const incidentsByDay = new Map<string, number>();
  for (const i of incidents) {
    const key = `${i.userId}|${toJstDate(i.occurredAt)}`;
    incidentsByDay.set(key, (incidentsByDay.get(key) ?? 0) + 1);
  }
  const forgotten = new Map<string, number>();
  for (const s of sessions) if (s.flaggedForgotten) forgotten.set(s.userId, (forgotten.get(s.userId) ?? 0) + 1);

  const totals = new Map<string, WorkerTotals>(
    users.map((u) => [u.id, { userId: u.id, name: u.name, loginId: u.loginId, ...emptyDayFigureTotals(), incidents: 0, forgottenEnds: forgotten.get(u.id) ?? 0 }]),
  );
  const rows: (WorkerDay & { incidents: number })[] = [];
  const taskMinutes = new Map<string, Map<string, number>>();
  for (const d of days) {
    const t = totals.get(d.workerId);
    if (!t) continue;
    const incidentsToday = incidentsByDay.get(`${d.workerId}|${d.date}`) ?? 0;
    rows.push({ ...d, incidents: incidentsToday });
    addDayToTotals(t, d);
    t.incidents += incidentsToday;
    for (const [taskId, minutes] of Object.entries(d.taskMinutes)) {
      const perWorker = taskMinutes.get(taskId) ?? new Map<string, number>();
      perWorker.set(d.workerId, (perWorker.get(d.workerId) ?? 0) + minutes);
      taskMinutes.set(taskId, perWorker);
    }
  }
  const taskRows = await db.task.findMany({ where: { tenantId: scope.tenantId, id: { in: [...taskMinutes.keys()] } }, select: { id: true, code: true, name: true } });
  const taskTotals = taskRows
    .map((task) => {
      const perWorker = taskMinutes.get(task.id) ?? new Map<string, number>();
      return { ...task, minutes: [...perWorker.values()].reduce((a, b) => a + b, 0), byWorker: Object.fromEntries(perWorker) };
    })
    .sort((a, b) => b.minutes - a.minutes);
  const workers = [...totals.values()];
  const group = workers.reduce(
    (g, w) => ({ workedMinutes: g.workedMinutes + w.workedMinutes, presentMinutes: g.presentMinutes + w.presentMinutes, awayMinutes: g.awayMinutes + w.awayMinutes, overtimeMinutes: g.overtimeMinutes + w.overtimeMinutes, incidents: g.incidents + w.incidents }),
    { workedMinutes: 0, presentMinutes: 0, awayMinutes: 0, overtimeMinutes: 0, incidents: 0 },
  );
  return { from: scope.from, to: scope.to, generatedAt: now, workers, days: rows, tasks: taskTotals, group };
}
