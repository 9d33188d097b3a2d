import type { WorkerDay } from './types';

/** A worker's figures over a period: every one is the sum of the worker's day rows. */
export interface DayFigureTotals {
  workedMinutes: number;
  presentMinutes: number;
  awayMinutes: number;
  plannedMinutes: number;
  overtimeMinutes: number;
  lateStartDays: number;
  lateStartMinutes: number;
  earlyEndDays: number;
  earlyEndMinutes: number;
  absentDays: number;
  workDays: number;
}

export function emptyDayFigureTotals(): DayFigureTotals {
  return { workedMinutes: 0, presentMinutes: 0, awayMinutes: 0, plannedMinutes: 0, overtimeMinutes: 0, lateStartDays: 0, lateStartMinutes: 0, earlyEndDays: 0, earlyEndMinutes: 0, absentDays: 0, workDays: 0 };
}

/** Adds one day row to a worker's totals (in place). */
export function addDayToTotals(t: DayFigureTotals, d: WorkerDay): void {
  t.workedMinutes += d.workedMinutes;
  t.presentMinutes += d.presentMinutes;
  t.awayMinutes += d.awayMinutes;
  if (d.workedMinutes > 0) t.workDays++;
  if (d.schedule) {
    t.plannedMinutes += d.schedule.plannedMinutes;
    t.overtimeMinutes += d.schedule.overtimeMinutes;
    if (d.schedule.lateStartMinutes > 0) {
      t.lateStartDays++;
      t.lateStartMinutes += d.schedule.lateStartMinutes;
    }
    if (d.schedule.earlyEndMinutes > 0) {
      t.earlyEndDays++;
      t.earlyEndMinutes += d.schedule.earlyEndMinutes;
    }
    if (d.schedule.absent) t.absentDays++;
  }
}
