import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer } from '../scripts/build-renderer';
import type { AgentSettings, CorrectionInfo, PunchedSession } from '../src/contract/bridge';
import { bridgeCalls, bridgeDoubleScript, launchAgent } from './browser';
import type { BridgeDoubleConfig } from './bridge-double';
import { serveRenderer } from './static-server';

// 打刻修正 from the agent (issue 16): the worker picks a punched session of a day, corrects its end
// with a reason, sees the request as pending beside earlier ones with their outcome; a refusal (a
// closed month) and a missing reason are shown and nothing wrong is sent. The bridge double checks
// every request against main's own zod schema.

const settings: AgentSettings = {
  thresholdLevel: 3, detectionIntervalSec: 10, awayAfterChecks: 2, impersonationAfterChecks: 2, captureIntervalMin: 10,
  autoPunchFromPresence: false, screenshotMode: 'FULL', redactionAreas: null, captureMode: 'VERDICT_ONLY', retentionDays: 90,
};
const SHOTS = join(import.meta.dirname, '../test-results');
const tmp = mkdtempSync(join(tmpdir(), 'agent-corrections-'));
const profile = join(tmp, 'profile');
let server: Awaited<ReturnType<typeof serveRenderer>>;
let doubleScript: string;

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

const JST = 9 * 3_600_000;
const jstDate = (d: Date) => new Date(d.getTime() + JST).toISOString().slice(0, 10);
const jstTime = (d: Date) => new Date(d.getTime() + JST).toISOString().slice(11, 16);
/** Whole minutes, as the form's HH:MM inputs give them. */
const minutesAgo = (m: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 - m * 60_000);

async function launch(config: Partial<BridgeDoubleConfig>) {
  const { context, page } = await launchAgent({ origin: server.origin, profile, y4m: null, config: { signedIn: true, settings, faceDescriptors: [], tasks: [], ...config }, doubleScript });
  // First launch of the profile: consent and the organisation's terms, as a worker would.
  await Promise.race([page.getByTestId('consent').waitFor(), page.getByTestId('punch').waitFor()]);
  if (await page.getByTestId('consent').isVisible()) await page.getByTestId('consent-accept').click();
  await Promise.race([page.getByTestId('terms').waitFor(), page.getByTestId('punch').waitFor()]);
  if (await page.getByTestId('terms').isVisible()) await page.getByTestId('terms-accept').click();
  await page.getByTestId('punch').waitFor();
  return { context, page };
}

describe('打刻修正 in the agent (headless Chromium)', () => {
  it('requests a corrected end with a reason and shows it pending beside decided requests', async () => {
    // A session punched 5 h ago whose end was punched after 10 minutes by mistake.
    const started = minutesAgo(300);
    const punched: PunchedSession = { id: '0190f1e2-0000-7000-8000-0000000000c1', startedAt: started.toISOString(), endedAt: minutesAgo(290).toISOString() };
    const earlier: CorrectionInfo[] = [
      { id: 'c-approved', workSessionId: null, startedAt: '2026-11-04T00:00:00.000Z', endedAt: '2026-11-04T09:00:00.000Z', reason: '打刻忘れ', status: 'APPROVED', decidedAt: '2026-11-05T01:00:00.000Z', decisionNote: '確認済み', punched: null },
      { id: 'c-rejected', workSessionId: null, startedAt: '2026-11-06T00:00:00.000Z', endedAt: '2026-11-06T12:00:00.000Z', reason: '残業', status: 'REJECTED', decidedAt: '2026-11-07T01:00:00.000Z', decisionNote: '申請内容が違います', punched: null },
    ];
    const { context, page } = await launch({ punchedSessions: [punched], corrections: earlier });
    try {
      await page.getByTestId('tab-corrections').click();
      await page.getByTestId('corrections').waitFor();
      await expect.poll(() => page.getByTestId('correction-item').count()).toBe(2);
      const states = await page.getByTestId('correction-state').allInnerTexts();
      expect(states).toEqual([expect.stringContaining('承認'), expect.stringContaining('却下')]);
      expect(await page.getByTestId('correction-list').innerText()).toContain('申請内容が違います');

      // The day the session started, its punches, the one to correct.
      await page.getByTestId('correction-date').fill(jstDate(started));
      await page.getByTestId('correction-load').click();
      await page.getByTestId('correction-session').selectOption(punched.id);
      expect(await page.getByTestId('correction-start').inputValue()).toBe(jstTime(started));
      expect(await page.getByTestId('correction-end').inputValue()).toBe(jstTime(new Date(punched.endedAt ?? '')));

      // Without a reason nothing is sent.
      const end = minutesAgo(30);
      const endsNextDay = jstDate(end) !== jstDate(started);
      await page.getByTestId('correction-end').fill(jstTime(end));
      if (endsNextDay) await page.getByTestId('correction-next-day').check();
      await page.getByTestId('correction-submit').click();
      await expect.poll(() => page.getByTestId('correction-status').innerText()).toContain('理由を入力してください');
      expect((await bridgeCalls(page)).filter((c) => c.method === 'requestCorrection')).toEqual([]);

      await page.getByTestId('correction-reason').fill('終了打刻を誤って押しました');
      await page.getByTestId('correction-submit').click();
      await expect.poll(() => page.getByTestId('correction-status').innerText()).toContain('申請しました');
      const sent = (await bridgeCalls(page)).filter((c) => c.method === 'requestCorrection');
      expect(sent).toHaveLength(1);
      expect(sent[0]?.valid).toBe(true);
      expect(sent[0]?.request).toEqual({ workSessionId: punched.id, startedAt: started.toISOString(), endedAt: end.toISOString(), reason: '終了打刻を誤って押しました' });
      // The new request heads the list, pending, with the punched times beside the corrected ones.
      await expect.poll(() => page.getByTestId('correction-item').count()).toBe(3);
      const first = page.getByTestId('correction-item').first();
      expect(await first.getAttribute('data-status')).toBe('PENDING');
      const text = await first.innerText();
      expect(text).toContain('承認待ち');
      expect(text).toContain(`${jstTime(started)} – ${jstTime(new Date(punched.endedAt ?? ''))}`);
      expect(text).toContain(`${jstTime(started)} – ${jstTime(end)}`);
      await page.screenshot({ path: join(SHOTS, 'agent-corrections.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('shows the server’s refusal (a closed month) and work never punched goes without a session', async () => {
    const { context, page } = await launch({ punchedSessions: [], correctionRefusal: 'MONTH_CLOSED' });
    try {
      await page.getByTestId('tab-corrections').click();
      await expect.poll(() => page.getByTestId('corrections-none').innerText()).toContain('申請はありません');
      const day = minutesAgo(24 * 60 * 40);
      await page.getByTestId('correction-date').fill(jstDate(day));
      await page.getByTestId('correction-load').click();
      expect(await page.getByTestId('correction-session').inputValue()).toBe('');
      await page.getByTestId('correction-start').fill('09:00');
      await page.getByTestId('correction-end').fill('18:00');
      await page.getByTestId('correction-reason').fill('打刻を忘れました');
      await page.getByTestId('correction-submit').click();
      await expect.poll(() => page.getByTestId('correction-status').innerText()).toContain('この月は締められている');
      const sent = (await bridgeCalls(page)).filter((c) => c.method === 'requestCorrection');
      expect(sent.map((c) => [c.valid, (c.request as { workSessionId: unknown }).workSessionId, (c.request as { startedAt: string }).startedAt])).toEqual([
        [true, null, new Date(`${jstDate(day)}T09:00:00+09:00`).toISOString()],
      ]);
      expect(await page.getByTestId('corrections-none').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
