import ExcelJS from 'exceljs';
import { AppError } from '../../errors/app-error';
import { MAX_IMPORT_ROWS } from './columns';
import { assertImportSize, parseImportFile, rowsFromRecords, type ImportEncoding, type ImportRow } from './parse-csv';

// An Excel workbook (.xlsx) is a zip archive; the file is recognised by its content (the zip local
// file header "PK\x03\x04"), never by its name or the browser's type, and then must open as a
// workbook with a sheet. The first sheet is read as the CSV would be: row 1 the headings, then users.

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((b, i) => bytes[i] === b);
}

const notWorkbook = () => new AppError('VALIDATION', 'The file is not an Excel workbook.', { fieldErrors: { file: ['not a workbook'] } });

/** The first sheet's rows as text, as Excel shows them (numbers, dates and links as their displayed text). */
async function sheetRecords(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw notWorkbook();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw notWorkbook();
  // Past the headings and the allowed rows there is nothing to read: refuse before walking a huge sheet.
  if (sheet.actualRowCount > MAX_IMPORT_ROWS + 1 + 50) throw new AppError('VALIDATION', `At most ${MAX_IMPORT_ROWS} rows per file.`, { fieldErrors: { file: ['too many rows'] } });
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let col = 1; col <= Math.max(row.cellCount, 1); col += 1) cells[col - 1] = row.getCell(col).text ?? '';
    records[rowNumber - 1] = cells;
  });
  // Rows Excel never wrote are holes; blank rows (Excel keeps formatted empty rows) are not users.
  return Array.from(records, (r) => r ?? []).filter((r) => r.some((f) => f.trim() !== ''));
}

/** Reads an upload of either kind: an Excel workbook by its signature, else CSV (UTF-8 or Shift_JIS). */
export async function readImportFile(bytes: Uint8Array): Promise<{ encoding: ImportEncoding; rows: ImportRow[] }> {
  assertImportSize(bytes);
  if (!isZip(bytes)) return parseImportFile(bytes);
  const records = await sheetRecords(bytes);
  if (records.length === 0) throw new AppError('VALIDATION', 'The file is empty.', { fieldErrors: { file: ['empty'] } });
  return { encoding: 'XLSX', rows: rowsFromRecords(records) };
}
