import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results');

/**
 * Debian's Chromium, headless, with the flags this machine needs (no downloads, no sandbox as root).
 * Playwright gives every launch a fresh temporary profile of its own.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  if (isClockShifted()) followShiftedClock(browser);
  return browser;
}

/** True in `npm run test:clock-ahead`, whose preload (scripts/test/shift-clock.mjs) moves this process's clock. */
function isClockShifted(): boolean {
  return '__telework_clock_shifted__' in globalThis;
}

/**
 * The servers and this process run with the clock moved ahead; Chromium would still read the real
 * one. Every new context starts its pages' clock at this process's (moved) time, and lets it run.
 */
function followShiftedClock(browser: Browser): void {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.clock.setSystemTime(new Date());
    return context;
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface ConsoleLogin {
  systemId: string;
  loginId: string;
  password: string;
}

/**
 * A fresh browser context (Japanese, Tokyo time) signed in to the console through its sign-in form;
 * resolves once the home page is shown.
 */
export async function signInToConsole(browser: Browser, consoleUrl: string, login: ConsoleLogin, options: { viewport?: { width: number; height: number }; acceptDownloads?: boolean; landing?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: options.acceptDownloads ?? false });
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/sign-in`);
  await page.getByLabel('システムID').fill(login.systemId);
  await page.getByLabel('ユーザID').fill(login.loginId);
  await page.getByLabel('パスワード').fill(login.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  // An issued password lands on the forced change screen instead of the home page.
  await page.waitForURL(`${consoleUrl}${options.landing ?? '/'}`);
  return page;
}
