import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { CONSOLE_PAGES, mayOpen } from '@telework/api/console-pages';
import { PORTAL_PAGES, mayOpenPortal, type PortalKind } from '@telework/api/portal-pages';
import { launchBrowser } from './support/browser';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const consoleUrl = inject('consoleUrl');
const resellerUrl = inject('resellerUrl');
const databaseUrl = inject('databaseUrl');
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

/**
 * A signed-in page that records, across navigations, every CSP violation the document reports
 * (securitypolicyviolation events, through a binding the init script calls), every console message
 * about the policy and every console error or uncaught page error.
 */
async function watchedSignedInPage(app: 'console' | PortalKind): Promise<{ page: Page; violations: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  const violations: string[] = [];
  const errors: string[] = [];
  await context.exposeBinding('__reportCspViolation', (source, text: string) => violations.push(`${source.page.url()}: ${text}`));
  // Injected by the browser driver, not by the page, so the policy under test does not apply to it.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(`${page.url()}: ${message.text()}`);
    else if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  if (app === 'console') {
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByLabel('システムID').fill('TW-100001');
    await page.getByLabel('ユーザID').fill('admin');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${consoleUrl}/`);
  } else {
    await page.goto(`${resellerUrl}/sign-in`);
    await page.getByLabel('ご利用区分').selectOption(app);
    await page.getByLabel('メールアドレス').fill(app === 'operator' ? 'operator@telework.example' : 'sales@mirai-reseller.example');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${resellerUrl}/`);
  }
  return { page, violations, errors };
}

/** The id of a detail page with no record to show (the demo data has no contract application). */
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

/** Console errors, less the one a detail page of NO_SUCH_ID is expected to cause: its record's 404. */
const unexpected = (errors: string[]) => errors.filter((e) => !(e.includes(`/${NO_SUCH_ID}:`) && e.includes('status of 404')));

/** One id from the demo data (read as the database owner), or undefined. */
async function demoId(text: string, values: unknown[] = []): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ id: string }>(text, values)).rows[0]?.id;
  } finally {
    await client.end();
  }
}

/** The reseller portal's detail pages with a record the member may open: any for an operator, his reseller's for staff. */
async function portalIds(kind: PortalKind): Promise<Record<string, string | undefined>> {
  const staff = kind === 'resellerStaff' ? ` WHERE "resellerId" = (SELECT "resellerId" FROM reseller_staff WHERE email = 'sales@mirai-reseller.example')` : '';
  return {
    '/applications/[id]': await demoId(`SELECT id FROM applications${staff} LIMIT 1`),
    '/customers/[tenantId]': await demoId(`SELECT id FROM tenants${staff} LIMIT 1`),
  };
}

/**
 * A page path of the table with its `[…]` segment filled: a record from `ids`, else the first link to such
 * a page on its list page, else an id that matches nothing (the page renders its not-found state).
 */
async function concretePath(page: Page, base: string, key: string, ids: Record<string, string | undefined> = {}): Promise<string> {
  if (!key.includes('[')) return key;
  const known = ids[key];
  if (known) return key.replace(/\[[^\]]+\]/, known);
  const list = key.slice(0, key.indexOf('/['));
  await page.goto(`${base}${list}`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const hrefs = await page.locator(`a[href^="${list}/"]`).evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  const found = hrefs.find((href) => /^\/[^/]+\/[^/?#]+$/.test(href) && !href.endsWith('/new'));
  return found ?? key.replace(/\[[^\]]+\]/, NO_SUCH_ID);
}

/** Loads every page of a table, as served (a full page load each), checking its headers; returns the paths visited. */
async function visitEveryPage(page: Page, base: string, keys: string[], ids: Record<string, string | undefined> = {}): Promise<string[]> {
  const visited: string[] = [];
  for (const key of keys) {
    const path = await concretePath(page, base, key, ids);
    await expectSecurityHeaders(await page.goto(`${base}${path}`));
    // Client queries and the components they render run too (a policy also governs what they load).
    await page.waitForLoadState('networkidle').catch(() => undefined);
    visited.push(path);
  }
  return visited;
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

  it('every console page an administrator may open loads with its policy and no CSP violation', async () => {
    const { page, violations, errors } = await watchedSignedInPage('console');
    const keys = Object.keys(CONSOLE_PAGES).filter((key) => mayOpen('ADMIN', key as keyof typeof CONSOLE_PAGES));
    expect(keys).toEqual(Object.keys(CONSOLE_PAGES));
    const ids = { '/incidents/[id]': await demoId(`SELECT i.id FROM incidents i JOIN tenants t ON t.id = i."tenantId" WHERE t."systemId" = 'TW-100001' LIMIT 1`) };
    const visited = await visitEveryPage(page, consoleUrl, keys, ids);
    expect(visited).toHaveLength(keys.length);
    expect(violations).toEqual([]);
    expect(unexpected(errors)).toEqual([]);
    await page.context().close();
  }, 240_000);

  it('every reseller-portal page, for a provider operator and for reseller staff, loads with its policy and no CSP violation', async () => {
    for (const kind of ['operator', 'resellerStaff'] as const) {
      const { page, violations, errors } = await watchedSignedInPage(kind);
      const keys = Object.keys(PORTAL_PAGES).filter((key) => mayOpenPortal(kind, key as keyof typeof PORTAL_PAGES));
      if (kind === 'operator') expect(keys).toEqual(Object.keys(PORTAL_PAGES));
      const ids = await portalIds(kind);
      // The customer page opens a real tenant of the demo data.
      expect(ids['/customers/[tenantId]']).toBeTruthy();
      const visited = await visitEveryPage(page, resellerUrl, keys, ids);
      expect(visited).toHaveLength(keys.length);
      expect(violations).toEqual([]);
      expect(unexpected(errors)).toEqual([]);
      await page.context().close();
    }
  }, 240_000);

  it('API routes, which the proxy skips, keep the fixed headers', async () => {
    for (const url of [consoleUrl, resellerUrl]) {
      const response = await fetch(`${url}/api/trpc/auth.me`);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
    }
  });
});
