import { cellText, type Column } from './table';

// CSV per RFC 4180: CRLF between records (and after the last), a field is quoted when it contains
// a comma, a double quote, CR or LF, and quotes inside are doubled.
//
// Formula injection: Excel runs a cell that starts with = + - @ (or a tab/CR) as a formula, so a
// task or user name like "=HYPERLINK(…)" could act when a manager opens the export. Text cells
// (never numbers) starting with one of those get a leading apostrophe, which Excel shows as text
// (OWASP "CSV injection"). Pass `neutraliseFormulas: false` for machine consumers.

export interface CsvOptions {
  neutraliseFormulas?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsvText<Row>(columns: readonly Column<Row>[], rows: Iterable<Row>, options: CsvOptions = {}): string {
  const neutralise = options.neutraliseFormulas ?? true;
  const lines: string[] = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) {
    const fields: string[] = [];
    for (const column of columns) {
      const cell = column.value(row);
      let text = cellText(cell);
      if (neutralise && typeof cell === 'string' && FORMULA_START.test(text)) text = `'${text}`;
      fields.push(csvField(text));
    }
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** UTF-8 with a byte-order mark: the BOM is what makes Excel read the file as UTF-8, not Shift_JIS. */
export function toCsvUtf8Bom<Row>(columns: readonly Column<Row>[], rows: Iterable<Row>, options?: CsvOptions): Buffer {
  return Buffer.concat([UTF8_BOM, Buffer.from(toCsvText(columns, rows, options), 'utf8')]);
}
