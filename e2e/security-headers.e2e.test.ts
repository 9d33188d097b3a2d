import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser } from './support/browser';

const consoleUrl = inject('consoleUrl');
const resellerUrl = inject('resellerUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** A fresh page that records every console message Chromium prints about the Content Security Policy. */
async function watchedPage(): Promise<{ page: Page; violations: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  return { page, violations };
}

/** The script nonce the response's policy names (undefined when there is none). */
function scriptNonce(policy: string | null): string | undefined {
  const scriptSrc = (policy ?? '').split(';').map((d) => d.trim().split(/\s+/)).find(([name]) => name === 'script-src') ?? [];
  return scriptSrc.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
}

/** What a page response must carry, and its scripts must match: checked against the headers as sent. */
async function expectSecurityHeaders(response: Response | null): Promise<void> {
  expect(response?.status()).toBe(200);
  const headers = (await response?.allHeaders()) ?? {};
  const policy = headers['content-security-policy'] ?? '';
  const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name = '', ...values]) => [name, values]));
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  expect(directives.get('script-src')).not.toContain("'unsafe-eval'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
  // Every script the server rendered carries this response's nonce (Next reads it from the policy).
  const nonce = scriptNonce(policy);
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  const html = (await response?.text()) ?? '';
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scriptTags.length).toBeGreaterThan(0);
  for (const tag of scriptTags) expect(tag, tag).toContain(`nonce="${nonce}"`);
}

describe('security headers on the served apps, in a real browser', () => {
  it('the console sign-in page carries the headers, hydrates and signs in with no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await expectSecurityHeaders(await page.goto(`${consoleUrl}/sign-in`));
    // The form is a React client form: signing in goes through tRPC and a client-side navigation.
    await page.getByLabel('システムID').fill('TW-100001');
    await page.getByLabel('ユーザID').fill('admin');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${consoleUrl}/`);
    await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('ようこそ、佐藤 一郎 さん');
    // A signed-in page loaded from the server (not a client navigation) carries a fresh policy too.
    const reloaded = await page.reload();
    await expectSecurityHeaders(reloaded);
    await expect.poll(() => page.getByTestId('home-title').textContent()).toBe('ようこそ、佐藤 一郎 さん');
    expect(violations).toEqual([]);
  });

  it('the reseller sign-in page carries the headers, hydrates (client-side validation) and signs in with no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await expectSecurityHeaders(await page.goto(`${resellerUrl}/sign-in`));
    await page.getByLabel('メールアドレス').fill('not-an-address');
    await page.getByRole('button', { name: 'サインイン' }).click();
    await expect.poll(() => page.locator('#email-error').textContent()).toBe('メールアドレスの形式で入力してください');
    await page.getByLabel('メールアドレス').fill('sales@mirai-reseller.example');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${resellerUrl}/`);
    await expect.poll(() => page.getByRole('cell', { name: '浪速電機株式会社' }).count()).toBe(1);
    await expectSecurityHeaders(await page.reload());
    await expect.poll(() => page.getByRole('cell', { name: '浪速電機株式会社' }).count()).toBe(1);
    expect(violations).toEqual([]);
  });

  it('markup injected into a page (an inline script, an event handler) does not run, and the browser reports it, on both apps', async () => {
    for (const url of [consoleUrl, resellerUrl]) {
      const { page, violations } = await watchedPage();
      // What a stored-XSS payload would be once the server wrote it into the HTML: the real response,
      // headers untouched, with the payload added to the body.
      await page.route(`${url}/sign-in`, async (route) => {
        const response = await route.fetch();
        const body = (await response.text()).replace('</body>', `<script>document.title = 'pwned'</script><img src="/nothing" onerror="document.title = 'pwned'"></body>`);
        await route.fulfill({ response, body });
      });
      await page.goto(`${url}/sign-in`);
      await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
      expect(await page.title()).not.toBe('pwned');
      // The page's own nonced scripts still run: the language switch is a React click handler.
      await page.getByTestId('language-switch').click();
      await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
      expect(await page.title()).not.toBe('pwned');
      await page.context().close();
    }
  });

  it('API routes, which the proxy skips, keep the fixed headers', async () => {
    for (const url of [consoleUrl, resellerUrl]) {
      const response = await fetch(`${url}/api/trpc/auth.me`);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
    }
  });
});
