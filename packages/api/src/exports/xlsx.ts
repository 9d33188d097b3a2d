import ExcelJS from 'exceljs';
import { JST_OFFSET_MS } from '../calendar/jst';
import { assertFiniteNumber, type Column } from './table';

// XLSX through exceljs. Excel stores dates without a time zone, so an instant is written as its
// JST wall time (shifted by +9 h) with a date-time format: the sheet shows what the console shows.
// XML 1.0 cannot carry most C0 control characters; they become U+FFFD instead of corrupting the file.
// Line breaks inside a cell are LF, as Excel itself writes them (XML parsing would fold CRLF anyway).

export interface XlsxOptions {
  sheetName?: string;
}

// eslint-disable-next-line no-control-regex -- finding these control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], not blank. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, '_').replace(INVALID_XML, '').slice(0, 31).trim();
  return cleaned === '' ? 'Sheet1' : cleaned;
}

export async function toXlsx<Row>(columns: readonly Column<Row>[], rows: Iterable<Row>, options: XlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName ?? 'Sheet1'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c, index) => ({
    header: c.header.replace(INVALID_XML, '\ufffd'),
    key: `c${index}`,
    width: c.width ?? Math.max(10, Math.min(40, c.header.length * 2 + 2)),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(columns.map(() => null));
    columns.forEach((column, index) => {
      const value = column.value(row);
      const cell = added.getCell(index + 1);
      if (value === null || value === undefined) return;
      if (value instanceof Date) {
        cell.value = new Date(value.getTime() + JST_OFFSET_MS);
        cell.numFmt = DATE_FORMAT;
      } else if (typeof value === 'number') {
        cell.value = assertFiniteNumber(value);
      } else {
        cell.value = value.replace(/\r\n?/g, '\n').replace(INVALID_XML, '\ufffd');
      }
    });
  }
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written);
}
