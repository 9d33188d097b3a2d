import { randomUUID } from 'node:crypto';
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

/** An instant as a datetime-local value in Japan time. */
const jstInput = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);

describe('打刻修正 and 月次締め', () => {
  it('a worker asks to correct a forgotten end, the manager approves, the report marks it; a closed month refuses the next request', async () => {
    // worker2's agent punches a start two hours ago and never punches the end.
    const anon = agentClient(consoleUrl);
    const { token } = await anon.agent.auth.signIn.mutate({ systemId: 'TW-100001', loginId: 'worker2', password: DEMO_PASSWORD, deviceName: 'E2E-PC-2' });
    const agent = agentClient(consoleUrl, token);
    const start = new Date(Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000);
    await agent.agent.work.punch.mutate({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: start });
    const end = new Date(start.getTime() + 60 * 60_000);

    const worker = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'worker2', password: DEMO_PASSWORD });
    await worker.getByRole('navigation').getByRole('link', { name: '打刻修正' }).click();
    await worker.waitForURL(`${consoleUrl}/corrections`);
    const openRow = worker.getByRole('row').filter({ hasText: '終了打刻なし' });
    await openRow.getByRole('button', { name: '修正を申請' }).click();
    await worker.getByLabel('終了（日本時間）').fill(jstInput(end));
    await worker.getByLabel('理由').fill('終了打刻を忘れました');
    await worker.getByRole('button', { name: '申請する' }).click();
    await expect.poll(() => worker.getByText('申請しました').count()).toBeGreaterThan(0);
    await expect.poll(() => worker.getByRole('cell', { name: '承認待ち' }).count()).toBe(1);

    const manager = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'manager', password: DEMO_PASSWORD });
    await manager.getByRole('navigation').getByRole('link', { name: '打刻修正' }).click();
    const request = manager.getByRole('row').filter({ hasText: '終了打刻を忘れました' });
    await request.getByRole('button', { name: '承認' }).click();
    await expect.poll(() => manager.getByRole('row').filter({ hasText: '終了打刻を忘れました' }).count()).toBe(0);

    // The work analysis marks the corrected day; the worker sees the outcome.
    await manager.getByRole('navigation').getByRole('link', { name: '勤務分析' }).click();
    await expect.poll(() => manager.getByText('※', { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(manager, 'analytics-corrected');
    await worker.reload();
    await expect.poll(() => worker.getByRole('cell', { name: '承認', exact: true }).count()).toBe(1);

    // The admin closes the month for 営業部; the worker's next request is refused.
    const admin = await signInToConsole(browser, consoleUrl, { systemId: 'TW-100001', loginId: 'admin', password: DEMO_PASSWORD });
    await admin.getByRole('navigation').getByRole('link', { name: '打刻修正' }).click();
    await admin.getByLabel('グループ', { exact: true }).selectOption({ label: '営業部' });
    await admin.getByRole('button', { name: '締める', exact: true }).click();
    await expect.poll(() => admin.getByRole('cell', { name: '締め済み' }).count()).toBe(1);

    await worker.reload();
    await worker.getByRole('button', { name: '打刻のない勤務を申請' }).click();
    await worker.getByLabel('開始（日本時間）').fill(jstInput(new Date(start.getTime() - 60 * 60_000)));
    await worker.getByLabel('終了（日本時間）').fill(jstInput(start));
    await worker.getByLabel('理由').fill('締め後の申請');
    await worker.getByRole('button', { name: '申請する' }).click();
    await expect.poll(() => worker.getByText('この月は締められているため').count()).toBeGreaterThan(0);
    await screenshot(worker, 'correction-refused-closed-month');
  });
});
