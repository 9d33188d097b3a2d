import iconv from 'iconv-lite';
import { toCsvText, type CsvOptions } from './csv';
import type { Column } from './table';

// "Shift_JIS" for Japanese Excel means Windows code page 932 (Windows-31J): Shift_JIS plus NEC and
// IBM extensions (①, ㈱, 髙, …). We encode CP932, so those characters survive.
//
// Characters CP932 cannot hold would silently become "?" in iconv-lite. Instead, per character:
//  1. the JIS X 0208 ↔ CP932 mapping differences (text from macOS, Java or the web often uses the
//     JIS code points) map to the CP932 look-alike: 〜→～, −→－, ‖→∥, —→―, ¢→￠, £→￡, ¬→￢;
//     ¥ and ‾ map to their full-width forms, because CP932's 0x5C/0x7E read back as \ and ~;
//  2. otherwise its compatibility form (NFKC: ™→TM, ﬁ→fi) or its letter without accents
//     (é→e, ñ→n) is used when that is encodable;
//  3. anything else becomes 〓 (U+3013, ゲタ), the conventional visible mark for a character that
//     could not be printed, so a reader sees that something was replaced.

export const REPLACEMENT_MARK = '〓';

const LOOK_ALIKES = new Map<string, string>([
  ['\u301c', '\uff5e'],
  ['\u2212', '\uff0d'],
  ['\u2016', '\u2225'],
  ['\u2014', '\u2015'],
  ['\u00a2', '\uffe0'],
  ['\u00a3', '\uffe1'],
  ['\u00ac', '\uffe2'],
  ['\u00a5', '\uffe5'],
  ['\u203e', '\uffe3'],
]);

const encodable = new Map<string, boolean>();

function isEncodable(text: string): boolean {
  let known = encodable.get(text);
  if (known === undefined) {
    known = text === '?' || !iconv.encode(text, 'cp932').includes(0x3f);
    encodable.set(text, known);
  }
  return known;
}

function substitute(char: string): string {
  const lookAlike = LOOK_ALIKES.get(char);
  if (lookAlike !== undefined) return lookAlike;
  if (isEncodable(char)) return char;
  const compatible = char.normalize('NFKC');
  if (compatible !== char && [...compatible].every(isEncodable)) return compatible;
  const unaccented = char.normalize('NFD').replace(/\p{M}/gu, '');
  if (unaccented !== '' && unaccented !== char && [...unaccented].every(isEncodable)) return unaccented;
  return REPLACEMENT_MARK;
}

/** Text made safe for CP932, and the characters that had to change (for a warning in the UI). */
export function toShiftJisSafeText(text: string): { text: string; replaced: string[] } {
  let out = '';
  const replaced: string[] = [];
  for (const char of text) {
    // ASCII is always encodable; skip the lookup on the common path.
    if (char.charCodeAt(0) < 0x80) {
      out += char;
      continue;
    }
    const next = substitute(char);
    if (next !== char) replaced.push(char);
    out += next;
  }
  return { text: out, replaced };
}

export function encodeShiftJis(text: string): Buffer {
  return iconv.encode(toShiftJisSafeText(text).text, 'cp932');
}

export function toCsvShiftJis<Row>(columns: readonly Column<Row>[], rows: Iterable<Row>, options?: CsvOptions): Buffer {
  return encodeShiftJis(toCsvText(columns, rows, options));
}
