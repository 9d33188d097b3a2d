import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { toCsvText } from './csv';
import { reportColumns, reportRows } from './fixtures.test-data';
import { REPLACEMENT_MARK, toCsvShiftJis, toShiftJisSafeText } from './shift-jis';

const decode = (bytes: Buffer) => iconv.decode(bytes, 'cp932');

describe('仕様書 サービス内容 (実績を集計し出力): CSV in Shift_JIS (CP932) for Japanese Excel', () => {
  it('round-trips Japanese text, NEC/IBM extensions and half-width kana', () => {
    const text = 'テレワーク ①㈱髙 ｱｲｳ ～ －';
    expect(toShiftJisSafeText(text)).toEqual({ text, replaced: [] });
  });

  it('encodes the report byte for byte as CP932', () => {
    const bytes = toCsvShiftJis(reportColumns, reportRows);
    // 氏名 = 0x8E81 0x96BC in Shift_JIS; no BOM.
    expect([...bytes.subarray(0, 4)]).toEqual([0x8e, 0x81, 0x96, 0xbc]);
    expect(decode(bytes)).toBe(toCsvText(reportColumns, reportRows).replace('José', 'Jose'));
  });

  it.each([
    ['〜', '～'], // WAVE DASH → FULLWIDTH TILDE
    ['−', '－'],
    ['‖', '∥'],
    ['—', '―'],
    ['¢£¬', '￠￡￢'],
    ['¥1,000', '￥1,000'], // not 0x5C, which Excel shows as a backslash
    ['™', 'TM'],
    ['Café Ñandú', 'Cafe Nandu'],
    ['𠮷野家', `${REPLACEMENT_MARK}野家`], // outside JIS X 0208 / CP932
    ['OK 😀', `OK ${REPLACEMENT_MARK}`],
  ])('%s is written as %s', (input, expected) => {
    const bytes = toCsvShiftJis([{ header: 'x', value: (r: { x: string }) => r.x }], [{ x: input }]);
    expect(decode(bytes)).toBe(`x\r\n${expected.includes(',') ? `"${expected}"` : expected}\r\n`);
  });

  it('reports which characters were replaced, and never emits "?" for them', () => {
    const { text, replaced } = toShiftJisSafeText('a?b😀c〜');
    expect(replaced).toEqual(['😀', '〜']);
    expect(decode(iconv.encode(text, 'cp932'))).toBe(`a?b${REPLACEMENT_MARK}c～`);
  });
});
