import { randomUUID } from 'node:crypto';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, Response } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { fixture } from '@telework/face/testing';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';
import { agentClient } from './support/agent-api';

const consoleUrl = inject('consoleUrl');
const resellerUrl = inject('resellerUrl');
// TW-100001 worker2 (田中 健): no other browser test uses him.
const WORKER = { systemId: 'TW-100001', loginId: 'worker2', name: '田中 健' };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** A real JPEG of the given size: a gradient with a grid, like a screen or a camera frame. */
function jpegOf(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let p = 0, i = 0; p < width * height; p++, i += 4) {
    const x = p % width;
    const y = Math.floor(p / width);
    const line = x % 80 === 0 || y % 60 === 0;
    data[i] = line ? 30 : (x * 255) / width;
    data[i + 1] = line ? 30 : (y * 255) / height;
    data[i + 2] = line ? 30 : 160;
    data[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ width, height, data }, 80).data);
}

async function uploadEvidence(token: string, kind: 'CAMERA' | 'SCREEN', incidentClientEventId: string, image: Uint8Array) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ kind: 'evidence', evidenceKind: kind, clientId: randomUUID(), trigger: 'INCIDENT', incidentClientEventId, capturedAt: new Date().toISOString() })) form.set(k, v);
  form.set('image', new Blob([Buffer.from(image)], { type: 'image/jpeg' }), `${kind.toLowerCase()}.jpg`);
  const res = await fetch(`${consoleUrl}/api/upload`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { evidenceId: string }).evidenceId;
}

function signInConsole(loginId: string): Promise<Page> {
  return signInToConsole(browser, consoleUrl, { systemId: WORKER.systemId, loginId, password: DEMO_PASSWORD }, { viewport: { width: 1400, height: 1000 } });
}

/** Every image element under the locator has really loaded (decoded pixels, not a broken image). */
const loadedWidth = (page: Page, testId: string) => page.getByTestId(testId).evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));

describe('evidence, incidents and the audit log', () => {
  let agent: ReturnType<typeof agentClient>;
  let incidentId = '';
  let evidenceIds: string[] = [];
  const comment = `E2E確認: 家族が画面をのぞいていた ${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    // The worker's agent signs in, starts work, reports a peeking incident and sends its evidence.
    const { token } = await agentClient(consoleUrl).agent.auth.signIn.mutate({ systemId: WORKER.systemId, loginId: WORKER.loginId, password: DEMO_PASSWORD, deviceName: 'E2E-EVIDENCE-PC' });
    agent = agentClient(consoleUrl, token);
    await agent.agent.work.punch.mutate({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: new Date(Date.now() - 10 * 60_000) });
    const clientEventId = randomUUID();
    incidentId = (await agent.agent.work.incident.mutate({ clientEventId, kind: 'PEEKING', faceCount: 2, similarity: 0.41, occurredAt: new Date(Date.now() - 60_000) })).incidentId;
    evidenceIds = [await uploadEvidence(token, 'CAMERA', clientEventId, jpegOf(640, 480)), await uploadEvidence(token, 'SCREEN', clientEventId, jpegOf(1920, 1080))];
  });

  afterAll(async () => {
    await agent.agent.work.punch.mutate({ clientEventId: randomUUID(), kind: 'WORK_END', occurredAt: new Date() });
  });

  it('an admin opens the incident, sees both images, judges it, and the audit log shows the judgement', async () => {
    const page = await signInConsole('admin');
    const imageResponses: Response[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/images/')) imageResponses.push(r);
    });

    await page.getByRole('navigation').getByRole('link', { name: 'インシデント' }).click();
    await page.waitForURL(`${consoleUrl}/incidents`);
    await page.getByLabel('勤務者').selectOption({ label: `${WORKER.name}（${WORKER.loginId}）` });
    await page.getByLabel('状態').selectOption({ label: '未判定' });
    // Filters go into the URL (client-side, no page load).
    await expect.poll(() => page.url()).toMatch(/\/incidents\?.*userId=.*status=OPEN/);
    const row = page.getByRole('row').filter({ has: page.getByTestId(`incident-${incidentId}`) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('のぞき込み');
    expect(await row.textContent()).toContain('2枚');
    await screenshot(page, 'evidence-incident-list');
    await page.getByTestId(`incident-${incidentId}`).click();
    await page.waitForURL(`${consoleUrl}/incidents/${incidentId}`);

    // Both images really load, side by side, from the authorised route, never cached.
    await expect.poll(() => loadedWidth(page, 'evidence-CAMERA'), { timeout: 10_000 }).toBe(640);
    await expect.poll(() => loadedWidth(page, 'evidence-SCREEN'), { timeout: 10_000 }).toBe(1920);
    const [camera, screen] = await Promise.all(['evidence-CAMERA', 'evidence-SCREEN'].map((id) => page.getByTestId(id).boundingBox()));
    expect(camera && screen && Math.abs(camera.y - screen.y) < 2 && camera.x < screen.x).toBe(true);
    expect(imageResponses.map((r) => new URL(r.url()).pathname).sort()).toEqual(evidenceIds.map((id) => `/api/images/${id}`).sort());
    for (const r of imageResponses) {
      expect(r.status()).toBe(200);
      expect(r.headers()['cache-control']).toContain('no-store');
      expect(r.headers()['content-type']).toBe('image/jpeg');
    }
    expect(await page.getByTestId('incident-facts').textContent()).toContain(WORKER.name);
    expect(await page.getByTestId('incident-facts').textContent()).toContain('E2E-EVIDENCE-PC');
    await screenshot(page, 'evidence-incident-detail');

    // Click to enlarge, then close.
    await page.getByRole('button', { name: 'スクリーンショットを拡大表示' }).click();
    await expect.poll(() => loadedWidth(page, 'evidence-SCREEN-large')).toBe(1920);
    await page.getByRole('dialog').getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Judging without a verdict is refused on the page; then with one, and a comment.
    await page.getByRole('button', { name: '判定を記録' }).click();
    await expect.poll(() => page.getByText('判定結果を選んでください').count()).toBe(1);
    await page.getByLabel('不正アクセスと確認').check();
    await page.getByLabel('コメント').fill(comment);
    await page.getByRole('button', { name: '判定を記録' }).click();
    await expect.poll(() => page.getByText('判定を記録しました').count()).toBe(1);
    await expect.poll(() => page.getByTestId('incident-status').getAttribute('data-status')).toBe('JUDGED');
    const history = page.getByRole('row').filter({ hasText: comment });
    await expect.poll(() => history.count()).toBe(1);
    expect(await history.textContent()).toContain('不正アクセスと確認');
    expect(await history.textContent()).toContain('佐藤 一郎');
    await screenshot(page, 'evidence-incident-judged');

    // The audit log shows who judged what, in Tokyo time.
    await page.getByRole('navigation').getByRole('link', { name: '監査ログ' }).click();
    await page.waitForURL(`${consoleUrl}/audit`);
    await page.getByLabel('操作', { exact: true }).selectOption({ label: 'インシデントの判定' });
    await expect.poll(() => page.url()).toContain('action=incident.judge');
    // Only judgements are listed once the filter applies.
    await expect
      .poll(async () => [...new Set(await page.getByTestId('audit-action').evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))))])
      .toEqual(['incident.judge']);
    const entry = page.getByRole('row').filter({ hasText: comment });
    await expect.poll(() => entry.count()).toBe(1);
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('佐藤 一郎');
    expect(text).toContain('インシデントの判定');
    expect(text).toContain('不正アクセスと確認');
    const jstDay = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    expect(text).toContain(jstDay);
    await screenshot(page, 'evidence-audit-log');
  });

  it('the worker sees his own day with his images; a provider operator cannot fetch them', async () => {
    const page = await signInConsole(WORKER.loginId);
    await page.getByRole('navigation').getByRole('link', { name: 'タイムライン' }).click();
    await page.waitForURL(/\/timeline/);
    await expect.poll(() => page.getByTestId('timeline-heading').textContent()).toContain(WORKER.name);
    await expect.poll(() => page.getByTestId(`timeline-incident-${incidentId}`).count()).toBe(1);
    for (const id of evidenceIds) await expect.poll(() => loadedWidth(page, `capture-${id}`), { timeout: 10_000 }).toBeGreaterThan(0);
    // The work session shows as started today, or as carried over from yesterday just after midnight.
    expect(await page.getByText(/^勤務開始$|^前日から勤務中/).count()).toBe(1);
    await screenshot(page, 'evidence-worker-timeline');

    // An operator's session (the reseller app shares the host, so the browser sends its cookie to the console too).
    const context = await browser.newContext();
    const operator = await context.newPage();
    await operator.goto(`${resellerUrl}/sign-in`);
    await operator.getByLabel('ご利用区分').selectOption('operator');
    await operator.getByLabel('メールアドレス').fill('operator@telework.example');
    await operator.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await operator.getByRole('button', { name: 'サインイン' }).click();
    await operator.waitForURL(`${resellerUrl}/`);
    for (const id of evidenceIds) {
      const res = await context.request.get(`${consoleUrl}/api/images/${id}`);
      expect([403, 404]).toContain(res.status());
      expect(res.headers()['content-type']).not.toContain('image');
    }
    // And nobody signed in at all.
    expect((await fetch(`${consoleUrl}/api/images/${evidenceIds[0] ?? ''}`)).status).toBe(401);
    await context.close();
  });

  it('an admin enrols a face from a file; a group photo is refused with the reason', async () => {
    const page = await signInConsole('admin');
    await page.getByRole('navigation').getByRole('link', { name: '顔画像' }).click();
    await page.waitForURL(/\/faces/);
    await page.getByLabel('対象ユーザ').selectOption({ label: `${WORKER.name}（${WORKER.loginId}）` });
    await expect.poll(() => page.getByTestId('faces-count').count()).toBe(1);
    const before = Number(/\d+/.exec((await page.getByTestId('faces-count').textContent()) ?? '')?.[0] ?? NaN);

    await page.getByLabel('画像ファイル（JPEG・PNG）').setInputFiles(fixture('group-2.jpg'));
    await page.getByRole('button', { name: '登録する' }).click();
    await expect.poll(() => page.getByText(/写真に \d+ 人の顔が写っています。/).count(), { timeout: 30_000 }).toBe(1);

    await page.getByLabel('画像ファイル（JPEG・PNG）').setInputFiles(fixture('person-vlado.jpg'));
    await page.getByRole('button', { name: '登録する' }).click();
    await expect.poll(() => page.getByText('顔画像を登録しました').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('faces-count').textContent()).toBe(`登録済み ${before + 1}枚`);
    const thumbs = page.getByTestId('face-thumb');
    await expect.poll(() => thumbs.last().evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(640);
    await screenshot(page, 'evidence-face-images');

    // Deleting asks first.
    await page.getByRole('listitem').last().getByRole('button', { name: '削除' }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('削除すると元に戻せません');
    await page.getByTestId('confirm').click();
    await expect.poll(() => page.getByTestId('faces-count').textContent()).toBe(`登録済み ${before}枚`);
  });
});
