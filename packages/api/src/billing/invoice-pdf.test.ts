import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderInvoicePdf, type InvoiceForPdf } from './invoice-pdf';

// The PDF is read back the way an accounting department's tools read it: poppler's pdftotext for the
// words, pdftoppm for the page as an image.

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const annual: InvoiceForPdf = {
  number: 'INV-202604-0A1B2C3D', kind: 'ANNUAL_LICENCE', registrationNumber: 'T9234567890123', issuer: null,
  issueDate: day('2026-04-01'), dueDate: day('2026-05-31'), periodStart: day('2026-04-01'), periodEnd: day('2027-03-31'), lateFrom: null, lateTo: null,
  subtotal: 1_200_000, tax: 120_000, total: 1_320_000,
  recipientName: '株式会社サンプル商事', recipientPostalCode: '100-0001', recipientAddress: '東京都千代田区千代田1-1',
  lines: [{ description: '年間ライセンス料 2026-04-01〜2027-03-31 (100席)', quantity: 1, unitPrice: 1_200_000, amount: 1_200_000, taxRatePct: 10 }],
};

function readBack(pdf: Uint8Array) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tw-invoice-pdf-'));
  const file = path.join(dir, 'invoice.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, path.join(dir, 'page')]);
  const png = readFileSync(path.join(dir, 'page.png'));
  return { text, png, dir };
}

describe('qualified invoice PDF (適格請求書)', () => {
  it('carries the registration number, the recipient, the 10 % rate and its tax, the due date and the bank account, in embedded Japanese type', async () => {
    const pdf = await renderInvoicePdf(annual);
    expect(Buffer.from(pdf.slice(0, 5)).toString()).toBe('%PDF-');
    const { text, png } = readBack(pdf);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('請求書');
    expect(flat).toContain('登録番号 T9234567890123');
    expect(flat).toContain('株式会社サンプル商事 御中');
    expect(flat).toContain('10%対象 ¥1,200,000（消費税 ¥120,000）');
    expect(flat).toMatch(/合計（税込） ¥1,320,000/);
    expect(flat).toContain('お支払期限: 2026年5月31日');
    expect(flat).toContain('お振込先');
    expect(flat).toMatch(/みらい銀行 丸の内支店 普通 1234567/);
    expect(flat).toContain('テレワークサポーター運営株式会社');
    // The page renders: an A4 PNG (8.27 × 11.69 in at 60 dpi) that is not blank.
    expect(Math.abs(png.readUInt32BE(16) - 496)).toBeLessThanOrEqual(1);
    expect(Math.abs(png.readUInt32BE(20) - 702)).toBeLessThanOrEqual(1);
    expect(png.length).toBeGreaterThan(10_000);
    // The font travels inside the file, with its Unicode map, so no machine needs Japanese fonts installed;
    // cut to the characters used (the whole font alone is 5.4 MB).
    const fonts = execFileSync('pdffonts', ['-'], { input: Buffer.from(pdf), encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansJP\S*\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/);
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('late-payment damages print as outside consumption tax (不課税), with the late days', async () => {
    const pdf = await renderInvoicePdf({
      ...annual, kind: 'LATE_INTEREST', number: 'INV-202606-LATE0001', periodStart: null, periodEnd: null, lateFrom: day('2026-06-01'), lateTo: day('2026-06-15'),
      subtotal: 7_920, tax: 0, total: 7_920,
      lines: [{ description: '遅延損害金 INV-202604-0A1B2C3D（2026-06-01〜2026-06-15、15日、年14.6%）', quantity: 1, unitPrice: 7_920, amount: 7_920, taxRatePct: 0 }],
    });
    const flat = readBack(pdf).text.replace(/\s+/g, ' ');
    expect(flat).toContain('対象外（不課税） ¥7,920');
    expect(flat).toContain('消費税合計 ¥0');
    expect(flat).toContain('遅延期間: 2026年6月1日 〜 2026年6月15日');
    expect(flat).not.toContain('10%対象');
  });
});
