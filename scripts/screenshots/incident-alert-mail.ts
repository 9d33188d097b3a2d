// Renders the incident alert mail for the PR note (docs/screenshots/incident-alert-mail.png): the mail is
// produced by the product's own template and mailer (written as an .eml, then parsed back), so the
// picture shows exactly what a manager receives: headers, the text body, and that nothing is attached.
// Usage: npx tsx scripts/screenshots/incident-alert-mail.ts   (Debian's Chromium; CHROMIUM_PATH to override)
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { chromium } from 'playwright-core';
import { alertMail } from '../../packages/api/src/incident-alerts/mail-text';
import { outboxMailer } from '../../packages/api/src/mail/mailer';

const OUT = path.resolve(import.meta.dirname, '../../docs/screenshots/incident-alert-mail.png');

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const dir = await mkdtemp(path.join(tmpdir(), 'alert-mail-'));
const mail = alertMail('ja', '佐藤 花子', {
  id: '0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b',
  kind: 'PEEKING',
  occurredAt: new Date('2026-12-08T01:15:30Z'),
  faceCount: 2,
  worker: { name: '山田 太郎', loginId: 'yamada' },
  deviceName: 'PC-YAMADA-01',
});
await outboxMailer(dir).send({ to: 'sato@example.co.jp', ...mail });
const [file] = await readdir(dir);
const parsed = await simpleParser(await readFile(path.join(dir, file ?? '')));
const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');

const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
  body { font-family: 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif; margin: 0; background: #eef1f5; }
  .mail { width: 760px; margin: 24px; background: #fff; border: 1px solid #ccd3dc; border-radius: 6px; }
  .head { padding: 16px 20px; border-bottom: 1px solid #e1e6ec; font-size: 14px; color: #334; }
  .head div { margin: 2px 0; } .head b { display: inline-block; width: 84px; color: #667; font-weight: normal; }
  .subject { font-size: 17px; font-weight: bold; color: #112; margin-bottom: 8px !important; }
  pre { margin: 0; padding: 18px 20px; font: 14px/1.7 'Noto Sans CJK JP', 'Noto Sans JP', sans-serif; white-space: pre-wrap; color: #112; }
  .att { padding: 10px 20px; border-top: 1px solid #e1e6ec; font-size: 13px; color: #667; }
</style></head><body><div class="mail">
  <div class="head">
    <div class="subject">${escape(parsed.subject ?? '')}</div>
    <div><b>差出人</b>${escape(parsed.from?.text ?? '')}</div>
    <div><b>宛先</b>${escape(to)}</div>
  </div>
  <pre>${escape(parsed.text ?? '')}</pre>
  <div class="att">添付ファイル: ${parsed.attachments.length === 0 ? 'なし（画像は送りません）' : String(parsed.attachments.length)}</div>
</div></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 810, height: 600 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  await page.locator('.mail').screenshot({ path: OUT });
  console.log(`Wrote ${path.relative(process.cwd(), OUT)}`);
} finally {
  await browser.close();
}
