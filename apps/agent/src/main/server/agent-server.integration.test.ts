import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appLoginUrl } from '@telework/db';
// Declares what the database global setup provides to inject().
import type {} from '@telework/db/testing';
// The API's own test helpers: a fresh migrated database and a tenant with an active contract.
import { useTestDatabase } from '../../../../../packages/api/src/testing/db';
import { createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../../../../../packages/api/src/testing/fixtures';
import { createBridgeHandlers } from '../bridge-handlers';
import { OfflineQueue, REJECTED_DIR } from '../offline-queue/offline-queue';
import { SettingsStore } from '../settings/settings-store';
import { SyncService } from '../sync/sync-service';
import { aesSecretCipher } from '../testing/aes-secret-cipher';
import { fixtureJpeg } from '../testing/jpeg-fixtures';
import { useTempDirs } from '../testing/temp-dir';
import { TokenStore } from '../token-store';
import { trpcAgentAuth, trpcAgentServer, trpcSettingsSource } from './trpc-agent-server';

const { url, adminDb } = useTestDatabase();
const tempDir = useTempDirs();

let server: Server;
let baseUrl: string;
/** Simulates the PC losing its network: connections are reset before any response. */
let networkDown = false;
let t: TenantFixture;

async function body(req: IncomingMessage): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? new Uint8Array(Buffer.concat(chunks)) : undefined;
}

beforeAll(async () => {
  // The API's server entry reads DATABASE_URL once, at import: the application role, like production.
  process.env.DATABASE_URL = appLoginUrl(url);
  const { handleTrpcRequest } = await import('@telework/api/http');
  server = createServer(async (req, res) => {
    if (networkDown) return void req.socket.destroy();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    // Like Next's server in production, pass the peer address on (the API refuses unknown addresses).
    headers.set('x-forwarded-for', req.socket.remoteAddress ?? '');
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : await body(req) });
    const response = await handleTrpcRequest(request, { app: 'console' });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTenantFixture(adminDb);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function agent() {
  const dir = await tempDir('agent-e2e-');
  const key = randomBytes(32);
  const queue = await OfflineQueue.open({ dir: join(dir, 'queue'), keyProvider: { getKey: async () => key } });
  const tokens = new TokenStore(join(dir, 'device-token.bin'), aesSecretCipher());
  const sync = new SyncService(queue, trpcAgentServer(tokens), { minRetryMs: 60_000 });
  const handlers = createBridgeHandlers({
    queue, tokens, sync, auth: trpcAgentAuth(),
    captureScreen: async () => fixtureJpeg('background.jpg'),
    device: { name: 'PC-E2E', agentVersion: '0.1.0' },
    settings: new SettingsStore(join(dir, 'settings.json')),
    settingsSource: trpcSettingsSource(tokens),
  });
  return { dir, queue, tokens, sync, handlers };
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('agent against the real API server', () => {
  it('signs in with the worker ID, records offline, and delivers once the network is back', async () => {
    const { dir, handlers, queue, tokens, sync } = await agent();
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'worker', password: 'wrong-password' })).toMatchObject({ ok: false, error: 'INVALID_CREDENTIALS' });
    const signedIn = await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD });
    expect(signedIn).toMatchObject({ ok: true });
    const device = await tokens.get();
    expect(await adminDb.agentDevice.findFirst({ where: { tenantId: t.tenantId, id: device?.deviceId }, select: { name: true } })).toEqual({ name: 'PC-E2E' });

    // Heartbeat: the tenant's settings reach the agent, and the device's camera is recorded.
    const settings = await handlers.getSettings({ cameraLabel: 'USB Camera (E2E)' });
    expect(settings.fetchedAt).not.toBeNull();
    expect(settings.settings).toMatchObject({ thresholdLevel: expect.any(Number), screenshotMode: expect.stringMatching(/FULL|REDUCED|REDACTED/) });
    expect(await adminDb.agentDevice.findFirst({ where: { id: device?.deviceId }, select: { cameraLabel: true, lastSeenAt: true } })).toMatchObject({ cameraLabel: 'USB Camera (E2E)', lastSeenAt: expect.any(Date) });

    networkDown = true;
    expect(await handlers.getSettings(undefined)).toEqual(settings);
    const start = await handlers.punch({ kind: 'WORK_START', occurredAt: minutesAgo(20) });
    const away = await handlers.reportPresence({ state: 'AWAY', similarity: null, occurredAt: minutesAgo(15) });
    const incident = await handlers.reportIncident({ kind: 'PEEKING', faceCount: 2, similarity: 0.4, occurredAt: minutesAgo(10), cameraJpeg: new Uint8Array(fixtureJpeg('group-2.jpg')) });
    expect([start.delivered, away.delivered, incident.delivered]).toEqual([false, false, false]);
    expect(sync.status()).toMatchObject({ online: false, queuedEvents: 3, queuedImages: 2 });
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId } })).toBe(0);

    networkDown = false;
    expect(await sync.syncNow()).toMatchObject({ online: true, queuedEvents: 0, queuedImages: 2 });
    expect(await adminDb.punch.findMany({ where: { tenantId: t.tenantId }, select: { clientEventId: true, kind: true } })).toEqual([{ clientEventId: start.clientId, kind: 'WORK_START' }]);
    expect(await adminDb.presenceEvent.count({ where: { tenantId: t.tenantId, clientEventId: away.clientId } })).toBe(1);
    expect(await adminDb.incident.findFirst({ where: { tenantId: t.tenantId, clientEventId: incident.clientId }, select: { kind: true, faceCount: true } })).toEqual({ kind: 'PEEKING', faceCount: 2 });

    // A resend of a delivered item (e.g. killed after send, before delete) is absorbed by the server.
    const server = trpcAgentServer(tokens);
    await server.sendEvent({ class: 'event', seq: 1, clientId: start.clientId, eventType: 'punch', createdAt: new Date(), data: { kind: 'WORK_START', taskId: null, occurredAt: minutesAgo(20).toISOString() } });
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId } })).toBe(1);

    // A punch the server refuses by rule (a second work start) is set aside, and later records still go.
    const again = await handlers.punch({ kind: 'WORK_START', occurredAt: minutesAgo(5) });
    expect(again.delivered).toBe(true);
    const end = await handlers.punch({ kind: 'WORK_END', occurredAt: minutesAgo(1) });
    expect(end.delivered).toBe(true);
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId, clientEventId: again.clientId } })).toBe(0);
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId, clientEventId: end.clientId } })).toBe(1);
    expect(await readdir(join(dir, 'queue', REJECTED_DIR))).toHaveLength(1);

    // Sign-out revokes the device on the server and drops unsent evidence locally.
    expect(await handlers.signOut(undefined)).toEqual({ ok: true });
    expect(await tokens.get()).toBeNull();
    expect(queue.counts()).toEqual({ events: 0, images: 0 });
    expect(await adminDb.agentDevice.findFirst({ where: { id: device?.deviceId }, select: { revokedAt: true } })).toMatchObject({ revokedAt: expect.any(Date) });
  });
});
