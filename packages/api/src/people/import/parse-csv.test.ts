import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeShiftJis } from '../../exports/shift-jis';
import { importTemplateText, MAX_IMPORT_ROWS } from './columns';
import { decodeImportBytes, parseCsvRecords, parseImportFile } from './parse-csv';

const HEADER = 'ユーザID,氏名,メールアドレス,部署,権限,表示言語,所属グループ';
const BODY = `${HEADER}\r\nsato,佐藤 花子,hanako@example.jp,営業部,勤務者,ja,営業部|東京\r\n`;
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('user import file: encoding detected from the content', () => {
  it('reads Shift_JIS (CP932) bytes as Japanese Excel writes them', () => {
    // 氏名 is 0x8E81 0x96BC in Shift_JIS, written here by hand, not by the encoder under test.
    const handMade = new Uint8Array([0x8e, 0x81, 0x96, 0xbc, 0x0d, 0x0a]);
    expect(decodeImportBytes(handMade)).toEqual({ text: '氏名\r\n', encoding: 'CP932' });
    const parsed = parseImportFile(new Uint8Array(encodeShiftJis(BODY)));
    expect(parsed.encoding).toBe('CP932');
    expect(parsed.rows).toEqual([
      { line: 2, cells: { loginId: 'sato', name: '佐藤 花子', email: 'hanako@example.jp', department: '営業部', role: '勤務者', language: 'ja', groups: '営業部|東京' } },
    ]);
  });

  it('keeps the NEC/IBM extensions of CP932 (①, ㈱, 髙)', () => {
    const bytes = new Uint8Array(iconv.encode(`${HEADER}\r\ntaka,髙橋 ①,,㈱本社,勤務者,,\r\n`, 'cp932'));
    expect(parseImportFile(bytes).rows[0]?.cells).toMatchObject({ name: '髙橋 ①', department: '㈱本社' });
  });

  it('reads UTF-8 with and without a BOM to the same rows', () => {
    const plain = parseImportFile(utf8(BODY));
    const bom = parseImportFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(BODY)]));
    expect(plain.encoding).toBe('UTF-8');
    expect(bom.encoding).toBe('UTF-8-BOM');
    expect(bom.rows).toEqual(plain.rows);
    expect(plain.rows[0]?.cells.name).toBe('佐藤 花子');
  });

  it('reads the template it offers', () => {
    const { rows } = parseImportFile(utf8(importTemplateText()));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.cells).toMatchObject({ loginId: 'yamada.taro', role: '勤務者', groups: '営業部' });
  });
});

describe('user import file: CSV structure', () => {
  it('follows RFC 4180 quoting, LF or CRLF, and skips blank lines', () => {
    expect(parseCsvRecords('a,"b,c","d ""q"""\n"e\r\nf",g\r\n\r\n,,\r\n')).toEqual([
      ['a', 'b,c', 'd "q"'],
      ['e\r\nf', 'g'],
    ]);
  });

  it('accepts English headings in any order and leaves absent optional columns empty', () => {
    const { rows } = parseImportFile(utf8('role,name,loginId\nWORKER,Ann,ann\n'));
    expect(rows).toEqual([{ line: 2, cells: { loginId: 'ann', name: 'Ann', email: '', department: '', role: 'WORKER', language: '', groups: '' } }]);
  });

  it.each([
    ['', 'empty'],
    ['氏名,権限\n佐藤,勤務者\n', 'missing column loginId'],
    ['loginId,name,role\n"a,b,c\n', 'unclosed quote'],
    [`loginId,name,role\n${'a,b,WORKER\n'.repeat(MAX_IMPORT_ROWS + 1)}`, 'too many rows'],
  ])('refuses a malformed file as a whole (%#)', (text, reason) => {
    expect(() => parseImportFile(utf8(text))).toThrow(expect.objectContaining({ code: 'VALIDATION', details: { fieldErrors: { file: [reason] } } }));
  });
});
