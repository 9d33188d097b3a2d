import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { dbDateToIso } from '../contracts/provider-actor';
import { issuerOf } from './issuer';
import { invoiceTotals } from './rules';

// The qualified invoice (適格請求書, 消費税法第57条の4第1項) as a PDF in Japanese: issuer and registration
// number, recipient, issue date, the items with their tax rate, the tax-exclusive total and the tax per
// rate, plus the due date and the bank account to pay into (振込先). Noto Sans JP (OFL) comes from npm
// and is embedded as a subset, so the document reads the same on any machine. The subset is cut by
// HarfBuzz (subset-font) from the characters the page uses: fontkit's own subsetter drops outlines of
// this font, its JP-locale digit forms ('locl') get wrong widths in the PDF and its ligatures ('liga')
// do not read back as letters, so both features are off.

export interface InvoiceForPdf {
  number: string;
  kind: 'ANNUAL_LICENCE' | 'SEAT_ADD_ON' | 'LATE_INTEREST';
  registrationNumber: string;
  issuer: unknown;
  issueDate: Date;
  dueDate: Date;
  periodStart: Date | null;
  periodEnd: Date | null;
  lateFrom: Date | null;
  lateTo: Date | null;
  subtotal: number;
  tax: number;
  total: number;
  recipientName: string;
  recipientPostalCode: string | null;
  recipientAddress: string | null;
  lines: { description: string; quantity: number; unitPrice: number; amount: number; taxRatePct: number }[];
}

// Node's own require, out of the bundlers' sight (process.getBuiltinModule is not analysed): the font file
// and the subsetter are loaded from where npm put them, at run time. subset-font ships no types: the one
// call made here is declared with it.
const requireHere = process.getBuiltinModule('node:module').createRequire(import.meta.url);
const FONT_FILE = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';
let fontBytes: Promise<Buffer> | undefined;
const loadFont = () => (fontBytes ??= readFile(requireHere.resolve(FONT_FILE)));
type SubsetFont = (font: Buffer, text: string, options: { targetFormat: 'truetype' }) => Promise<Buffer>;
const subsetFont = (font: Buffer, text: string) => (requireHere('subset-font') as SubsetFont)(font, text, { targetFormat: 'truetype' });

const yen = (n: number) => `¥${n.toLocaleString('ja-JP')}`;
const jaDate = (d: Date | string) => {
  const [y, m, day] = (typeof d === 'string' ? d : dbDateToIso(d)).split('-');
  return `${y}年${Number(m)}月${Number(day)}日`;
};
const rateLabel = (rate: number) => (rate === 0 ? '対象外（不課税）' : `${rate}%対象`);

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.4, 0.45);
const RULE = rgb(0.75, 0.77, 0.8);

type Measure = Pick<PDFFont, 'widthOfTextAtSize'>;

/**
 * Lays the page out top to bottom. Run once without a page to learn which characters the page uses
 * (the font is then cut to them), and once more to draw.
 */
class Writer {
  y = A4.height - MARGIN;
  readonly used = new Set<string>();
  constructor(
    readonly page: PDFPage | null,
    readonly font: Measure & Partial<PDFFont>,
  ) {}

  text(s: string, x: number, size = 10, color = INK, y = this.y) {
    for (const ch of s) this.used.add(ch);
    if (this.page && 'encodeText' in this.font) this.page.drawText(s, { x, y, size, font: this.font as PDFFont, color });
  }

  right(s: string, xRight: number, size = 10, color = INK, y = this.y) {
    this.text(s, xRight - this.font.widthOfTextAtSize(s, size), size, color, y);
  }

  /** Splits `s` into lines no wider than `width` (Japanese has no spaces to break at: by character). */
  wrap(s: string, width: number, size: number): string[] {
    const lines: string[] = [];
    let current = '';
    for (const ch of s) {
      if (this.font.widthOfTextAtSize(current + ch, size) > width && current) {
        lines.push(current);
        current = ch;
      } else current += ch;
    }
    return current ? [...lines, current] : lines;
  }

  rule(y = this.y, from = MARGIN, to = A4.width - MARGIN) {
    this.page?.drawLine({ start: { x: from, y }, end: { x: to, y }, thickness: 0.6, color: RULE });
  }

  box(opts: Parameters<PDFPage['drawRectangle']>[0]) {
    this.page?.drawRectangle(opts);
  }

  down(pt: number) {
    this.y -= pt;
  }
}

export async function renderInvoicePdf(invoice: InvoiceForPdf): Promise<Uint8Array> {
  const issuer = issuerOf(invoice);
  // Every glyph is measured as wide as the widest (a full-width character): wrapping may cut lines a
  // little early in the first pass, so it sees at least every character the second one prints.
  const dry = new Writer(null, { widthOfTextAtSize: (text: string, size: number) => [...text].length * size });
  layOut(dry, invoice, issuer);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const subset = await subsetFont(await loadFont(), [...dry.used].join(''));
  const font = await pdf.embedFont(subset, { subset: false, features: { locl: false, liga: false } });
  pdf.setTitle(`請求書 ${invoice.number}`);
  pdf.setAuthor(issuer.name);
  pdf.setLanguage('ja-JP');
  layOut(new Writer(pdf.addPage([A4.width, A4.height]), font), invoice, issuer);
  return pdf.save();
}

function layOut(w: Writer, invoice: InvoiceForPdf, issuer: ReturnType<typeof issuerOf>) {
  const font = w.font;
  const rightEdge = A4.width - MARGIN;

  w.text('請求書', A4.width / 2 - font.widthOfTextAtSize('請求書', 22) / 2, 22);
  w.down(16);
  w.text('（適格請求書）', A4.width / 2 - font.widthOfTextAtSize('（適格請求書）', 9) / 2, 9, MUTED);
  w.down(28);

  // Recipient on the left, document facts on the right.
  const top = w.y;
  if (invoice.recipientPostalCode || invoice.recipientAddress) {
    w.text(`〒${invoice.recipientPostalCode ?? ''} ${invoice.recipientAddress ?? ''}`.trim(), MARGIN, 9, MUTED);
    w.down(18);
  }
  w.text(`${invoice.recipientName} 御中`, MARGIN, 14);
  w.rule(w.y - 5, MARGIN, MARGIN + 260);
  const facts: [string, string][] = [
    ['請求書番号', invoice.number],
    ['発行日', jaDate(invoice.issueDate)],
    ['登録番号', issuer.registrationNumber],
  ];
  facts.forEach(([k, v], i) => {
    w.text(k, rightEdge - 190, 9, MUTED, top - i * 15);
    w.right(v, rightEdge, 9, INK, top - i * 15);
  });
  w.y = Math.min(w.y, top - facts.length * 15) - 22;

  // Issuer (適格請求書発行事業者).
  const issuerLines = [issuer.name, `〒${issuer.postalCode} ${issuer.address}`, `TEL ${issuer.phone}`, `登録番号 ${issuer.registrationNumber}`];
  issuerLines.forEach((line, i) => w.right(line, rightEdge, i === 0 ? 11 : 9, i === 0 ? INK : MUTED, w.y - i * 14));
  w.text('下記のとおりご請求申し上げます。', MARGIN, 10, INK);
  w.down(issuerLines.length * 14 + 12);

  // The amount due.
  w.box({ x: MARGIN, y: w.y - 30, width: 300, height: 38, borderColor: INK, borderWidth: 1 });
  w.text('ご請求金額（税込）', MARGIN + 10, 10, INK, w.y - 16);
  w.right(yen(invoice.total), MARGIN + 290, 18, INK, w.y - 20);
  w.down(52);
  const period = invoice.lateFrom && invoice.lateTo
    ? `遅延期間: ${jaDate(invoice.lateFrom)} 〜 ${jaDate(invoice.lateTo)}`
    : invoice.periodStart && invoice.periodEnd
      ? `対象期間: ${jaDate(invoice.periodStart)} 〜 ${jaDate(invoice.periodEnd)}`
      : null;
  if (period) {
    w.text(period, MARGIN, 10);
    w.down(16);
  }
  w.text(`お支払期限: ${jaDate(invoice.dueDate)}`, MARGIN, 10);
  w.down(26);

  // Items.
  const cols = { description: MARGIN + 4, quantity: 360, unitPrice: 430, amount: 500, rate: rightEdge - 4 };
  w.box({ x: MARGIN, y: w.y - 6, width: rightEdge - MARGIN, height: 20, color: rgb(0.93, 0.94, 0.96) });
  w.text('品目', cols.description, 9, MUTED, w.y);
  w.right('数量', cols.quantity, 9, MUTED);
  w.right('単価', cols.unitPrice, 9, MUTED);
  w.right('金額（税抜）', cols.amount, 9, MUTED);
  w.right('税率', cols.rate, 9, MUTED);
  w.down(22);
  for (const line of invoice.lines) {
    const wrapped = w.wrap(line.description, cols.quantity - cols.description - 40, 9);
    w.right(String(line.quantity), cols.quantity, 9);
    w.right(yen(line.unitPrice), cols.unitPrice, 9);
    w.right(yen(line.amount), cols.amount, 9);
    w.right(line.taxRatePct === 0 ? '不課税' : `${line.taxRatePct}%`, cols.rate, 9);
    wrapped.forEach((part, i) => w.text(part, cols.description, 9, INK, w.y - i * 13));
    w.down(wrapped.length * 13 + 6);
    w.rule(w.y + 2);
    w.down(10);
  }

  // Per-rate totals: one tax per rate on the rate's total (消費税法施行令第70条の10).
  const totals = invoiceTotals(invoice.lines.map((l) => ({ amount: l.amount, taxRatePercent: l.taxRatePct })));
  const summaryX = 330;
  w.down(4);
  for (const r of totals.byRate) {
    w.text(rateLabel(r.taxRatePercent), summaryX, 9, MUTED);
    w.right(`${yen(r.taxableAmount)}${r.taxRatePercent === 0 ? '' : `（消費税 ${yen(r.tax)}）`}`, rightEdge, 9);
    w.down(15);
  }
  const summary: [string, number][] = [
    ['小計（税抜）', invoice.subtotal],
    ['消費税合計', invoice.tax],
    ['合計（税込）', invoice.total],
  ];
  for (const [label, amount] of summary) {
    w.text(label, summaryX, 10);
    w.right(yen(amount), rightEdge, 10);
    w.down(16);
  }
  w.down(12);

  // Where to pay.
  w.text('お振込先', MARGIN, 11);
  w.down(16);
  const bank = issuer.bank;
  w.text(`${bank.name} ${bank.branch} ${bank.accountType} ${bank.accountNumber}`, MARGIN + 8, 10);
  w.down(14);
  w.text(`口座名義: ${bank.accountHolder}`, MARGIN + 8, 10);
  w.down(22);
  const notes = [
    'お振込手数料は貴社にてご負担ください。お振込の際は請求書番号をご依頼人名の前にご記入ください。',
    invoice.kind === 'LATE_INTEREST' ? '遅延損害金（第14条3項、年14.6%）は損害賠償金であり、消費税の課税対象外（不課税）です。' : '',
    'お支払い済みの料金は返金いたしません（サービス約款第14条4項）。',
  ].filter(Boolean);
  for (const note of notes) {
    for (const part of w.wrap(note, rightEdge - MARGIN, 8)) {
      w.text(part, MARGIN, 8, MUTED);
      w.down(12);
    }
  }
}
