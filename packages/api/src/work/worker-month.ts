import type { Tx } from '@telework/db';
import { lastDayOfMonth } from '../calendar';
import { buildWorkReport } from '../analytics/work-report';
import { emptyDayFigureTotals } from '../analytics/rules';

/**
 * The signed-in worker's own figures for a JST month (worked, present, away, work days, late starts,
 * early ends, absences), from the same report as the console's work analysis: the totals are the sums
 * of the returned days. Only the caller's own data: the user id comes from the session, never input.
 */
export async function getWorkerMonth(db: Tx, { tenantId, userId, role, month }: { tenantId: string; userId: string; role: 'ADMIN' | 'MANAGER' | 'WORKER'; month: string }, now = new Date()) {
  const from = `${month}-01`;
  const report = await buildWorkReport(db, { tenantId, viewer: { id: userId, role }, from, to: lastDayOfMonth(from), userId }, now);
  const t = report.workers[0] ?? emptyDayFigureTotals();
  const figures = {
    workedMinutes: t.workedMinutes,
    presentMinutes: t.presentMinutes,
    awayMinutes: t.awayMinutes,
    plannedMinutes: t.plannedMinutes,
    workDays: t.workDays,
    absentDays: t.absentDays,
    lateStartDays: t.lateStartDays,
    lateStartMinutes: t.lateStartMinutes,
    earlyEndDays: t.earlyEndDays,
    earlyEndMinutes: t.earlyEndMinutes,
  };
  return {
    month,
    totals: figures,
    days: report.days.map((d) => ({
      date: d.date,
      workedMinutes: d.workedMinutes,
      presentMinutes: d.presentMinutes,
      awayMinutes: d.awayMinutes,
      lateStartMinutes: d.schedule?.lateStartMinutes ?? 0,
      earlyEndMinutes: d.schedule?.earlyEndMinutes ?? 0,
      absent: d.schedule?.absent ?? false,
      corrected: d.corrected,
    })),
  };
}
