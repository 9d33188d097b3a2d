import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';
import { agentClient } from './support/agent-api';

const consoleUrl = inject('consoleUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('live work status board', () => {
  it('a manager sees a worker change to working after an agent punch, opens his month and downloads the CSV', async () => {
    const page = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'manager', password: DEMO_PASSWORD }, { acceptDownloads: true });
    await page.getByRole('link', { name: '勤務状況' }).click();
    await page.waitForURL(`${consoleUrl}/board`);
    const state = page.getByTestId('state-worker1').getByTestId('state-badge');
    await expect.poll(() => state.getAttribute('data-state')).toBe('OFF');

    // The worker's agent signs in and punches work start through the real HTTP API.
    const anon = agentClient(consoleUrl);
    const { token } = await anon.agent.auth.signIn.mutate({ systemId: 'TW-100001', loginId: 'worker1', password: DEMO_PASSWORD, deviceName: 'E2E-PC' });
    const agent = agentClient(consoleUrl, token);
    const punchedAt = Date.now();
    await agent.agent.work.punch.mutate({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: new Date(Date.now() - 60 * 60_000) });

    // The board polls by itself: no reload. It must show the change within 5 seconds.
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 5_000, interval: 250 }).toBe('WORKING');
    console.log(`board showed WORKING ${Date.now() - punchedAt} ms after the punch`);
    await screenshot(page, 'board-working');
    const [boardFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('board-export-csv-sjis').click()]);
    const sjis = new TextDecoder('shift_jis').decode(readFileSync(await boardFile.path()));
    expect(sjis.split('\r\n')[0]).toBe('ユーザID,氏名,部署,状態,いつから,現在のタスク,最終通信,本日のインシデント');
    expect(sjis).toMatch(/worker1,高橋 花子,営業部,勤務中,/);

    await agent.agent.work.punch.mutate({ clientEventId: randomUUID(), kind: 'WORK_END', occurredAt: new Date() });
    await page.getByTestId('worker-worker1').click();
    await page.waitForURL(/\/analytics\?userId=.*period=month/);
    await expect.poll(() => page.getByRole('cell', { name: '高橋 花子' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'worker-month');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const file = await download.path();
    const text = readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('日付');
    expect(text).toContain('高橋 花子');
    // About an hour of work (split over two days if it crossed JST midnight), in minutes.
    const worked = text.split('\n').slice(1).map((line) => Number(line.split(',')[5] ?? 0)).reduce((a, b) => a + b, 0);
    expect(worked).toBeGreaterThanOrEqual(59);
  });
});

describe('punching in the console', () => {
  // worker3, not worker2: the sign-in test locks worker2's account on purpose.
  it('a worker without the agent starts work and a task from the home page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${consoleUrl}/sign-in`);
    await page.getByLabel('システムID').fill('TW-100002');
    await page.getByLabel('ユーザID').fill('worker3');
    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.waitForURL(`${consoleUrl}/`);
    await expect.poll(() => page.getByTestId('punch-state').textContent()).toBe('勤務外です');
    await page.getByRole('button', { name: '勤務開始' }).click();
    await expect.poll(() => page.getByTestId('punch-state').textContent()).toMatch(/^勤務中（/);
    await page.getByLabel('タスク').selectOption({ label: 'DEV 開発' });
    await page.getByRole('button', { name: 'タスク開始' }).click();
    await expect.poll(() => page.getByText(/現在のタスク: 開発/).count()).toBe(1);
    await screenshot(page, 'console-punch');
    await page.getByRole('button', { name: '勤務終了' }).click();
    await expect.poll(() => page.getByTestId('punch-state').textContent()).toBe('勤務外です');
  });
});
