import { toCsvShiftJis, toCsvUtf8Bom, toXlsx, type Column } from '../exports';
import type { buildWorkReport } from './work-report';
import { dayColumns, taskColumns, workerColumns, type ReportLanguage, type ReportTableName } from './report-tables';

export type ExportFormat = 'csv' | 'csv-sjis' | 'xlsx';

type WorkReport = Awaited<ReturnType<typeof buildWorkReport>>;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  'csv-sjis': 'text/csv; charset=Shift_JIS',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function encodeTable<Row>(format: ExportFormat, columns: Column<Row>[], rows: Row[], sheetName: string): Promise<Buffer> {
  if (format === 'csv') return toCsvUtf8Bom(columns, rows);
  if (format === 'csv-sjis') return toCsvShiftJis(columns, rows);
  return toXlsx(columns, rows, { sheetName });
}

/** One table of a work report as a downloadable file. */
export async function exportWorkReport(report: WorkReport, table: ReportTableName, format: ExportFormat, lang: ReportLanguage) {
  const names = new Map(report.workers.map((w) => [w.userId, { name: w.name, loginId: w.loginId }]));
  const body =
    table === 'workers'
      ? await encodeTable(format, workerColumns(lang), report.workers, table)
      : table === 'days'
        ? await encodeTable(format, dayColumns(lang, names), report.days, table)
        : await encodeTable(format, taskColumns(lang), report.tasks, table);
  const ext = format === 'xlsx' ? 'xlsx' : 'csv';
  return { body, contentType: CONTENT_TYPES[format], filename: `work-${table}-${report.from}_${report.to}${format === 'csv-sjis' ? '-sjis' : ''}.${ext}` };
}
