import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';

// Pages and buttons per role (issue 18): the server answers a page outside the role with the role page,
// and a manager reads the groups without the buttons that would fail with 403.

const consoleUrl = inject('consoleUrl');
const resellerUrl = inject('resellerUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const signIn = (loginId: string) => signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId, password: DEMO_PASSWORD });

describe('role-aware console', () => {
  it('a worker opening /users or /board gets the role page from the server, never a loading frame', async () => {
    const worker = await signIn('worker1');
    const nav = await worker.getByRole('navigation').getByRole('link').allTextContents();
    expect(nav).toEqual(['ホーム', 'タイムライン', '打刻修正', 'プロフィール']);

    for (const path of ['/users', '/board']) {
      const response = await worker.goto(`${consoleUrl}${path}`);
      // The HTML as the server sent it, before any script ran.
      const html = (await response?.text()) ?? '';
      expect(html).toContain('この画面はご利用いただけません');
      expect(html).toContain('勤務者の権限では、この画面は表示されません。');
      expect(html).not.toContain('読み込み中');
      await expect.poll(() => worker.getByTestId('role-denied').getByRole('heading').textContent()).toBe('この画面はご利用いただけません');
      expect(await worker.getByText('読み込み中…').count()).toBe(0);
    }
    await screenshot(worker, 'roles-worker-users');
    // The page the worker may use still renders in the same frame.
    await worker.getByRole('link', { name: 'ホームへ戻る' }).click();
    await worker.waitForURL(`${consoleUrl}/`);
    expect(await worker.getByTestId('role-denied').count()).toBe(0);
  });

  it('a manager reads /groups without add, edit or delete buttons; the admin gets them', async () => {
    const manager = await signIn('manager');
    await manager.getByRole('link', { name: 'グループ管理', exact: true }).click();
    await manager.waitForURL(`${consoleUrl}/groups`);
    await expect.poll(() => manager.getByRole('cell', { name: '営業部' }).count()).toBeGreaterThan(0);
    expect(await manager.getByRole('button', { name: 'グループを追加' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: '編集' }).count()).toBe(0);
    expect(await manager.getByRole('button', { name: '削除' }).count()).toBe(0);
    await screenshot(manager, 'roles-manager-groups');
    // Admin pages stay closed to the manager.
    const response = await manager.goto(`${consoleUrl}/settings`);
    expect((await response?.text()) ?? '').toContain('勤務管理者の権限では、この画面は表示されません。');

    const admin = await signIn('admin');
    await admin.goto(`${consoleUrl}/groups`);
    await expect.poll(() => admin.getByRole('button', { name: '編集' }).count()).toBeGreaterThan(0);
    expect(await admin.getByRole('button', { name: 'グループを追加' }).count()).toBe(1);
  });

  it('reseller staff see no provider pages in the menu and get the role page at their address', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await page.goto(`${resellerUrl}/sign-in`);
    await page.getByLabel('ご利用区分').selectOption('resellerStaff');
    await page.getByLabel('メールアドレス').fill('sales@mirai-reseller.example');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${resellerUrl}/`);
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['ホーム', '申込', '顧客', '請求書']);
    const response = await page.goto(`${resellerUrl}/audit`);
    const html = (await response?.text()) ?? '';
    expect(html).toContain('この画面は運営オペレーター専用です。');
    expect(html).not.toContain('読み込み中');
    await context.close();
  });
});
