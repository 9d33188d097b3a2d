import type { Column } from '../exports';
import type { WorkerTotals } from './work-report';
import type { WorkerDay } from './rules';
import type { PayrollRow } from '../work/payroll';

// Column sets for exporting the work report. Headers are chosen per language here, on the server,
// because exports and report e-mails are produced without a browser.

export type ReportLanguage = 'ja' | 'en';
export type ReportTableName = 'workers' | 'days' | 'tasks';

const H = {
  ja: { loginId: 'ユーザID', name: '氏名', date: '日付', worked: '勤務(分)', present: '在席(分)', away: '離席(分)', planned: '予定(分)', overtime: '残業(分)', late: '遅刻日数', lateMin: '遅刻(分)', early: '早退日数', earlyMin: '早退(分)', absent: '欠勤日数', workDays: '勤務日数', incidents: 'インシデント', forgotten: '終了打刻漏れ', first: '開始', last: '終了', code: 'タスクコード', task: 'タスク', minutes: '時間(分)', corrected: '打刻修正' },
  en: { loginId: 'User ID', name: 'Name', date: 'Date', worked: 'Worked (min)', present: 'Present (min)', away: 'Away (min)', planned: 'Planned (min)', overtime: 'Overtime (min)', late: 'Late days', lateMin: 'Late (min)', early: 'Early-end days', earlyMin: 'Early end (min)', absent: 'Absent days', workDays: 'Work days', incidents: 'Incidents', forgotten: 'Forgotten ends', first: 'Start', last: 'End', code: 'Task code', task: 'Task', minutes: 'Minutes', corrected: 'Corrected' },
} as const;

export function workerColumns(lang: ReportLanguage): Column<WorkerTotals>[] {
  const h = H[lang];
  return [
    { header: h.loginId, value: (r) => r.loginId, width: 14 },
    { header: h.name, value: (r) => r.name, width: 18 },
    { header: h.workDays, value: (r) => r.workDays },
    { header: h.worked, value: (r) => r.workedMinutes },
    { header: h.present, value: (r) => r.presentMinutes },
    { header: h.away, value: (r) => r.awayMinutes },
    { header: h.planned, value: (r) => r.plannedMinutes },
    { header: h.overtime, value: (r) => r.overtimeMinutes },
    { header: h.late, value: (r) => r.lateStartDays },
    { header: h.lateMin, value: (r) => r.lateStartMinutes },
    { header: h.early, value: (r) => r.earlyEndDays },
    { header: h.earlyMin, value: (r) => r.earlyEndMinutes },
    { header: h.absent, value: (r) => r.absentDays },
    { header: h.incidents, value: (r) => r.incidents },
    { header: h.forgotten, value: (r) => r.forgottenEnds },
  ];
}

export function dayColumns(lang: ReportLanguage, names: Map<string, { name: string; loginId: string }>): Column<WorkerDay & { incidents: number }>[] {
  const h = H[lang];
  return [
    { header: h.date, value: (r) => r.date, width: 12 },
    { header: h.loginId, value: (r) => names.get(r.workerId)?.loginId ?? '', width: 14 },
    { header: h.name, value: (r) => names.get(r.workerId)?.name ?? '', width: 18 },
    { header: h.first, value: (r) => r.firstStartAt, width: 18 },
    { header: h.last, value: (r) => r.lastEndAt, width: 18 },
    { header: h.worked, value: (r) => r.workedMinutes },
    { header: h.present, value: (r) => r.presentMinutes },
    { header: h.away, value: (r) => r.awayMinutes },
    { header: h.planned, value: (r) => r.schedule?.plannedMinutes ?? null },
    { header: h.lateMin, value: (r) => r.schedule?.lateStartMinutes ?? null },
    { header: h.earlyMin, value: (r) => r.schedule?.earlyEndMinutes ?? null },
    { header: h.overtime, value: (r) => r.schedule?.overtimeMinutes ?? null },
    { header: h.incidents, value: (r) => r.incidents },
    // The mark of a day whose times come from an approved punch correction.
    { header: h.corrected, value: (r) => (r.corrected ? '※' : '') },
  ];
}

export interface TaskRow {
  code: string;
  name: string;
  minutes: number;
}

export function taskColumns(lang: ReportLanguage): Column<TaskRow>[] {
  const h = H[lang];
  return [
    { header: h.code, value: (r) => r.code, width: 12 },
    { header: h.task, value: (r) => r.name, width: 24 },
    { header: h.minutes, value: (r) => r.minutes },
  ];
}

/**
 * The payroll file's fixed layout (docs/attendance-rules.md, "Payroll file"): the same Japanese
 * headers in every language, since payroll software imports by them. Times are whole minutes.
 */
export const PAYROLL_HEADERS = ['社員番号', '氏名', '出勤日数', '欠勤日数', '遅刻', '早退', '総労働時間', '残業時間', '深夜時間', '休日出勤'] as const;

export function payrollColumns(): Column<PayrollRow>[] {
  const values: ((r: PayrollRow) => string | number)[] = [
    (r) => r.employeeNo,
    (r) => r.name,
    (r) => r.presentDays,
    (r) => r.absentDays,
    (r) => r.lateDays,
    (r) => r.earlyDays,
    (r) => r.workedMinutes,
    (r) => r.overtimeMinutes,
    (r) => r.nightMinutes,
    (r) => r.holidayMinutes,
  ];
  return PAYROLL_HEADERS.map((header, i) => ({ header, value: (r: PayrollRow) => values[i]?.(r), width: i < 2 ? 16 : 10 }));
}
