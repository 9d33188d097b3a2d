// Renders the two issue-18 screenshots from the product's own renderers (no database, no running app):
// docs/screenshots/audit-log.png — audit entries as the console shows them (labels, details in words,
// JST), and docs/screenshots/disclosure-report.png — the personal-data disclosure report.
// Run: npx tsx scripts/screenshots-records.ts (uses /usr/bin/chromium through playwright-core).
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { translate } from '@telework/ui/i18n';
import { renderAuditDetails } from '../packages/api/src/audit/details';
import { renderDisclosureHtml, jstIso, type Disclosure, type DisclosureImage } from '../packages/api/src/privacy/disclosure';
import { demoCameraStill, demoScreenshot } from '../packages/api/src/evidence/demo-images';
import sharp from 'sharp';

const U = '0190a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b';
const at = (d: number, h: number, m = 0) => new Date(Date.UTC(2026, 11, d, h - 9, m));
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const jst = (d: Date) => jstIso(d).slice(0, 16).replace('T', ' ').replaceAll('-', '/');

const entries: { when: Date; actor: string; action: string; target: string; details: unknown }[] = [
  { when: at(7, 17, 42), actor: '佐藤 管理', action: 'user.updated', target: 'ユーザ: 山田 太郎', details: { name: '山田 太郎', changes: { role: { from: 'WORKER', to: 'ADMIN' }, department: { from: '営業部', to: '管理部' } } } },
  { when: at(7, 17, 30), actor: '佐藤 管理', action: 'tenant.settings.updated', target: '契約者（テナント）: 株式会社サンプル', details: { screenshotMode: { from: 'FULL', to: 'REDACTED' }, redactionAreas: { from: [], to: [{ x: 0, y: 0, width: 1, height: 0.1 }] } } },
  { when: at(7, 16, 5), actor: '佐藤 管理', action: 'access.allow-list', target: '—', details: { cidrs: ['203.0.113.0/24', '198.51.100.7'] } },
  { when: at(7, 15, 58), actor: 'システム（自動処理）', action: 'access.refused', target: '—', details: { reason: 'OUTSIDE_JAPAN', country: 'US', path: '/sign-in' } },
  { when: at(7, 14, 20), actor: '佐藤 管理', action: 'group.deleted', target: 'グループ: 旧営業二課', details: { name: '旧営業二課' } },
  { when: at(7, 11, 3), actor: '鈴木 勤務管理', action: 'incident.judge', target: 'インシデント', details: { verdict: 'FALSE_ALARM', comment: '家族が画面の前を横切っただけ', judgementId: U } },
  { when: at(7, 10, 0), actor: '佐藤 管理', action: 'user.imported', target: '契約者（テナント）: 株式会社サンプル', details: { count: 30, encoding: 'XLSX' } },
  { when: at(7, 0, 0), actor: 'システム（自動処理）', action: 'work.session_auto_closed', target: '勤務', details: { userId: U, endedAt: at(7, 0).toISOString(), rule: 'AT_JST_MIDNIGHT' } },
  { when: at(6, 18, 10), actor: '佐藤 管理', action: 'tenant.capture_mode.updated', target: '契約者（テナント）: 株式会社サンプル', details: { from: 'INTERVAL_AND_INCIDENT', to: 'INCIDENT_ONLY' } },
];

function auditHtml(): string {
  const rows = entries
    .map((e) => `<tr><td>${jst(e.when)}</td><td>${esc(e.actor)}</td><td>${esc(translate('ja', `audit.action.${e.action}` as never))}</td><td>${esc(e.target)}</td><td>${esc(renderAuditDetails(e.action, e.details, 'ja', { [U]: '山田 太郎' }) || '—')}</td><td>203.0.113.5</td></tr>`)
    .join('');
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>
body{font-family:"Noto Sans JP","Noto Sans CJK JP",sans-serif;margin:24px;color:#1f2933;font-size:14px}h1{font-size:22px}
.bar{display:flex;gap:8px;margin:8px 0 12px}.btn{border:1px solid #2f6fab;color:#2f6fab;border-radius:6px;padding:6px 12px;background:#fff}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d9e2ec;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f0f4f8}
</style></head><body><h1>${esc(translate('ja', 'audit.title'))}</h1>
<div class="bar"><span class="btn">${esc(translate('ja', 'audit.export.csv'))}</span><span class="btn">${esc(translate('ja', 'audit.export.sjis'))}</span></div>
<table><thead><tr>${(['audit.at', 'audit.actor', 'audit.action', 'audit.target', 'audit.details', 'audit.ip'] as const).map((k) => `<th>${esc(translate('ja', k))}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></body></html>`;
}

async function thumb(bytes: Uint8Array): Promise<string> {
  return `data:image/jpeg;base64,${(await sharp(bytes).resize({ width: 240, height: 180, fit: 'inside' }).jpeg({ quality: 70 }).toBuffer()).toString('base64')}`;
}

async function disclosureHtml(): Promise<string> {
  const image = async (kind: 'CAMERA' | 'SCREEN', trigger: 'INCIDENT' | 'INTERVAL', when: Date, seed: number): Promise<DisclosureImage> => ({
    capturedAt: jstIso(when), kind: { code: kind, label: kind === 'CAMERA' ? 'カメラ' : '画面' }, trigger: { code: trigger, label: trigger === 'INCIDENT' ? 'インシデント時' : '定期撮影' },
    thumbnail: await thumb(kind === 'CAMERA' ? await demoCameraStill(seed, 2) : await demoScreenshot(seed)),
  });
  const d: Disclosure = {
    $schema: 'https://telework-supporter.example.jp/schemas/personal-data-disclosure/v1.json',
    title: '保有個人データの開示（利用規約 第26条2項）', generatedAt: jstIso(at(8, 9, 30)), organisation: { name: '株式会社サンプル' },
    person: { loginId: 'yamada.taro', name: '山田 太郎', nameKana: 'ヤマダ タロウ', email: 'taro@example.jp', department: '営業部', role: { code: 'WORKER', label: '勤務者' }, language: { code: 'ja', label: '日本語' }, registeredAdministrator: false, registeredAt: jstIso(at(1, 10)), disabledAt: null },
    groups: [{ name: '営業部', membership: { code: 'MEMBER', label: 'メンバー' } }],
    workSessions: [{ startedAt: jstIso(at(1, 9)), endedAt: jstIso(at(1, 18)), endReason: { code: 'PUNCH', label: '終了打刻' }, forgottenEnd: false }],
    punches: [
      { occurredAt: jstIso(at(1, 9)), kind: { code: 'WORK_START', label: '勤務開始' }, task: null, source: { code: 'AGENT', label: 'エージェント' } },
      { occurredAt: jstIso(at(1, 9, 5)), kind: { code: 'TASK_START', label: 'タスク開始' }, task: '資料作成（T-01）', source: { code: 'AGENT', label: 'エージェント' } },
      { occurredAt: jstIso(at(1, 18)), kind: { code: 'WORK_END', label: '勤務終了' }, task: null, source: { code: 'AGENT', label: 'エージェント' } },
    ],
    tasks: [{ task: '資料作成（T-01）', startedAt: jstIso(at(1, 9, 5)), endedAt: jstIso(at(1, 17, 50)) }],
    presence: [{ occurredAt: jstIso(at(1, 12, 5)), state: { code: 'AWAY', label: '離席' }, similarity: null }, { occurredAt: jstIso(at(1, 12, 58)), state: { code: 'PRESENT', label: '在席' }, similarity: 0.91 }],
    incidents: [{ occurredAt: jstIso(at(1, 15)), kind: { code: 'PEEKING', label: 'のぞき見' }, status: { code: 'JUDGED', label: '判定済み' }, verdict: { code: 'FALSE_ALARM', label: '誤検知' }, faceCount: 2, captureMode: { code: 'INTERVAL_AND_INCIDENT', label: '定期撮影とインシデント時の撮影' }, images: [await image('CAMERA', 'INCIDENT', at(1, 15), 1), await image('SCREEN', 'INCIDENT', at(1, 15), 2)] }],
    intervalImages: [await image('CAMERA', 'INTERVAL', at(1, 10), 3)],
    corrections: [{ requestedAt: jstIso(at(2, 9)), startedAt: jstIso(at(1, 9)), endedAt: jstIso(at(1, 18, 30)), reason: '終了打刻を忘れました', status: { code: 'APPROVED', label: '承認' }, note: null }],
    devices: [{ name: 'YAMADA-PC', registeredAt: jstIso(at(1, 8, 50)), lastSeenAt: jstIso(at(7, 18)), revokedAt: null }],
    inquiries: [],
    omitted: ['パスワード（保存しているのは照合用の値のみで、元のパスワードは当社も知りません）', '顔画像とその特徴量（本人確認の照合用。管理者がコンソールで確認・削除できます）', '勤務予定（管理者がコンソールで確認できます）'],
  };
  return renderDisclosureHtml(d);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const [name, html] of [['audit-log', auditHtml()], ['disclosure-report', await disclosureHtml()]] as const) {
    await page.setContent(html, { waitUntil: 'load' });
    writeFileSync(`docs/screenshots/${name}.png`, await page.screenshot({ fullPage: true }));
  }
} finally {
  await browser.close();
}
