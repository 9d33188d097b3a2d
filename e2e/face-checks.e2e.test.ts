// Issue 14 across the product: (1) a covered webcam seen by the agent's real renderer (Chromium, fake
// black webcam) goes through the agent's real main-process code (bridge handlers, offline queue, sync,
// tRPC client) to the server, and the console shows it as カメラの遮蔽 in the incident list and on the
// board; (2) an administrator handles a worker whose enrolment photo the new face model could not
// describe: the 顔の再登録 screen says who and why, mails the request, and removes the old photo.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@telework/db';
import { buildRenderer } from '../apps/agent/scripts/build-renderer';
import { bridgeCalls, bridgeDoubleScript, coveredCamera, launchAgent } from '../apps/agent/e2e/browser';
import { serveRenderer } from '../apps/agent/e2e/static-server';
import { createBridgeHandlers } from '../apps/agent/src/main/bridge-handlers';
import { OfflineQueue } from '../apps/agent/src/main/offline-queue/offline-queue';
import { trpcAgentAuth, trpcAgentCorrections, trpcAgentQueries, trpcAgentServer, trpcSettingsSource } from '../apps/agent/src/main/server/trpc-agent-server';
import { SettingsStore } from '../apps/agent/src/main/settings/settings-store';
import { SyncService } from '../apps/agent/src/main/sync/sync-service';
import { aesSecretCipher } from '../apps/agent/src/main/testing/aes-secret-cipher';
import { TokenStore } from '../apps/agent/src/main/token-store';
import { launchBrowser, screenshot, signInToConsole } from './support/browser';
import { waitForMail } from './support/mailbox';

const consoleUrl = inject('consoleUrl');
const databaseUrl = inject('databaseUrl');
// worker3 of 東都商事: no other browser test punches or enrols for this worker.
const WORKER = { systemId: 'TW-100001', loginId: 'worker3', name: '伊藤 美咲' };
const tmp = mkdtempSync(join(tmpdir(), 'tw-e2e-face-'));
let browser: Browser;
let admin: Page;
let renderer: Awaited<ReturnType<typeof serveRenderer>>;

/** Direct SQL as the database owner: only to give the worker an address and an old-model enrolment row. */
async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The agent's main process, as src/main/index.ts wires it, minus Electron (no screen to capture here). */
async function agentMain() {
  const queue = await OfflineQueue.open({ dir: join(tmp, 'queue'), keyProvider: { getKey: async () => Buffer.alloc(32, 9) } });
  const tokens = new TokenStore(join(tmp, 'device-token.bin'), aesSecretCipher());
  const sync = new SyncService(queue, trpcAgentServer(tokens), { minRetryMs: 60_000 });
  const handlers = createBridgeHandlers({
    queue, tokens, sync, auth: trpcAgentAuth(),
    captureScreens: async () => [],
    device: { name: 'E2E-FACE-PC', agentVersion: '0.1.0' },
    settings: new SettingsStore(join(tmp, 'settings.json')),
    settingsSource: trpcSettingsSource(tokens),
    queries: trpcAgentQueries(tokens),
    corrections: trpcAgentCorrections(tokens),
  });
  return { queue, handlers };
}

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signInToConsole(browser, consoleUrl, { systemId: WORKER.systemId, loginId: 'admin', password: DEMO_PASSWORD }, { viewport: { width: 1400, height: 1100 } });
  await buildRenderer();
  renderer = await serveRenderer(join(import.meta.dirname, '../apps/agent/dist/renderer'));
});
afterAll(async () => {
  await renderer.close();
  await browser.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('covered camera, from the webcam to the console', () => {
  it('the agent sees a black webcam, reports COVERED_CAMERA through its queue, and the console shows カメラの遮蔽', async () => {
    const main = await agentMain();
    expect(await main.handlers.signIn({ serverUrl: consoleUrl, systemId: WORKER.systemId, loginId: WORKER.loginId, password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    const info = await main.handlers.getSettings(undefined);
    // The tenant's settings, with a 1 s interval and M = 2 so the verdict comes within seconds.
    const settings = { ...info.settings, detectionIntervalSec: 1, awayAfterChecks: 2 };
    const { context, page } = await launchAgent({
      origin: renderer.origin, profile: join(tmp, 'profile'), y4m: coveredCamera(tmp),
      config: { signedIn: true, settings, faceDescriptors: [Array.from({ length: 128 }, () => 0.01)] }, doubleScript: await bridgeDoubleScript(),
    });
    try {
      await page.getByTestId('consent-accept').click();
      await page.getByTestId('terms-accept').click();
      await page.getByTestId('punch-WORK_START').click();
      await expect.poll(async () => (await bridgeCalls(page)).find((c) => c.method === 'reportIncident'), { timeout: 30_000, interval: 250 }).toBeDefined();
      const calls = await bridgeCalls(page);
      const punch = calls.find((c) => c.method === 'punch')?.request as { kind: 'WORK_START'; occurredAt: string };
      const incident = calls.find((c) => c.method === 'reportIncident');
      expect(incident?.valid).toBe(true);
      // The double records the still's size, not its bytes ('<jpeg>' in the request): the verdict is forwarded without it.
      const { cameraJpeg: _still, ...request } = incident?.request as { kind: 'COVERED_CAMERA'; faceCount: number; similarity: number | null; occurredAt: string; cameraJpeg?: unknown };
      expect(request).toMatchObject({ kind: 'COVERED_CAMERA', faceCount: 0, similarity: null });
      expect(incident?.jpeg).toMatchObject({ width: 640, height: 480 });
      // What the renderer handed the bridge goes through the real main process to the server.
      expect((await main.handlers.punch({ kind: 'WORK_START', taskId: null, occurredAt: new Date(punch.occurredAt) })).delivered).toBe(true);
      expect((await main.handlers.reportIncident({ ...request, occurredAt: new Date(request.occurredAt) })).delivered).toBe(true);
      expect(main.queue.counts()).toEqual({ events: 0, images: 0 });
      await page.getByTestId('punch-WORK_END').click();
    } finally {
      await context.close();
    }

    // The incident list, filtered by the new kind.
    await admin.goto(`${consoleUrl}/incidents`);
    await admin.getByLabel('種類').selectOption({ label: 'カメラの遮蔽' });
    await admin.getByLabel('勤務者').selectOption({ label: `${WORKER.name}（${WORKER.loginId}）` });
    const row = admin.getByRole('row').nth(1);
    await expect.poll(() => row.textContent()).toContain('カメラの遮蔽');
    expect(await row.textContent()).toContain(WORKER.name);
    await screenshot(admin, 'covered-camera-incidents');

    // The board: the worker is in an incident, and which one.
    await admin.goto(`${consoleUrl}/board`);
    await expect.poll(() => admin.getByTestId(`state-${WORKER.loginId}`).getByTestId('state-badge').getAttribute('data-state')).toBe('INCIDENT');
    expect(await admin.getByTestId(`incident-kind-${WORKER.loginId}`).textContent()).toBe('カメラの遮蔽');
    await screenshot(admin, 'covered-camera-board');
    expect((await main.handlers.punch({ kind: 'WORK_END', taskId: null, occurredAt: new Date() })).delivered).toBe(true);
  }, 240_000);
});

describe('face re-enrolment after the model change', () => {
  it('the admin sees who must re-enrol and why, asks by mail, and removes the old photo', async () => {
    const address = `worker3-reenrol-${randomUUID().slice(0, 8)}@example.test`;
    const [user] = await sql<{ id: string; tenantId: string }>(
      `UPDATE users u SET email = $1 FROM tenants t WHERE u."tenantId" = t.id AND t."systemId" = $2 AND u."loginId" = $3 RETURNING u.id, u."tenantId"`,
      [address, WORKER.systemId, WORKER.loginId],
    );
    if (!user) throw new Error('demo worker3 not found');
    // An enrolment from before the upgrade that the re-embedding job could not describe (no face found).
    await sql(
      `INSERT INTO face_images (id, "tenantId", "userId", source, "blobKey", sha256, "byteSize", width, height, "descriptorEncrypted", "descriptorModel", "descriptorError", "keyVersion")
       VALUES (gen_random_uuid(), $1, $2, 'AGENT', $3, $4, 1, 640, 480, '\\x00', 'human-faceres', 'FACE_NOT_FOUND', 1)`,
      [user.tenantId, user.id, `${user.tenantId}/faces/${randomUUID()}.bin`, '0'.repeat(64)],
    );

    await admin.goto(`${consoleUrl}/`);
    await admin.getByRole('navigation').getByRole('link', { name: '顔の再登録' }).click();
    await admin.waitForURL(`${consoleUrl}/faces/reenrol`);
    await expect.poll(() => admin.getByTestId(`reenrol-reasons-${WORKER.loginId}`).textContent()).toBe('写真に顔が見つからない（1枚）');
    expect(await admin.getByTestId(`reenrol-requested-${WORKER.loginId}`).textContent()).toBe('未依頼');
    await screenshot(admin, 'face-reenrol');

    await admin.getByTestId(`reenrol-ask-${WORKER.loginId}`).click();
    await expect.poll(() => admin.getByText(`${WORKER.name} さんに再登録の依頼メールを送りました`).count()).toBe(1);
    const mail = await waitForMail(address);
    expect(mail.subject).toContain('顔の再登録のお願い');
    await expect.poll(() => admin.getByTestId(`reenrol-requested-${WORKER.loginId}`).textContent()).not.toBe('未依頼');

    await admin.getByTestId(`reenrol-reset-${WORKER.loginId}`).click();
    await admin.getByTestId('confirm').click();
    await expect.poll(() => admin.getByText(`${WORKER.name} さんの古い顔画像を 1枚削除しました`).count()).toBe(1);
    await expect.poll(() => admin.getByText('顔の再登録が必要な勤務者はいません').count()).toBe(1);
    expect(await sql(`SELECT 1 FROM face_images WHERE "userId" = $1 AND "descriptorModel" = 'human-faceres'`, [user.id])).toEqual([]);
  }, 120_000);
});
