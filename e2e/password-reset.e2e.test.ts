import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';
import { waitForMail } from './support/mailbox';

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

/**
 * Direct SQL as the database owner, only to add a member of the second demo tenant with an e-mail
 * address and no password yet (a forgotten one), so no other test's demo login is changed.
 */
async function addMemberWithoutPassword(loginId: string, email: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO users (id, "tenantId", "loginId", name, email, role, language, "updatedAt")
       SELECT gen_random_uuid(), id, $1, '中村 遥', $2, 'MANAGER', 'ja', now() FROM tenants WHERE "systemId" = 'TW-100002'`,
      [loginId, email],
    );
  } finally {
    await client.end();
  }
}

describe('forgotten password in a real browser', () => {
  it('a console user asks for a link from the sign-in page, sets a new password from the mail, signs in with it; the link then no longer works', async () => {
    const suffix = `${Date.now()}`.slice(-8);
    const loginId = `e2e-reset-${suffix}`;
    const email = `reset-${suffix}@e2e-customer.example`;
    const newPassword = `Neue-Passwort-${suffix}`;
    await addMemberWithoutPassword(loginId, email);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByRole('link', { name: 'パスワードをお忘れの方' }).click();
    await page.waitForURL(`${consoleUrl}/forgot-password`);
    await page.getByLabel('システムID').fill('TW-100002');
    await page.getByLabel('ユーザID').fill(loginId);
    await page.getByRole('button', { name: '再設定用のリンクを送る' }).click();
    await expect.poll(() => page.getByTestId('reset-sent').textContent()).toContain('再設定用のリンクをお送りしました');
    await screenshot(page, 'password-reset-requested');

    const mail = await waitForMail(email, (m) => (m.subject ?? '').includes('パスワードの再設定'));
    expect(mail.text).toContain(`ユーザID: ${loginId}`);
    const link = /https?:\/\/\S+\/reset-password\/\S+/.exec(mail.text ?? '')?.[0];
    expect(link?.startsWith(`${consoleUrl}/reset-password/`)).toBe(true);

    await page.goto(link ?? '');
    await page.getByLabel('新しいパスワード', { exact: true }).fill(newPassword);
    await page.getByLabel('新しいパスワード（確認）').fill(newPassword);
    await page.getByRole('button', { name: 'パスワードを設定する' }).click();
    await expect.poll(() => page.getByTestId('reset-done').textContent()).toContain('新しいパスワードを設定しました');
    await screenshot(page, 'password-reset-done');

    // The new password opens the console itself (not the forced change screen of an issued password).
    const signedIn = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100002', loginId, password: newPassword });
    await expect.poll(() => signedIn.getByText('中村 遥').first().isVisible()).toBe(true);

    // The same link a second time: refused, in words.
    const again = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await again.goto(link ?? '');
    await again.getByLabel('新しいパスワード', { exact: true }).fill('Another-password-1');
    await again.getByLabel('新しいパスワード（確認）').fill('Another-password-1');
    await again.getByRole('button', { name: 'パスワードを設定する' }).click();
    await expect.poll(() => again.getByRole('alert').first().textContent()).toBe('このリンクは無効か、使用済みか、期限切れです。もう一度、再設定用のリンクを申し込んでください。');
  });
});
