import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, IMPORT_HEADERS, importTemplateText } from './columns';

/**
 * The import template as an Excel workbook: the same headings and example row as the CSV template
 * (columns.ts), every cell as text so Excel keeps login IDs like "007" and does not turn "ja" into
 * anything else.
 */
export async function importTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('users', { views: [{ state: 'frozen', ySplit: 1 }] });
  const [, example = ''] = importTemplateText().split('\r\n');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: IMPORT_HEADERS[c][0], key: c, width: 18, style: { numFmt: '@' } }));
  sheet.addRow(example.split(','));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
