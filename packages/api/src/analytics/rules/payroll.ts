import type { IsoDate } from '../../calendar/day-number';
import type { WorkerDay } from './types';

// The monthly payroll figures (月次締めの給与連携), per worker, from the same day rows as every report
// (aggregateWorkDays). Definitions are in docs/attendance-rules.md, "Payroll file":
// - 出勤日数: days with any work; 欠勤日数: planned working days marked absent;
// - 遅刻 / 早退: days with a late start / an early end against the plan;
// - 総労働時間: worked minutes; 残業時間: worked beyond the legal 8 h of a day (法定時間外), per day;
// - 深夜時間: worked minutes between 22:00 and 05:00 JST; 休日出勤: worked minutes on a non-work day
//   (the day's schedule says day off, or, without a schedule, a weekend or national holiday).

export const LEGAL_DAY_MINUTES = 8 * 60;

export interface PayrollFigures {
  presentDays: number;
  absentDays: number;
  lateDays: number;
  earlyDays: number;
  workedMinutes: number;
  overtimeMinutes: number;
  nightMinutes: number;
  holidayMinutes: number;
}

export function emptyPayrollFigures(): PayrollFigures {
  return { presentDays: 0, absentDays: 0, lateDays: 0, earlyDays: 0, workedMinutes: 0, overtimeMinutes: 0, nightMinutes: 0, holidayMinutes: 0 };
}

/** One day's payroll figures. `isWorkDay` answers for days without a schedule (the calendar). */
export function payrollDay(d: WorkerDay, isWorkDay: (date: IsoDate) => boolean): PayrollFigures {
  const nonWorkDay = d.schedule ? d.schedule.dayOff : !isWorkDay(d.date);
  return {
    presentDays: d.workedMinutes > 0 ? 1 : 0,
    absentDays: d.schedule?.absent ? 1 : 0,
    lateDays: (d.schedule?.lateStartMinutes ?? 0) > 0 ? 1 : 0,
    earlyDays: (d.schedule?.earlyEndMinutes ?? 0) > 0 ? 1 : 0,
    workedMinutes: d.workedMinutes,
    overtimeMinutes: Math.max(0, d.workedMinutes - LEGAL_DAY_MINUTES),
    nightMinutes: d.nightMinutes,
    holidayMinutes: nonWorkDay ? d.workedMinutes : 0,
  };
}

/** Adds `b` into `a` (in place). */
export function addPayrollFigures(a: PayrollFigures, b: PayrollFigures): void {
  a.presentDays += b.presentDays;
  a.absentDays += b.absentDays;
  a.lateDays += b.lateDays;
  a.earlyDays += b.earlyDays;
  a.workedMinutes += b.workedMinutes;
  a.overtimeMinutes += b.overtimeMinutes;
  a.nightMinutes += b.nightMinutes;
  a.holidayMinutes += b.holidayMinutes;
}

/** Per worker of `workers` (in that order, including those without any day), the sums of their days. */
export function payrollTotals<W extends { userId: string }>(workers: readonly W[], days: readonly WorkerDay[], isWorkDay: (date: IsoDate) => boolean): (W & PayrollFigures)[] {
  const sums = new Map(workers.map((w) => [w.userId, emptyPayrollFigures()]));
  for (const d of days) {
    const sum = sums.get(d.workerId);
    if (sum) addPayrollFigures(sum, payrollDay(d, isWorkDay));
  }
  return workers.map((w) => ({ ...w, ...(sums.get(w.userId) ?? emptyPayrollFigures()) }));
}
