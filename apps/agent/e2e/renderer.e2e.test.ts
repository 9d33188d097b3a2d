import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer } from '../scripts/build-renderer';
import type { AgentSettings } from '../src/contract/bridge';
import { bridgeCalls, bridgeDoubleScript, composedCamera, coveredCamera, fakeCamera, launchAgent } from './browser';
import type { BridgeDoubleConfig, RecordedCall } from './bridge-double';
import { serveRenderer } from './static-server';

// Short interval and streaks so each verdict shows within seconds; the threshold is the default level.
const settings: AgentSettings = {
  thresholdLevel: 3,
  detectionIntervalSec: 1,
  awayAfterChecks: 2,
  impersonationAfterChecks: 2,
  captureIntervalMin: 10,
  autoPunchFromPresence: false,
  screenshotMode: 'FULL',
  redactionAreas: null,
  captureMode: 'INTERVAL_AND_INCIDENT',
  retentionDays: 90,
};
const SHOTS = join(import.meta.dirname, '../test-results');
const tmp = mkdtempSync(join(tmpdir(), 'agent-renderer-'));
const profile = join(tmp, 'profile');
let server: Awaited<ReturnType<typeof serveRenderer>>;
let doubleScript: string;
const TASK = { id: '0190f1e2-0000-7000-8000-0000000000aa', code: 'DEV', name: '開発' };
/** vlado's descriptors as the first test enrolled them through the bridge: "the server's list" afterwards. */
let vladoFaces: number[][] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await buildRenderer();
  server = await serveRenderer(join(import.meta.dirname, '../dist/renderer'));
  doubleScript = await bridgeDoubleScript();
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** `photo` null: a PC with no camera connected; `{ y4m }` a camera file made otherwise (composed, covered). */
async function launch(photo: string | null | { y4m: string }, config: Partial<BridgeDoubleConfig> = {}) {
  const y4m = photo === null ? null : typeof photo === 'string' ? fakeCamera(photo, tmp) : photo.y4m;
  return launchAgent({ origin: server.origin, profile, y4m, config: { signedIn: true, settings, faceDescriptors: vladoFaces, tasks: [TASK], ...config }, doubleScript });
}

const reports = (calls: RecordedCall[]) => calls.filter((c) => c.method === 'reportPresence' || c.method === 'reportIncident');

async function waitForReport(page: Page, match: (c: RecordedCall) => boolean, timeout = 30_000): Promise<RecordedCall> {
  let found: RecordedCall | undefined;
  await expect.poll(async () => (found = (await bridgeCalls(page)).find(match)), { timeout, interval: 250 }).toBeDefined();
  if (!found) throw new Error('unreachable');
  return found;
}

/** Opens a work session on a relaunched agent and returns the first report the loop sends. */
async function firstVerdict(photo: string): Promise<{ call: RecordedCall; all: RecordedCall[] }> {
  const { context, page } = await launch(photo);
  try {
    await page.getByTestId('punch-WORK_START').click();
    const call = await waitForReport(page, (c) => c.method === 'reportPresence' || c.method === 'reportIncident');
    await page.getByTestId('punch-WORK_END').click();
    const all = await bridgeCalls(page);
    return { call, all };
  } finally {
    await context.close();
  }
}

describe('agent renderer in headless Chromium with a fake webcam', () => {
  it('consents, signs in, enrols vlado and reports present while working — and nothing after work end', async () => {
    const { context, page } = await launch('person-vlado.jpg', { signedIn: false });
    try {
      await page.getByTestId('consent').waitFor();
      await expect.poll(() => page.getByTestId('consent').innerText()).toContain('勤務中');
      await page.screenshot({ path: join(SHOTS, 'agent-consent.png'), fullPage: true });
      await page.getByTestId('consent-accept').click();

      await page.getByTestId('sign-in-serverUrl').fill('https://telework.example');
      await page.getByTestId('sign-in-systemId').fill('acme');
      await page.getByTestId('sign-in-loginId').fill('worker1');
      await page.getByTestId('sign-in-password').fill('correct horse');
      await page.getByTestId('sign-in-submit').click();
      // The organisation's actual terms, in plain words, before anything is checked or captured.
      await page.getByTestId('terms').waitFor();
      const terms = await page.getByTestId('terms-list').innerText();
      expect(terms).toContain('10分ごと');
      expect(terms).toContain('90日間');
      expect(terms).toContain('会社の管理者');
      await page.getByTestId('terms-accept').click();
      await page.getByTestId('punch').waitFor();
      expect(await page.getByTestId('punch').innerText()).toContain('顔が未登録です');

      await page.getByTestId('tab-camera').click();
      await page.getByTestId('enrol-start').click();
      await expect.poll(() => page.getByTestId('enrol-count').innerText(), { timeout: 60_000, interval: 500 }).toContain(': 3');
      expect(await page.getByTestId('enrol-status').innerText()).toContain('顔を登録しました');
      await page.screenshot({ path: join(SHOTS, 'agent-enrolment.png'), fullPage: true });
      // The three stills and their descriptors went to main through the bridge.
      const enrolment = (await bridgeCalls(page)).filter((c) => c.method === 'enrolFace');
      expect(enrolment).toHaveLength(1);
      expect(enrolment[0]?.valid).toBe(true);
      expect(enrolment[0]?.stills).toEqual([0, 1, 2].map(() => expect.objectContaining({ width: 640, height: 480 })));
      vladoFaces = (enrolment[0]?.request as { faces: { descriptor: number[] }[] }).faces.map((f) => f.descriptor);
      // dlib ResNet-34 descriptors (issue 14): 128 numbers each.
      expect(vladoFaces.map((d) => d.length)).toEqual([128, 128, 128]);

      await page.getByTestId('tab-punch').click();
      // Call times are stamped by the page's clock (bridge-double): compare them with that clock.
      const startedAt = await page.evaluate(() => Date.now());
      await page.getByTestId('punch-WORK_START').click();
      const present = await waitForReport(page, (c) => c.method === 'reportPresence');
      expect(present.request).toMatchObject({ state: 'PRESENT' });
      expect(present.valid).toBe(true);
      await expect.poll(() => page.getByTestId('presence').innerText()).toContain('在席');
      // The loop matched against what getFaceDescriptors returned, asked for at work start.
      expect((await bridgeCalls(page)).some((c) => c.method === 'getFaceDescriptors' && c.at >= startedAt)).toBe(true);
      // Capture-interval evidence: the first webcam still at work start (main adds the screenshot).
      const capture = await waitForReport(page, (c) => c.method === 'reportCapture');
      expect(capture.valid).toBe(true);
      expect(capture.jpeg).toMatchObject({ width: 640, height: 480 });
      // Off the camera tab the preview element is paused between samples; on it, it plays.
      await expect.poll(() => page.evaluate(() => document.querySelector('video')?.paused), { interval: 50 }).toBe(true);
      await page.getByTestId('tab-camera').click();
      await expect.poll(() => page.evaluate(() => document.querySelector('video')?.paused)).toBe(false);
      await page.getByTestId('tab-punch').click();

      // A task chosen from the server's list: TASK_START carries its id, the state shows it.
      await page.getByTestId('task-select').selectOption(TASK.id);
      await page.getByTestId('punch-TASK_START').click();
      await expect.poll(() => page.getByTestId('current-task').innerText()).toContain('開発');
      await page.screenshot({ path: join(SHOTS, 'agent-punch.png'), fullPage: true });
      await page.getByTestId('punch-TASK_END').click();
      await expect.poll(() => page.getByTestId('work-state').innerText()).toContain('勤務中');

      await page.getByTestId('punch-WORK_END').click();
      const endedAt = await page.evaluate(() => Date.now());
      await page.waitForTimeout(3_000);
      const calls = await bridgeCalls(page);
      expect(calls.find((c) => c.method === 'signIn')?.request).toMatchObject({ systemId: 'acme', loginId: 'worker1' });
      expect(calls.filter((c) => c.method === 'punch').map((c) => c.request)).toEqual([
        expect.objectContaining({ kind: 'WORK_START', taskId: null }), expect.objectContaining({ kind: 'TASK_START', taskId: TASK.id }),
        expect.objectContaining({ kind: 'TASK_END', taskId: null }), expect.objectContaining({ kind: 'WORK_END', taskId: null }),
      ]);
      expect(calls.filter((c) => c.method === 'reportCapture').every((c) => c.at < endedAt)).toBe(true);
      // Outside the work session nothing is analysed, so nothing is reported.
      expect(reports(calls).filter((c) => c.at > endedAt)).toEqual([]);
      expect(reports(calls).map((c) => (c.request as { state?: string }).state)).toEqual(['PRESENT']);
      expect(calls.every((c) => c.valid)).toBe(true);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('verdict only: the reduced terms are shown without asking, then peeking is reported with no still and nothing is captured', async () => {
    const { context, page } = await launch('group-2.jpg', { settings: { ...settings, captureMode: 'VERDICT_ONLY' } });
    try {
      // Consent was given to wider terms (the first test): verdict-only captures less, so the new
      // terms are shown on the main screen and not asked for.
      await page.getByTestId('punch').waitFor();
      expect(await page.getByTestId('terms').count()).toBe(0);
      const terms = await page.getByTestId('terms-reduced').innerText();
      expect(terms).toContain('画像は一切撮影・送信しません');
      expect(terms).not.toContain('分ごと');
      await page.screenshot({ path: join(SHOTS, 'agent-terms-verdict-only.png'), fullPage: true });
      await page.getByTestId('terms-acknowledge').click();
      // The reading goes to the server's consent record through main.
      const consent = (await bridgeCalls(page)).find((c) => c.method === 'recordConsent');
      expect(consent?.valid).toBe(true);
      expect(consent?.request).toMatchObject({ terms: { captureMode: 'VERDICT_ONLY', captureIntervalMin: null, screenshotMode: null } });
      await page.getByTestId('punch-WORK_START').click();
      const call = await waitForReport(page, (c) => c.method === 'reportIncident');
      expect(call.request).toMatchObject({ kind: 'PEEKING' });
      expect(call.request).not.toHaveProperty('cameraJpeg');
      expect(call.jpeg).toBeUndefined();
      expect(call.valid).toBe(true);
      await page.getByTestId('tab-settings').click();
      expect(await page.getByTestId('settings').innerText()).toContain('画像は一切撮影・送信しません');
      await page.getByTestId('tab-punch').click();
      await page.getByTestId('punch-WORK_END').click();
      expect((await bridgeCalls(page)).filter((c) => c.method === 'reportCapture')).toEqual([]);
    } finally {
      await context.close();
    }
    // Back to the first terms: asked again, since they capture more than verdict-only.
    const again = await launch('person-vlado.jpg');
    try {
      await again.page.getByTestId('terms').waitFor();
      expect(await again.page.getByTestId('terms-list').innerText()).toContain('10分ごと');
      await again.page.getByTestId('terms-accept').click();
      await again.page.getByTestId('punch').waitFor();
    } finally {
      await again.context.close();
    }
  }, 120_000);

  it('reports peeking for a group photo, with a camera still as evidence', async () => {
    const { call } = await firstVerdict('group-2.jpg');
    expect(call.method).toBe('reportIncident');
    expect(call.request).toMatchObject({ kind: 'PEEKING' });
    expect((call.request as { faceCount: number }).faceCount).toBeGreaterThanOrEqual(2);
    expect(call.valid).toBe(true);
    expect(call.jpeg).toMatchObject({ width: 640, height: 480 });
  }, 120_000);

  it('reports impersonation for another person after K checks', async () => {
    const { call, all } = await firstVerdict('person-tetiana.jpg');
    expect(call.method).toBe('reportIncident');
    expect(call.request).toMatchObject({ kind: 'IMPERSONATION', faceCount: 1 });
    expect((call.request as { similarity: number }).similarity).toBeLessThan(0.3);
    expect(call.valid).toBe(true);
    expect(call.jpeg?.width).toBeLessThanOrEqual(640);
    expect(reports(all).some((c) => (c.request as { state?: string }).state === 'PRESENT')).toBe(false);
  }, 120_000);

  it('matches against the server list: with no enrolled face there, the locally cached one is not used', async () => {
    const { context, page } = await launch('person-vlado.jpg', { faceDescriptors: [] });
    try {
      await page.getByTestId('punch').waitFor();
      expect(await page.getByTestId('punch').innerText()).toContain('顔が未登録です');
      await page.getByTestId('punch-WORK_START').click();
      await page.waitForTimeout(3_000);
      const calls = await bridgeCalls(page);
      expect(calls.some((c) => c.method === 'getFaceDescriptors')).toBe(true);
      expect(reports(calls)).toEqual([]);
      await page.getByTestId('punch-WORK_END').click();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('punches work start from presence when the tenant has auto punch on', async () => {
    const { context, page } = await launch('person-vlado.jpg', { settings: { ...settings, autoPunchFromPresence: true } });
    try {
      const start = await waitForReport(page, (c) => c.method === 'punch');
      expect(start.request).toMatchObject({ kind: 'WORK_START' });
      // Before the start nothing was reported: the watch outside a session is silent.
      expect(reports((await bridgeCalls(page)).filter((c) => c.at < start.at))).toEqual([]);
      const present = await waitForReport(page, (c) => c.method === 'reportPresence');
      expect(present.request).toMatchObject({ state: 'PRESENT' });
      await page.getByTestId('punch-WORK_END').click();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a group of strangers (two faces-lfw10 photos side by side): peeking without the worker, never present', async () => {
    const strangers = composedCamera(['../faces-lfw10/Tony_Blair/Tony_Blair_0001.jpg', '../faces-lfw10/Hugo_Chavez/Hugo_Chavez_0001.jpg'], tmp);
    const { context, page } = await launch({ y4m: strangers });
    try {
      await page.getByTestId('punch-WORK_START').click();
      const call = await waitForReport(page, (c) => c.method === 'reportIncident');
      expect(call.request).toMatchObject({ kind: 'PEEKING' });
      expect((call.request as { faceCount: number }).faceCount).toBeGreaterThanOrEqual(2);
      expect(call.valid).toBe(true);
      // Three more checks at the 1 s interval: the worker is not among the faces, so nothing says present.
      await page.waitForTimeout(3_500);
      await page.getByTestId('punch-WORK_END').click();
      const all = reports(await bridgeCalls(page));
      expect(all.some((c) => c.method === 'reportPresence' && (c.request as { state?: string }).state === 'PRESENT')).toBe(false);
      expect(all.filter((c) => c.method === 'reportIncident').map((c) => (c.request as { kind: string }).kind)).toEqual(['PEEKING']);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a covered (black) camera: COVERED_CAMERA after M checks, with no face, no similarity and the dark still, and away', async () => {
    const { context, page } = await launch({ y4m: coveredCamera(tmp) });
    try {
      await page.getByTestId('punch-WORK_START').click();
      const call = await waitForReport(page, (c) => c.method === 'reportIncident');
      expect(call.request).toMatchObject({ kind: 'COVERED_CAMERA', faceCount: 0, similarity: null });
      expect(call.valid).toBe(true);
      expect(call.jpeg).toMatchObject({ width: 640, height: 480 });
      const away = await waitForReport(page, (c) => c.method === 'reportPresence');
      expect(away.request).toMatchObject({ state: 'AWAY' });
      await page.getByTestId('punch-WORK_END').click();
      // Once per run of covered checks, however long the lens stays covered.
      expect((await bridgeCalls(page)).filter((c) => c.method === 'reportIncident')).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('reports away for the empty scene after M checks', async () => {
    const { call } = await firstVerdict('background.jpg');
    expect(call.method).toBe('reportPresence');
    expect(call.request).toMatchObject({ state: 'AWAY' });
    expect(call.valid).toBe(true);
  }, 120_000);

  it('says so when no camera is connected, at work start and on the camera tab, and reports nothing', async () => {
    const { context, page } = await launch(null);
    try {
      await page.getByTestId('punch-WORK_START').click();
      // The session opens (punching needs no camera) and the punch screen says that nobody is checking.
      await expect.poll(() => page.getByTestId('punch-status').textContent(), { timeout: 15_000 }).toContain('カメラが見つかりません');
      expect((await bridgeCalls(page)).some((c) => c.method === 'punch' && (c.request as { kind?: string }).kind === 'WORK_START')).toBe(true);
      await page.getByTestId('tab-camera').click();
      await expect.poll(() => page.getByTestId('camera-status').textContent(), { timeout: 15_000 }).toContain('カメラが見つかりません');
      await expect.poll(() => page.getByTestId('camera-select').textContent(), { timeout: 15_000 }).toContain('カメラが見つかりません');
      expect(reports(await bridgeCalls(page))).toEqual([]);
      await page.getByTestId('tab-punch').click();
      await page.getByTestId('punch-WORK_END').click();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('an issued password leads to the change screen, which checks the new password, then signs in', async () => {
    const { context, page } = await launch(null, { signedIn: false, issuedPassword: 'Issued-pw-0001' });
    try {
      // A fresh profile shows the consent first; a profile that consented goes straight to sign-in.
      await page.getByTestId('consent').or(page.getByTestId('sign-in')).first().waitFor();
      if (await page.getByTestId('consent-accept').isVisible()) await page.getByTestId('consent-accept').click();
      await page.getByTestId('sign-in-serverUrl').fill('https://telework.example');
      await page.getByTestId('sign-in-systemId').fill('acme');
      await page.getByTestId('sign-in-loginId').fill('newbie');
      await page.getByTestId('sign-in-password').fill('Issued-pw-0001');
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('change-password').waitFor();
      expect(await page.getByTestId('change-status').innerText()).toContain('ご自身のパスワードに変更してください');
      // Refused on the screen, before any round trip: too short, not repeated the same, the issued one again.
      const submit = async (next: string, again = next) => {
        await page.getByTestId('change-newPassword').fill(next);
        await page.getByTestId('change-newPasswordAgain').fill(again);
        await page.getByTestId('change-submit').click();
      };
      const refused = async (said: string, next: string, again = next) => {
        await submit(next, again);
        await expect.poll(() => page.getByTestId('change-status').innerText()).toContain(said);
      };
      await refused('10文字以上', 'short');
      await refused('一致しません', 'Own-password-2026', 'Own-password-2027');
      await refused('別のパスワード', 'Issued-pw-0001');
      expect((await bridgeCalls(page)).filter((c) => c.method === 'changeIssuedPassword')).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'agent-change-password.png'), fullPage: true });

      await submit('Own-password-2026');
      // Signed in: the terms (first time for this worker) or the punch screen follows.
      await page.getByTestId('terms').or(page.getByTestId('punch')).first().waitFor();
      const change = (await bridgeCalls(page)).filter((c) => c.method === 'changeIssuedPassword');
      expect(change).toHaveLength(1);
      expect(change[0]?.valid).toBe(true);
      expect(change[0]?.request).toEqual({ serverUrl: 'https://telework.example', systemId: 'acme', loginId: 'newbie', password: 'Issued-pw-0001', newPassword: 'Own-password-2026' });
    } finally {
      await context.close();
    }
  }, 120_000);
});
