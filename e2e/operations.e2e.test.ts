import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { formatJst, jstInputValue } from '@telework/ui/i18n';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';
import { waitForMail } from './support/mailbox';

// Provider operations end to end: an operator posts planned maintenance, it is on the console's
// sign-in screen, an administrator opens an inquiry, the operator answers it, the administrator reads
// the answer. Every name created here is unique to this run; the demo accounts are only signed in.

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const consoleUrl = inject('consoleUrl');
const resellerUrl = inject('resellerUrl');
const databaseUrl = inject('databaseUrl');
const HOUR = 60 * 60_000;
// The machine is shared and often busy: data that arrives by a query gets time to show.
const WAIT = { timeout: 20_000, interval: 250 };
const SLOW_TEST = 180_000;
const run = Date.now().toString(36);
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  return context.newPage();
}

/** Direct SQL as the database owner: only to read the demo admin's address and to add (then remove) a throw-away account. */
async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function signInOperator(): Promise<Page> {
  const page = await newPage();
  await page.goto(`${resellerUrl}/sign-in`);
  await page.getByLabel('ご利用区分').selectOption('operator');
  await page.getByLabel('メールアドレス').fill('operator@telework.example');
  await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.waitForURL(`${resellerUrl}/`);
  return page;
}

function signInConsole(loginId: string): Promise<Page> {
  return signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId, password: DEMO_PASSWORD });
}

/** Rounded to the minute, as a datetime-local input holds it. */
function minute(ms: number): Date {
  return new Date(Math.floor(ms / 60_000) * 60_000);
}

describe('provider operations in a real browser', () => {
  const title = `定期メンテナンスのお知らせ ${run}`;
  const start = minute(Date.now() + 72 * HOUR);
  const end = new Date(start.getTime() + 2 * HOUR);
  const subject = `勤務レポートの出力について ${run}`;
  const answer = `ご連絡ありがとうございます。レポート画面の「出力」からCSVを保存できます。(${run})`;
  let operator: Page;
  let admin: Page;
  let inquiryNumber = '';

  it('an operator is refused a late maintenance notice and a short-notice terms change, then posts planned maintenance for all customers', async () => {
    operator = await signInOperator();
    await operator.getByRole('link', { name: 'お知らせ管理' }).click();
    await operator.waitForURL(`${resellerUrl}/notices`);
    await operator.getByRole('button', { name: 'お知らせを作成' }).click();
    const dialog = operator.getByRole('dialog');
    await dialog.getByLabel('種類').selectOption('MAINTENANCE');
    await dialog.getByLabel('タイトル（日本語）').fill(title);
    await dialog.getByLabel('本文（日本語）').fill('サーバ機器の更新のため、サービスを停止します。');
    const alert = dialog.getByRole('alert').first();

    // 第18条: a window that has already started is not planned maintenance announced in advance.
    await dialog.getByLabel('メンテナンス開始（日本時間）').fill(jstInputValue(minute(Date.now() - HOUR)));
    await dialog.getByLabel('メンテナンス終了（日本時間）').fill(jstInputValue(minute(Date.now() + HOUR)));
    await dialog.getByRole('button', { name: '公開する' }).click();
    await expect.poll(() => alert.textContent(), WAIT).toBe('計画メンテナンスは開始前に告知する必要があります（約款第18条）。開始日時を見直すか、緊急メンテナンスとして登録してください。');
    await screenshot(operator, 'operations-notice-maintenance-refused');

    // 第3条: a terms change ten days ahead is too short.
    await dialog.getByLabel('種類').selectOption('TERMS_CHANGE');
    await dialog.getByLabel('適用日時（日本時間）').fill(jstInputValue(minute(Date.now() + 10 * 24 * HOUR)));
    await dialog.getByRole('button', { name: '公開する' }).click();
    await expect.poll(() => alert.textContent(), WAIT).toBe('約款変更のお知らせは、適用日の30日以上前に公開する必要があります（約款第3条）。適用日を遅らせるか、公開日時を早めてください。');
    await screenshot(operator, 'operations-notice-terms-refused');

    await dialog.getByLabel('種類').selectOption('MAINTENANCE');
    await dialog.getByLabel('メンテナンス開始（日本時間）').fill(jstInputValue(start));
    await dialog.getByLabel('メンテナンス終了（日本時間）').fill(jstInputValue(end));
    await dialog.getByRole('button', { name: '公開する' }).click();
    await expect.poll(() => operator.getByRole('dialog').count(), WAIT).toBe(0);
    expect(await operator.getByRole('status').first().textContent()).toMatch(new RegExp(`^「${title}」を登録しました。送信先の管理者: \\d+人$`));
    const row = operator.getByRole('row').filter({ hasText: title });
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.textContent()).toContain(`${formatJst(start, 'ja')} 〜 ${formatJst(end, 'ja')}`);
    expect(await row.textContent()).toContain('すべてのお客様');
    await screenshot(operator, 'operations-notice-posted');

    // Every registered administrator has a delivery row, waiting for the delivery job (jobs are off here).
    await row.getByRole('button', { name: '配信状況' }).click();
    const deliveries = operator.getByRole('dialog');
    await expect.poll(() => deliveries.getByRole('cell', { name: /admin@/ }).count(), WAIT).toBeGreaterThanOrEqual(2);
    expect(await deliveries.getByTestId('delivery-status').first().getAttribute('data-status')).toBe('PENDING');
    await screenshot(operator, 'operations-notice-deliveries');
    await deliveries.getByRole('button', { name: '閉じる' }).click();
  }, SLOW_TEST);

  it('a visitor without a session sees the maintenance notice and its window in Tokyo time on the console sign-in screen', async () => {
    const visitor = await newPage();
    await visitor.goto(`${consoleUrl}/sign-in`);
    const notice = visitor.getByTestId('login-notices').getByTestId('notice').filter({ hasText: title });
    await expect.poll(() => notice.count(), WAIT).toBe(1);
    expect(await notice.getByTestId('notice-window').textContent()).toBe(`メンテナンス日時: ${formatJst(start, 'ja')} 〜 ${formatJst(end, 'ja')}（日本時間）`);
    expect(await notice.getAttribute('data-kind')).toBe('MAINTENANCE');
    await screenshot(visitor, 'operations-sign-in-notice');
  }, SLOW_TEST);

  it('the TW-100001 administrator sees it at home and opens an inquiry after the name check', async () => {
    admin = await signInConsole('admin');
    await expect.poll(() => admin.getByTestId('home-notices').getByTestId('notice').filter({ hasText: title }).count(), WAIT).toBe(1);
    await admin.getByRole('link', { name: 'お問合せ' }).click();
    await admin.waitForURL(`${consoleUrl}/inquiries`);
    await admin.getByRole('button', { name: '新しいお問合せ' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('システムID').fill('TW-100001');
    await dialog.getByLabel('管理者のお名前').fill('別人 太郎');
    await dialog.getByLabel('件名').fill(subject);
    await dialog.getByLabel('お問合せ内容').fill('月次の勤務レポートをCSVで出力する方法を教えてください。');
    await dialog.getByRole('button', { name: '送信する' }).click();
    // The name is checked against the registered administrator (仕様書 4) and named under its field.
    await expect.poll(() => dialog.locator('#iq-name-error').textContent(), WAIT).toBe('登録内容と一致しません');
    await screenshot(admin, 'operations-inquiry-name-mismatch');

    await dialog.getByLabel('管理者のお名前').fill('佐藤　一郎');
    await dialog.getByRole('button', { name: '送信する' }).click();
    await expect.poll(() => admin.getByRole('dialog').count(), WAIT).toBe(0);
    const confirmation = (await admin.getByRole('status').first().textContent()) ?? '';
    inquiryNumber = /Q-\d{8}-[0-9A-F]{8}/.exec(confirmation)?.[0] ?? '';
    expect(inquiryNumber).not.toBe('');
    expect(confirmation).toMatch(/一次回答の目安: \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（日本時間）$/);
    const row = admin.getByRole('row').filter({ hasText: inquiryNumber });
    await expect.poll(() => row.getByTestId('inquiry-status').textContent(), WAIT).toBe('回答待ち');
    expect(await row.getByTestId('inquiry-due').textContent()).toMatch(/^期限 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    await expect.poll(() => admin.getByTestId('inquiry-detail').getByTestId('inquiry-message').count(), WAIT).toBe(1);
    await screenshot(admin, 'operations-inquiry-opened');

    const toSupport = await waitForMail('support@telework.example', (m) => (m.subject ?? '').includes(inquiryNumber));
    expect(toSupport.text).toContain('月次の勤務レポートをCSVで出力する方法を教えてください。');
  }, SLOW_TEST);

  it('the operator finds it among all customers’ inquiries with its due time and answers it; the answer is mailed', async () => {
    await operator.getByRole('link', { name: 'お問合せ' }).click();
    await operator.waitForURL(`${resellerUrl}/inquiries`);
    const row = operator.getByRole('row').filter({ hasText: inquiryNumber });
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.textContent()).toContain('東都商事株式会社（TW-100001）');
    expect(await row.textContent()).toContain('佐藤 一郎');
    expect(await row.getByTestId('inquiry-due').textContent()).toMatch(/^期限 /);
    await operator.getByTestId(`open-inquiry-${inquiryNumber}`).click();
    const detail = operator.getByTestId('inquiry-detail');
    await expect.poll(() => detail.getByTestId('inquiry-message').first().textContent(), WAIT).toContain('月次の勤務レポートをCSVで出力する方法を教えてください。');
    await detail.getByLabel('回答', { exact: true }).fill(answer);
    await detail.getByRole('button', { name: '回答を送信' }).click();
    await expect.poll(() => detail.getByRole('status').first().textContent(), WAIT).toBe('回答を登録し、管理者にメールで送りました。');
    await expect.poll(() => detail.getByTestId('inquiry-status').first().getAttribute('data-status'), WAIT).toBe('ANSWERED');
    expect(await detail.getByTestId('inquiry-message').count()).toBe(2);
    await screenshot(operator, 'operations-inquiry-answered');

    const [{ email } = { email: '' }] = await sql<{ email: string }>(
      `SELECT u.email FROM users u JOIN tenants t ON t.id = u."tenantId" WHERE t."systemId" = 'TW-100001' AND u."loginId" = 'admin'`,
    );
    const toAdmin = await waitForMail(email, (m) => (m.subject ?? '').includes(inquiryNumber));
    expect(toAdmin.text).toContain(answer);
  }, SLOW_TEST);

  it('the administrator reads the answer in the thread, with the one-week acceptance date', async () => {
    await admin.reload();
    const row = admin.getByRole('row').filter({ hasText: inquiryNumber });
    await expect.poll(() => row.getByTestId('inquiry-status').textContent(), WAIT).toBe('回答済み');
    await admin.getByTestId(`open-inquiry-${inquiryNumber}`).click();
    const detail = admin.getByTestId('inquiry-detail');
    const fromSupport = detail.locator('[data-testid="inquiry-message"][data-author="OPERATOR"]');
    await expect.poll(() => fromSupport.textContent(), WAIT).toContain(answer);
    expect(await fromSupport.textContent()).toContain('サポート窓口');
    expect(await detail.getByRole('status').first().textContent()).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（日本時間）までにご返信がない場合、この回答をご承諾いただいたものとして終了します。$/);
    await screenshot(admin, 'operations-inquiry-answer-seen');
  }, SLOW_TEST);

  it('an ADMIN-role account that is not a registered administrator is told plainly it cannot contact the provider', async () => {
    const loginId = `e2e-unreg-${run}`;
    const [created] = await sql<{ id: string; tenantId: string }>(
      `INSERT INTO users (id, "tenantId", "loginId", name, role, "isRegisteredAdministrator", "passwordHash", "updatedAt")
       SELECT gen_random_uuid(), u."tenantId", $1, '未登録 管理者', 'ADMIN', false, u."passwordHash", now()
       FROM users u JOIN tenants t ON t.id = u."tenantId" WHERE t."systemId" = 'TW-100001' AND u."loginId" = 'admin'
       RETURNING id, "tenantId"`,
      [loginId],
    );
    try {
      const page = await signInConsole(loginId);
      await page.getByRole('link', { name: 'お問合せ' }).click();
      await page.waitForURL(`${consoleUrl}/inquiries`);
      await page.getByRole('button', { name: '新しいお問合せ' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('システムID').fill('TW-100001');
      await dialog.getByLabel('管理者のお名前').fill('未登録 管理者');
      await dialog.getByLabel('件名').fill(`未登録のお問合せ ${run}`);
      await dialog.getByLabel('お問合せ内容').fill('本文');
      await dialog.getByRole('button', { name: '送信する' }).click();
      await expect.poll(() => dialog.getByRole('alert').first().textContent(), WAIT).toBe(
        'お問合せ・ご請求は、登録済みの管理者の方のみ行えます（約款第4条2項）。登録管理者の方に依頼するか、登録内容の変更をお申し込みください。',
      );
      await screenshot(page, 'operations-inquiry-not-registered');
      expect(await sql(`SELECT 1 FROM inquiries WHERE subject = $1`, [`未登録のお問合せ ${run}`])).toHaveLength(0);
    } finally {
      await sql(`DELETE FROM auth_sessions WHERE "userId" = $1`, [created?.id]);
      await sql(`DELETE FROM users WHERE "tenantId" = $1 AND id = $2`, [created?.tenantId, created?.id]);
    }
  }, SLOW_TEST);
});
