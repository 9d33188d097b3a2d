import { describe, expect, it } from 'vitest';
import { csvField, toCsvText, toCsvUtf8Bom } from './csv';
import { reportColumns, reportRows } from './fixtures.test-data';

/** A small RFC 4180 reader used to check what we write. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

describe('仕様書 サービス内容 (実績を集計し出力): CSV per RFC 4180', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ])('field %j → %j', (text, expected) => {
    expect(csvField(text)).toBe(expected);
  });

  it('writes CRLF records that read back to the same cells', () => {
    const text = toCsvText(reportColumns, reportRows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([
      ['氏名', 'タスク', '開始', '作業時間(分)'],
      ['山田 太郎', '資料作成', '2026-11-27 09:05:00', '125'],
      ['髙橋 ①', '見積, "第2版"\r\n改訂', '', '0'],
      ['José', "'=1+2", '2026-11-28 00:00:00', '-5'],
    ]);
  });

  it('neutralises formulas in text cells only, unless told not to', () => {
    const columns = [{ header: 'v', value: (r: { v: string | number }) => r.v }];
    const rows = [{ v: '=cmd' }, { v: '+1' }, { v: '-x' }, { v: '@SUM(A1)' }, { v: -3 }, { v: 'ok' }];
    expect(parseCsv(toCsvText(columns, rows)).slice(1).flat()).toEqual(["'=cmd", "'+1", "'-x", "'@SUM(A1)", '-3', 'ok']);
    expect(parseCsv(toCsvText(columns, rows, { neutraliseFormulas: false })).slice(1).flat()).toEqual(['=cmd', '+1', '-x', '@SUM(A1)', '-3', 'ok']);
  });

  it('UTF-8 export starts with the BOM and decodes back to the same text', () => {
    const bytes = toCsvUtf8Bom(reportColumns, reportRows);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(3));
    expect(decoded).toBe(toCsvText(reportColumns, reportRows));
    expect(new TextDecoder('utf-8').decode(bytes)).toBe(decoded); // a BOM-aware reader drops it
  });

  it('refuses NaN rather than writing "NaN"', () => {
    expect(() => toCsvText([{ header: 'n', value: () => Number.NaN }], [{}])).toThrow(RangeError);
  });
});
