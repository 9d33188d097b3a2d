import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot } from './support/browser';

const consoleUrl = inject('consoleUrl');
const resellerUrl = inject('resellerUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

describe('sign-in in a real browser', () => {
  it('both apps send a visitor without a session to sign-in from the server, before any page renders', async () => {
    for (const url of [consoleUrl, resellerUrl]) {
      const response = await fetch(`${url}/`, { redirect: 'manual' });
      expect(response.status).toBe(307);
      expect(new URL(response.headers.get('location') ?? '', url).pathname).toBe('/sign-in');
    }
  });

  it('the served apps take the client address from the socket: an X-Forwarded-For the client sends is not believed', async () => {
    // From loopback, claiming a foreign address: refused would mean the header was trusted (403).
    // Nobody is signed in, so the image route answers 401 once the access check has let the call through.
    for (const forged of ['8.8.8.8', '127.0.0.1, 8.8.8.8']) {
      const response = await fetch(`${consoleUrl}/api/images/00000000-0000-4000-8000-000000000000`, { headers: { 'x-forwarded-for': forged } });
      expect(response.status, forged).toBe(401);
    }
  });

  it('a demo admin signs in to the console and sees the home page with his name', async () => {
    const page = await newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByLabel('システムID').fill('TW-100001');
    await page.getByLabel('ユーザID').fill('admin');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${consoleUrl}/`);
    await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('ようこそ、佐藤 一郎 さん');
    expect(await page.getByTestId('who-am-i').textContent()).toContain('管理者');
    await screenshot(page, 'console-home');
    await page.getByTestId('sign-out').click();
    await page.waitForURL(`${consoleUrl}/sign-in`);
    // Signed out, the home page sends the browser back to sign-in.
    await page.goto(`${consoleUrl}/`);
    await page.waitForURL(`${consoleUrl}/sign-in`);
  });

  it('repeated wrong passwords lock the account and the message names the end of the lock in Tokyo time', async () => {
    const page = await newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByLabel('システムID').fill('TW-100002');
    await page.getByLabel('ユーザID').fill('worker2');
    const alert = page.getByRole('alert').first();
    // The API locks an account on its 5th failure within 15 minutes (LOGIN_MAX_FAILURES_PER_ACCOUNT).
    const attempt = async (password: string) => {
      await page.getByLabel('パスワード').fill(password);
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/api/trpc/auth.signIn')), page.getByRole('button', { name: 'サインイン' }).click()]);
      return response.text();
    };
    for (let n = 1; n <= 4; n++) {
      await attempt(`wrong-${n}`);
      await expect.poll(() => alert.textContent()).toBe('IDまたはパスワードが正しくありません。');
    }
    expect(await attempt('wrong-5')).toContain('ACCOUNT_LOCKED');
    const jst = (ms: number) =>
      new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(ms);
    const expected = [0, 60_000].map((skew) => `サインインの失敗が続いたため、${jst(Date.now() + 15 * 60_000 - skew)} までロックされています。`);
    await expect.poll(() => alert.textContent()).toMatch(/までロックされています。$/);
    expect(expected).toContain(await alert.textContent());
    await screenshot(page, 'console-sign-in-locked');

    // Even the right password is refused while the lock lasts.
    expect(await attempt(DEMO_PASSWORD)).toContain('ACCOUNT_LOCKED');
    await expect.poll(() => alert.textContent()).toMatch(/までロックされています。$/);
    expect(page.url()).toBe(`${consoleUrl}/sign-in`);
  });

  it('a wrong password shows the Japanese error; the English switch changes the language', async () => {
    const page = await newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByLabel('システムID').fill('TW-100001');
    await page.getByLabel('ユーザID').fill('manager');
    await page.getByLabel('パスワード').fill('wrong-password');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('IDまたはパスワードが正しくありません。');
    await screenshot(page, 'console-sign-in-error');
    await page.getByTestId('language-switch').click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Work Management Console');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'console-sign-in-en');
  });

  it('the header language switch turns the console English and is kept in the profile for the next sign-in', async () => {
    const page = await newPage();
    const signIn = async () => {
      await page.getByLabel(/システムID|System ID/).fill('TW-100002');
      await page.getByLabel(/ユーザID|User ID/).fill('admin');
      await page.getByLabel(/パスワード|Password/).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /サインイン|Sign in/ }).click();
      await page.waitForURL(`${consoleUrl}/`);
    };
    await page.goto(`${consoleUrl}/sign-in`);
    await signIn();
    await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('ようこそ、佐藤 一郎 さん');
    await page.getByTestId('language-switch').click();
    await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('Welcome, 佐藤 一郎');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toContain('Profile');
    expect(await page.getByTestId('who-am-i').textContent()).toContain('Administrator');
    await screenshot(page, 'console-home-en');

    // A browser that never chose a language starts in Japanese; signing in applies the saved English.
    await page.context().clearCookies();
    await page.goto(`${consoleUrl}/sign-in`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('勤務管理コンソール');
    await signIn();
    await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('Welcome, 佐藤 一郎');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('invalid input shows the form message and an error under each field', async () => {
    const page = await newPage();
    await page.goto(`${resellerUrl}/sign-in`);
    await page.getByLabel('メールアドレス').fill('not-an-address');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('入力内容を確認してください。');
    expect(await page.locator('#email-error').textContent()).toBe('メールアドレスの形式で入力してください');
    expect(await page.locator('#password-error').textContent()).toBe('入力してください');
    expect(await page.getByLabel('メールアドレス').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'reseller-sign-in-field-errors');
  });

  it('a demo reseller staff member signs in to the reseller app and sees his customers', async () => {
    const page = await newPage();
    await page.goto(`${resellerUrl}/sign-in`);
    await page.getByLabel('メールアドレス').fill('sales@mirai-reseller.example');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${resellerUrl}/`);
    await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('みらいシステム販売株式会社 の 販売 花子 さん');
    await expect.poll(() => page.getByRole('cell', { name: '浪速電機株式会社' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: '東都商事株式会社' }).count()).toBe(0);
    await screenshot(page, 'reseller-home');
  });

  it('the provider operator signs in to the reseller app and sees every tenant', async () => {
    const page = await newPage();
    await page.goto(`${resellerUrl}/sign-in`);
    await page.getByLabel('ご利用区分').selectOption('operator');
    await page.getByLabel('メールアドレス').fill('operator@telework.example');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${resellerUrl}/`);
    await expect.poll(() => page.getByRole('cell', { name: '東都商事株式会社' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: '浪速電機株式会社' }).count()).toBe(1);
  });
});
