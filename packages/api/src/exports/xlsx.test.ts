import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportColumns, reportRows } from './fixtures.test-data';
import { safeSheetName, toXlsx } from './xlsx';

async function readBack(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  // exceljs' own Buffer type is a declared interface; the runtime value is a Node Buffer.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('仕様書 サービス内容 (実績を集計し出力): XLSX', () => {
  it('is a zip (PK header) that Excel readers open back to the same cells', async () => {
    const bytes = await toXlsx(reportColumns, reportRows, { sheetName: '勤務実績 2026/11' });
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    const workbook = await readBack(bytes);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('勤務実績 2026_11');
    const values = (sheet?.getSheetValues() ?? []).slice(1).map((row) => (Array.isArray(row) ? row.slice(1) : row));
    expect(values).toEqual([
      ['氏名', 'タスク', '開始', '作業時間(分)'],
      // Dates come back as JST wall time (Excel has no zone): 00:05 UTC → 09:05.
      ['山田 太郎', '資料作成', new Date('2026-11-27T09:05:00Z'), 125],
      ['髙橋 ①', '見積, "第2版"\n改訂', undefined, 0], // in-cell line break is LF, as in Excel
      ['José', '=1+2', new Date('2026-11-28T00:00:00Z'), -5],
    ]);
    expect(sheet?.getCell('C2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(sheet?.getCell('A1').font?.bold).toBe(true);
    // Text stays text in XLSX: no formula is created from "=1+2".
    expect(sheet?.getCell('B4').type).toBe(ExcelJS.ValueType.String);
  });

  it('replaces control characters XML cannot carry', async () => {
    const bytes = await toXlsx([{ header: 'x', value: (r: { x: string }) => r.x }], [{ x: 'a\u0001b\tc' }]);
    const sheet = (await readBack(bytes)).worksheets[0];
    expect(sheet?.getCell('A2').value).toBe('a\ufffdb\tc');
  });

  it.each([
    ['a:b/c', 'a_b_c'],
    ['   ', 'Sheet1'],
    ['x'.repeat(40), 'x'.repeat(31)],
  ])('sheet name %j → %j', (name, expected) => {
    expect(safeSheetName(name)).toBe(expected);
  });
});
