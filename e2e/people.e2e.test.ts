import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const consoleUrl = inject('consoleUrl');
const databaseUrl = inject('databaseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

function signIn(loginId: string, password: string): Promise<Page> {
  return signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId, password });
}

async function openUsers(page: Page) {
  await page.getByRole('link', { name: 'ユーザ管理' }).click();
  await page.waitForURL(`${consoleUrl}/users`);
  await expect.poll(() => page.getByTestId('seat-usage').textContent()).toMatch(/^勤務者ライセンス: 使用 \d+ \/ 上限 \d+$/);
}

async function fillNewUser(page: Page, loginId: string, name: string) {
  await page.getByRole('button', { name: 'ユーザを追加' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('ユーザID').fill(loginId);
  await dialog.getByLabel('氏名').fill(name);
  await dialog.getByLabel('部署').fill('営業部');
  await dialog.getByRole('button', { name: '作成' }).click();
  return dialog;
}

/** Direct SQL as the database owner: only to shrink the demo tenant's licence for the refusal case. */
async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('user management in a real browser', () => {
  it('an admin creates a worker, sees the issued password once, and the worker signs in with it', async () => {
    const admin = await signIn('admin', DEMO_PASSWORD);
    await openUsers(admin);
    const dialog = await fillNewUser(admin, 'e2e-worker', '山本 翔');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('山本 翔 さんを追加しました');
    const password = (await dialog.getByTestId('issued-password').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(await dialog.textContent()).toContain('このパスワードは今だけ表示されます');
    await screenshot(admin, 'people-password-once');
    await dialog.getByRole('button', { name: '閉じる' }).click();
    // Closed, it is gone for good: neither the dialog nor the list shows it again.
    await expect.poll(() => admin.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => admin.getByRole('cell', { name: '山本 翔' }).count()).toBe(1);
    expect(await admin.content()).not.toContain(password);
    await screenshot(admin, 'people-users-admin');

    // Editing: a mistake is named under its field, in Japanese.
    await admin.getByTestId('actions-worker3').getByRole('button', { name: '編集' }).click();
    await admin.getByRole('dialog').getByLabel('氏名').fill('');
    await admin.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await expect.poll(() => admin.locator('#u-name-error').textContent()).toBe('入力してください');
    await screenshot(admin, 'people-user-edit-error');
    await admin.getByRole('dialog').getByRole('button', { name: 'キャンセル' }).click();

    // The issued password opens only the forced change screen; the home page follows the change.
    const worker = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'e2e-worker', password }, { landing: '/change-password' });
    await expect.poll(() => worker.getByRole('heading', { level: 1 }).textContent()).toBe('パスワードの変更');
    expect(await worker.textContent('body')).toContain('管理者が発行したパスワードでサインインしています');
    await screenshot(worker, 'people-forced-password-change');
    // Going around it does not help: the console sends the user back.
    await worker.goto(`${consoleUrl}/timeline`);
    await worker.waitForURL(`${consoleUrl}/change-password`);
    await worker.getByLabel('現在のパスワード').fill(password);
    await worker.getByLabel('新しいパスワード', { exact: false }).fill(password);
    await worker.getByRole('button', { name: '変更して続ける' }).click();
    await expect.poll(() => worker.locator('#next-error').textContent()).toBe('現在のパスワードと違うものにしてください');
    await worker.getByLabel('新しいパスワード', { exact: false }).fill('E2e-own-password-2026');
    await worker.getByRole('button', { name: '変更して続ける' }).click();
    await worker.waitForURL(`${consoleUrl}/`);
    await expect.poll(() => worker.getByTestId('home-title').textContent()).toBe('ようこそ、山本 翔 さん');
  });

  it('creating a worker beyond the licensed seats is refused with the reason and the figures in Japanese', async () => {
    const [tenant] = await sql<{ id: string }>(`SELECT id FROM tenants WHERE "systemId" = 'TW-100001'`);
    const tenantId = tenant?.id ?? '';
    const [{ used } = { used: 0 }] = await sql<{ used: number }>(`SELECT count(*)::int AS used FROM users WHERE "tenantId" = $1 AND role = 'WORKER' AND "disabledAt" IS NULL`, [tenantId]);
    const licences = await sql<{ id: string; seats: number }>(`SELECT id, seats FROM licences WHERE "tenantId" = $1`, [tenantId]);
    expect(licences.length).toBeGreaterThan(0);
    // Every seat taken: the licences together allow exactly the workers already enabled.
    await sql(`UPDATE licences SET seats = 0 WHERE "tenantId" = $1`, [tenantId]);
    await sql(`UPDATE licences SET seats = $2 WHERE "tenantId" = $1 AND id = $3`, [tenantId, used, licences[0]?.id]);
    try {
      const admin = await signIn('admin', DEMO_PASSWORD);
      await openUsers(admin);
      expect(await admin.getByTestId('seat-usage').textContent()).toBe(`勤務者ライセンス: 使用 ${used} / 上限 ${used}`);
      const dialog = await fillNewUser(admin, 'e2e-over', '上限 超子');
      const alert = dialog.getByRole('alert').first();
      await expect.poll(() => alert.textContent()).toBe(`ライセンス数を超えるため保存できません（有効な勤務者 ${used}人 / ライセンス ${used}）。不要な勤務者を無効にするか、ライセンスを追加してください。`);
      await screenshot(admin, 'people-seat-limit');
      expect(await sql(`SELECT 1 FROM users WHERE "tenantId" = $1 AND "loginId" = 'e2e-over'`, [tenantId])).toHaveLength(0);
    } finally {
      for (const l of licences) await sql(`UPDATE licences SET seats = $2 WHERE id = $1`, [l.id, l.seats]);
    }
  });

  it('a manager sees only his groups and can only reset passwords; the admin screens render', async () => {
    const manager = await signIn('manager', DEMO_PASSWORD);
    await openUsers(manager);
    expect(await manager.getByRole('button', { name: 'ユーザを追加' }).count()).toBe(0);
    const actions = manager.getByTestId('actions-worker1');
    expect(await actions.getByRole('button').allTextContents()).toEqual(['パスワード再発行']);
    expect(await manager.getByRole('cell', { name: '佐藤 一郎' }).count()).toBe(0);
    await screenshot(manager, 'people-users-manager');
    // Managers may read the groups (roles.e2e.test.ts checks the page has no buttons to change them).
    expect(await manager.getByRole('link', { name: 'グループ管理' }).count()).toBe(1);

    // The manager plans his worker's weeks: a pattern, then one day off, then back to the pattern.
    await manager.getByRole('link', { name: '勤務予定', exact: true }).click();
    await manager.waitForURL(`${consoleUrl}/schedules`);
    await manager.getByLabel('対象者').selectOption({ label: '高橋 花子（worker1）' });
    // The form opens with the pattern the demo data stored; saved again from today, it reads back so.
    await expect.poll(() => manager.getByTestId('pattern-in-force').textContent()).toMatch(/から適用中のパターンです/);
    await manager.getByRole('button', { name: 'パターンを保存', exact: true }).click();
    const todayJst = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    await expect.poll(() => manager.getByTestId('pattern-in-force').textContent()).toBe(`${todayJst} から適用中のパターンです。変更は適用開始日から有効になります。`);
    await manager.getByRole('button', { name: '次の月' }).click();
    const planned = manager.locator('[data-testid^="day-"]', { hasText: '9:00–18:00' });
    await expect.poll(() => planned.count()).toBeGreaterThan(15);
    const day = (await planned.first().getAttribute('data-testid')) ?? '';
    await manager.getByTestId(day).click();
    // An end before the start is the next morning: a night shift (issue 16).
    await manager.getByLabel('開始', { exact: true }).fill('２２：００');
    await manager.getByLabel('終了', { exact: true }).fill('7時');
    await manager.getByRole('button', { name: 'この日を保存' }).click();
    await expect.poll(() => manager.getByTestId(day).textContent()).toContain('22:00–翌7:00');
    await manager.getByLabel('この日は休み').check();
    await manager.getByRole('button', { name: 'この日を保存' }).click();
    await expect.poll(() => manager.getByTestId(day).textContent()).toContain('休み');
    await screenshot(manager, 'people-schedules-manager');
    await manager.getByRole('button', { name: '個別設定を解除' }).click();
    await expect.poll(() => manager.getByTestId(day).textContent()).toContain('9:00–18:00');

    const admin = await signIn('admin', DEMO_PASSWORD);
    for (const [link, path, heading] of [
      ['グループ管理', '/groups', 'グループ管理'],
      ['タスク管理', '/tasks', 'タスク管理'],
      ['勤務予定', '/schedules', '勤務予定'],
      ['定期レポート', '/reports', '定期レポート'],
      ['端末管理', '/devices', '端末管理'],
    ] as const) {
      await admin.getByRole('link', { name: link, exact: true }).click();
      await admin.waitForURL(`${consoleUrl}${path}`);
      await expect.poll(() => admin.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      await admin.waitForLoadState('networkidle');
      await screenshot(admin, `people${path.replace('/', '-')}`);
    }

    // Groups nest; a group with sub-groups cannot be deleted, and says why in Japanese.
    await admin.getByRole('link', { name: 'グループ管理', exact: true }).click();
    await admin.getByRole('button', { name: 'グループを追加' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('グループ名').fill('東京営業所');
    await dialog.getByLabel('親グループ').selectOption({ label: '営業部' });
    await dialog.getByRole('button', { name: '作成' }).click();
    await expect.poll(() => admin.getByRole('cell', { name: '└ 東京営業所' }).count()).toBe(1);
    await admin.getByRole('row', { name: /^営業部/ }).getByRole('button', { name: '削除' }).click();
    await admin.getByTestId('confirm').click();
    await expect.poll(() => admin.getByRole('dialog').getByRole('alert').textContent()).toBe('下にグループがあるため削除できません。先に下のグループを移動するか削除してください。');
    await screenshot(admin, 'people-groups-has-children');
    await admin.getByRole('button', { name: 'キャンセル' }).click();

    // A monthly report for the sales group, mailed to the admin.
    await admin.getByRole('link', { name: '定期レポート', exact: true }).click();
    await admin.getByRole('button', { name: 'レポートを追加' }).click();
    const report = admin.getByRole('dialog');
    await report.getByRole('button', { name: '作成' }).click();
    await expect.poll(() => admin.locator('#r-recipients-error').textContent()).toBe('送信先を1人以上選んでください');
    await report.getByLabel('対象グループ').selectOption({ label: '営業部' });
    await report.getByRole('checkbox', { name: /佐藤 一郎/ }).check();
    await report.getByRole('button', { name: '作成' }).click();
    await expect.poll(() => admin.getByRole('heading', { name: /営業部 · 毎月/ }).count()).toBe(1);
    expect(await admin.getByText('まだ送信されていません').count()).toBe(1);

    // Its runs, as the report job records them, are listed with their result in Tokyo time.
    const [subscription] = await sql<{ id: string; tenantId: string }>(`SELECT id, "tenantId" FROM report_subscriptions ORDER BY "createdAt" DESC LIMIT 1`);
    const run = `INSERT INTO report_runs (id, "tenantId", "subscriptionId", "periodStart", "periodEnd", status, error, "sentAt") VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7)`;
    await sql(run, [subscription?.tenantId, subscription?.id, '2026-10-01', '2026-10-31', 'SENT', null, '2026-11-01T07:00:00Z']);
    await sql(run, [subscription?.tenantId, subscription?.id, '2026-09-01', '2026-09-30', 'FAILED', 'SMTP 550 mailbox unavailable', null]);
    await admin.reload();
    const sent = admin.getByRole('row', { name: /2026\/10\/01 – 2026\/10\/31/ });
    await expect.poll(() => sent.textContent()).toBe('2026/10/01 – 2026/10/31送信済み2026/11/01 16:00');
    expect(await admin.getByRole('row', { name: /2026\/09\/01/ }).textContent()).toBe('2026/09/01 – 2026/09/30失敗—SMTP 550 mailbox unavailable');
    await screenshot(admin, 'people-reports-runs');

    // The same screens in English (language cookie only; the admin's profile stays Japanese).
    await admin.context().addCookies([{ name: 'tw_lang', value: 'en', url: consoleUrl }]);
    await admin.goto(`${consoleUrl}/users`);
    await expect.poll(() => admin.getByTestId('seat-usage').textContent()).toMatch(/^Worker seats: \d+ used \/ 50 allowed$/);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('Users');
    await screenshot(admin, 'people-users-en');
    await admin.goto(`${consoleUrl}/schedules`);
    await expect.poll(() => admin.getByRole('heading', { name: 'Weekly pattern' }).count()).toBe(1);
    await screenshot(admin, 'people-schedules-en');
  });
});
