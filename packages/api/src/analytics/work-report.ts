import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { compareIsoDates, daysBetween, type IsoDate } from '../calendar';
import { groupTreeMemberIds, visibleUserIds, type Viewer } from '../people/scope';
import { loadReportInputs, type ReportInputLoader } from './report-inputs';
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
 * Sessions crossing midnight are split by day in the rules (analytics/rules). The rows come from
 * `load` (report-inputs.ts; tests pass the reference loader to compare).
 */
export async function buildWorkReport(db: Tx, scope: ReportScope, now = new Date(), load: ReportInputLoader = loadReportInputs) {
  checkRange(scope.from, scope.to);
  const users = await reportWorkers(db, scope);
  const userIds = users.map((u) => u.id);
  const inputs = await load(db, { tenantId: scope.tenantId, userIds, from: scope.from, to: scope.to });
  const days = aggregateWorkDays({
    from: scope.from,
    to: scope.to,
    asOf: now,
    sessions: inputs.sessions,
    presence: presenceEventsToIntervals(inputs.presence),
    tasks: inputs.tasks,
    schedules: inputs.schedules,
  });
  const incidentsByDay = inputs.incidentsByDay;
  const forgotten = inputs.forgottenEnds;

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
