import { formatJstDateTime } from '../calendar/jst';

// A table to export: ordered columns, each reading one cell from a row. Dates are instants and
// are shown as JST wall time; numbers stay numbers (minutes, yen) so spreadsheets can sum them.

export type Cell = string | number | Date | null | undefined;

export interface Column<Row> {
  header: string;
  value: (row: Row) => Cell;
  /** Spreadsheet column width in characters (XLSX only). */
  width?: number;
}

export function assertFiniteNumber(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot export a non-finite number: ${value}`);
  return value;
}

/** The text of a cell as CSV shows it. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(assertFiniteNumber(cell));
  if (cell instanceof Date) return formatJstDateTime(cell);
  return cell;
}
