import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';
import { agentClient } from './support/agent-api';
import { receivedMails, waitForMail } from './support/mailbox';

const consoleUrl = inject('consoleUrl');
// TW-100001 worker2 (田中 健) in 営業部, whose manager is 鈴木 次郎 (manager@toto-shoji.example).
const WORKER = { systemId: 'TW-100001', loginId: 'worker2', name: '田中 健' };
const MANAGER_MAIL = 'manager@toto-shoji.example';
const DEVICE = 'E2E-ALERT-PC';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('incident alerts, the incident export and the per-PC threshold level (issue 18)', () => {
  it('the manager gets one mail with a link (no image) though the agent sends the event twice, opens it, and exports the list', async () => {
    const { token } = await agentClient(consoleUrl).agent.auth.signIn.mutate({ systemId: WORKER.systemId, loginId: WORKER.loginId, password: DEMO_PASSWORD, deviceName: DEVICE });
    const agent = agentClient(consoleUrl, token);
    const event = { clientEventId: randomUUID(), kind: 'IMPERSONATION' as const, faceCount: 1, similarity: 0.31, occurredAt: new Date(Date.now() - 30_000) };
    const { incidentId } = await agent.agent.work.incident.mutate(event);
    // The agent re-delivers (it did not see the answer): the same incident, and no second mail.
    expect((await agent.agent.work.incident.mutate(event)).incidentId).toBe(incidentId);

    const mail = await waitForMail(MANAGER_MAIL, (m) => (m.text ?? '').includes(incidentId));
    expect(mail.subject).toBe(`【Telework Supporter】インシデント: なりすまし（${WORKER.name}）`);
    expect(mail.attachments).toHaveLength(0);
    expect(mail.text).not.toMatch(/\/api\/images/);
    const link = (mail.text ?? '').match(/https?:\/\/\S+\/incidents\/[0-9a-f-]{36}/)?.[0] ?? '';
    expect(link).toBe(`${consoleUrl}/incidents/${incidentId}`);
    // Give a second mail the time it would need, then count.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await receivedMails()).filter((m) => (m.text ?? '').includes(incidentId))).toHaveLength(1);

    const page = await signInToConsole(browser, consoleUrl, { systemId: WORKER.systemId, loginId: 'manager', password: DEMO_PASSWORD }, { acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    await page.goto(link);
    await expect.poll(() => page.getByTestId('incident-facts').textContent()).toContain(WORKER.name);

    await page.goto(`${consoleUrl}/incidents`);
    await page.getByLabel('勤務者').selectOption({ label: `${WORKER.name}（${WORKER.loginId}）` });
    await page.getByLabel('種類').selectOption({ label: 'なりすまし' });
    await expect.poll(() => page.url()).toMatch(/kind=IMPERSONATION/);
    await expect.poll(() => page.getByTestId(`incident-${incidentId}`).count()).toBe(1);
    await screenshot(page, 'incident-alerts-list');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('incidents-export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^incidents-\d{12}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('発生日時,ユーザID,氏名,種類,検出された顔の数,類似度,PC,証跡画像の枚数,状態,判定結果,コンソールのリンク');
    // The filters on screen apply: this worker's impersonations only.
    expect(lines.filter((l) => l !== '').slice(1).every((l) => l.includes(',worker2,田中 健,なりすまし,'))).toBe(true);
    expect(csv).toContain(`,${DEVICE},0,未判定,未判定,${consoleUrl}/incidents/${incidentId}`);

    // The manager chooses a daily summary instead; the choice is kept.
    await page.getByLabel('あなたへの通知').selectOption('DAILY_DIGEST');
    await expect.poll(() => page.getByText('通知の設定を保存しました').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('あなたへの通知').inputValue()).toBe('DAILY_DIGEST');
    await page.getByLabel('あなたへの通知').selectOption('IMMEDIATE');
    await expect.poll(() => page.getByText('通知の設定を保存しました').count()).toBe(1);
  });

  it('an admin gives one PC its own threshold level, which the agent receives, and clears it again', async () => {
    const { token } = await agentClient(consoleUrl).agent.auth.signIn.mutate({ systemId: WORKER.systemId, loginId: WORKER.loginId, password: DEMO_PASSWORD, deviceName: `${DEVICE}-2` });
    const agent = agentClient(consoleUrl, token);
    const level = async () => (await agent.agent.work.heartbeat.mutate({ agentVersion: '1.0.0' })).settings.thresholdLevel;
    const tenantLevel = await level();
    const page = await signInToConsole(browser, consoleUrl, { systemId: WORKER.systemId, loginId: 'admin', password: DEMO_PASSWORD }, { viewport: { width: 1600, height: 1000 } });
    await page.goto(`${consoleUrl}/devices`);
    const select = page.getByLabel(`${DEVICE}-2 の閾値レベル`);
    const other = tenantLevel === 5 ? 4 : 5;
    await select.selectOption(String(other));
    await expect.poll(() => page.getByText('閾値レベルを保存しました').count()).toBe(1);
    expect(await level()).toBe(other);
    await screenshot(page, 'devices-threshold');
    await select.selectOption('');
    await expect.poll(level).toBe(tenantLevel);
  });
});
