import iconv from 'iconv-lite';
import { AppError } from '../../errors/app-error';
import { IMPORT_COLUMNS, IMPORT_HEADERS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ImportColumn } from './columns';

/** How the file was read: CSV in one of these encodings, or an Excel workbook (.xlsx). */
export type ImportEncoding = 'UTF-8' | 'UTF-8-BOM' | 'CP932' | 'XLSX';

/**
 * Decodes an uploaded file by its content, not by what the browser claims: a UTF-8 BOM means UTF-8;
 * bytes that are valid UTF-8 are UTF-8 (plain ASCII is both); anything else is read as CP932, which
 * is what Japanese Excel writes as "CSV" (Shift_JIS with the NEC/IBM extensions).
 */
export function decodeImportBytes(bytes: Uint8Array): { text: string; encoding: ImportEncoding } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(3)), encoding: 'UTF-8-BOM' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'CP932' };
  }
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a record. */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (quoted) throw new AppError('VALIDATION', 'A quoted field is not closed.', { fieldErrors: { file: ['unclosed quote'] } });
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  // Blank lines (Excel leaves them at the end) are not rows.
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface ImportRow {
  /** The record's number as a spreadsheet shows it: the header is row 1, the first user row 2. */
  line: number;
  cells: Record<ImportColumn, string>;
}

const norm = (h: string) => h.trim().toLowerCase();

export function assertImportSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_IMPORT_BYTES) throw new AppError('VALIDATION', 'The file is too large.', { fieldErrors: { file: ['too large'] } });
}

/** Reads an import file into rows keyed by column; a file without the required headings is refused as a whole. */
export function parseImportFile(bytes: Uint8Array): { encoding: ImportEncoding; rows: ImportRow[] } {
  assertImportSize(bytes);
  const { text, encoding } = decodeImportBytes(bytes);
  return { encoding, rows: rowsFromRecords(parseCsvRecords(text)) };
}

/** The first record is the headings; the rest are users, keyed by column. */
export function rowsFromRecords(records: string[][]): ImportRow[] {
  const [header, ...body] = records;
  if (!header) throw new AppError('VALIDATION', 'The file is empty.', { fieldErrors: { file: ['empty'] } });
  const index = new Map<ImportColumn, number>();
  header.forEach((h, i) => {
    const column = IMPORT_COLUMNS.find((c) => IMPORT_HEADERS[c].some((name) => norm(name) === norm(h)));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = (['loginId', 'name', 'role'] as const).filter((c) => !index.has(c));
  if (missing.length) throw new AppError('VALIDATION', `Missing columns: ${missing.join(', ')}.`, { fieldErrors: { file: missing.map((c) => `missing column ${c}`) } });
  if (body.length > MAX_IMPORT_ROWS) throw new AppError('VALIDATION', `At most ${MAX_IMPORT_ROWS} rows per file.`, { fieldErrors: { file: ['too many rows'] } });
  const rows = body.map((record, n) => {
    const cells = Object.fromEntries(IMPORT_COLUMNS.map((c) => {
      const i = index.get(c);
      return [c, i === undefined ? '' : (record[i] ?? '').trim()];
    })) as Record<ImportColumn, string>;
    return { line: n + 2, cells };
  });
  return rows;
}
