import type { Column } from './table';

// A work report as the console exports it: Japanese names, a task name with every CSV special
// character, an instant, minutes, and an empty cell.
export interface ReportRow {
  name: string;
  task: string;
  startedAt: Date | null;
  minutes: number;
}

export const reportColumns: Column<ReportRow>[] = [
  { header: '氏名', value: (r) => r.name },
  { header: 'タスク', value: (r) => r.task },
  { header: '開始', value: (r) => r.startedAt },
  { header: '作業時間(分)', value: (r) => r.minutes },
];

export const reportRows: ReportRow[] = [
  { name: '山田 太郎', task: '資料作成', startedAt: new Date('2026-11-27T00:05:00Z'), minutes: 125 },
  { name: '髙橋 ①', task: '見積, "第2版"\r\n改訂', startedAt: null, minutes: 0 },
  { name: 'José', task: '=1+2', startedAt: new Date('2026-11-27T15:00:00Z'), minutes: -5 },
];
