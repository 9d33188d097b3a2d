import { randomBytes, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appLoginUrl } from '@telework/db';
// Declares what the database global setup provides to inject().
import type {} from '@telework/db/testing';
// The API's own test helpers: a fresh migrated database and a tenant with an active contract.
import { useTestDatabase } from '../../../../../packages/api/src/testing/db';
import { createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../../../../../packages/api/src/testing/fixtures';
import { makeJpeg } from '../../../../../packages/api/src/evidence/test-helpers';
import { createBridgeHandlers } from '../bridge-handlers';
import { OfflineQueue, REJECTED_DIR } from '../offline-queue/offline-queue';
import { SettingsStore } from '../settings/settings-store';
import { SyncService } from '../sync/sync-service';
import { aesSecretCipher } from '../testing/aes-secret-cipher';
import { fixtureJpeg } from '../testing/jpeg-fixtures';
import { useTempDirs } from '../testing/temp-dir';
import { TokenStore } from '../token-store';
import { MIN_NEW_PASSWORD_LENGTH } from '../../contract/bridge';
import { trpcAgentAuth, trpcAgentCorrections, trpcAgentQueries, trpcAgentServer, trpcSettingsSource } from './trpc-agent-server';
import { createUploadClient } from './upload-client';

// The upload procedure stores images encrypted in a blob folder: its env (read at import) gets a key and a folder of this run.
vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  process.env.MASTER_KEY = randomBytes(32).toString('base64');
  process.env.BLOB_DIR = mkdtempSync(path.join(tmpdir(), 'agent-blobs-'));
});

const { url, adminDb } = useTestDatabase();
const tempDir = useTempDirs();

let server: Server;
let baseUrl: string;
/** Simulates the PC losing its network: connections are reset before any response. */
let networkDown = false;
/** Requests to anything but /api/trpc (there must be none). */
const otherPaths: string[] = [];
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
    // The agent talks to the tRPC endpoint only: any other path would be answered 404 and noted here.
    const path = new URL(request.url).pathname;
    if (!path.startsWith('/api/trpc/')) otherPaths.push(path);
    const response = path.startsWith('/api/trpc/') ? await handleTrpcRequest(request, { app: 'console' }) : new Response(null, { status: 404 });
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
  const log: string[] = [];
  const sync = new SyncService(queue, trpcAgentServer(tokens, createUploadClient(tokens, { log: (line) => log.push(line) })), { minRetryMs: 60_000 });
  const handlers = createBridgeHandlers({
    queue, tokens, sync, auth: trpcAgentAuth(),
    captureScreens: async () => [fixtureJpeg('background.jpg')],
    device: { name: 'PC-E2E', agentVersion: '0.1.0' },
    settings: new SettingsStore(join(dir, 'settings.json')),
    settingsSource: trpcSettingsSource(tokens),
    queries: trpcAgentQueries(tokens),
    corrections: trpcAgentCorrections(tokens),
  });
  return { dir, queue, tokens, sync, handlers, log };
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
/** A camera still as the renderer sends it: a real 640×480 JPEG. */
const cameraStill = () => new Uint8Array(makeJpeg(640, 480, { noise: 30 }));
/** Exactly representable in float32, so the descriptor read back equals the one sent. */
const descriptorOf = (seed: number) => Array.from({ length: 128 }, (_, i) => ((i * seed) % 64) / 64);

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
    const incident = await handlers.reportIncident({ kind: 'PEEKING', faceCount: 2, similarity: 0.4, occurredAt: minutesAgo(10), cameraJpeg: cameraStill() });
    expect([start.delivered, away.delivered, incident.delivered]).toEqual([false, false, false]);
    expect(sync.status()).toMatchObject({ online: false, queuedEvents: 3, queuedImages: 2 });
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId } })).toBe(0);

    networkDown = false;
    expect(await sync.syncNow()).toMatchObject({ online: true, queuedEvents: 0, queuedImages: 0 });
    expect(await adminDb.punch.findMany({ where: { tenantId: t.tenantId }, select: { clientEventId: true, kind: true } })).toEqual([{ clientEventId: start.clientId, kind: 'WORK_START' }]);
    expect(await adminDb.presenceEvent.count({ where: { tenantId: t.tenantId, clientEventId: away.clientId } })).toBe(1);
    const stored = await adminDb.incident.findFirst({ where: { tenantId: t.tenantId, clientEventId: incident.clientId }, select: { id: true, kind: true, faceCount: true } });
    expect(stored).toMatchObject({ kind: 'PEEKING', faceCount: 2 });
    // Both images of the incident reached the server, linked to it by the incident's client event id.
    const evidence = await adminDb.evidence.findMany({ where: { tenantId: t.tenantId, userId: t.users.worker.id }, orderBy: { chainSeq: 'asc' }, select: { kind: true, trigger: true, incidentId: true } });
    expect(evidence).toEqual([{ kind: 'CAMERA', trigger: 'INCIDENT', incidentId: stored?.id }, { kind: 'SCREEN', trigger: 'INCIDENT', incidentId: stored?.id }]);

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
    networkDown = true;
    await handlers.reportCapture({ occurredAt: minutesAgo(1), cameraJpeg: cameraStill() });
    networkDown = false;
    expect(await handlers.signOut(undefined)).toEqual({ ok: true });
    expect(await tokens.get()).toBeNull();
    expect(queue.counts()).toEqual({ events: 0, images: 0 });
    expect(await adminDb.agentDevice.findFirst({ where: { id: device?.deviceId }, select: { revokedAt: true } })).toMatchObject({ revokedAt: expect.any(Date) });
  });

  it('a covered camera (issue 14) goes through the queue as its own incident, with its still and screenshot, once', async () => {
    const { handlers, sync, tokens } = await agent();
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD })).toMatchObject({ ok: true });
    await handlers.getSettings(undefined);
    networkDown = true;
    const covered = await handlers.reportIncident({ kind: 'COVERED_CAMERA', faceCount: 0, similarity: null, occurredAt: minutesAgo(1), cameraJpeg: cameraStill() });
    expect(covered.delivered).toBe(false);
    networkDown = false;
    expect(await sync.syncNow()).toMatchObject({ online: true, queuedEvents: 0, queuedImages: 0 });
    const row = await adminDb.incident.findFirstOrThrow({ where: { tenantId: t.tenantId, clientEventId: covered.clientId }, select: { kind: true, faceCount: true, similarity: true, _count: { select: { evidence: true } } } });
    expect(row).toEqual({ kind: 'COVERED_CAMERA', faceCount: 0, similarity: null, _count: { evidence: 2 } });
    // Resent after a crash between send and delete: absorbed.
    await trpcAgentServer(tokens).sendEvent({ class: 'event', seq: 1, clientId: covered.clientId, eventType: 'incident', createdAt: new Date(), data: { kind: 'COVERED_CAMERA', faceCount: 0, similarity: null, occurredAt: minutesAgo(1).toISOString() } });
    expect(await adminDb.incident.count({ where: { tenantId: t.tenantId, clientEventId: covered.clientId } })).toBe(1);
    expect(await handlers.signOut(undefined)).toEqual({ ok: true });
  });

  it('uploads enrolment stills and evidence: server down → kept → server up → all delivered exactly once', async () => {
    const { dir, handlers, queue, sync, tokens, log } = await agent();
    // Another user of the tenant than the first test's worker, so its punches start a fresh day.
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'manager', password: FIXTURE_PASSWORD })).toMatchObject({ ok: true });
    // As the renderer does after signing in: the organisation's settings, capture mode included.
    expect((await handlers.getSettings(undefined)).settings.captureMode).toBe('INTERVAL_AND_INCIDENT');
    const counts = async () => ({
      faces: await adminDb.faceImage.count({ where: { tenantId: t.tenantId, userId: t.users.manager.id } }),
      evidence: await adminDb.evidence.count({ where: { tenantId: t.tenantId } }),
    });
    const before = await counts();

    networkDown = true;
    const enrolled = await handlers.enrolFace({ faces: [{ jpeg: cameraStill(), descriptor: descriptorOf(3) }, { jpeg: cameraStill(), descriptor: descriptorOf(5) }] });
    // Offline, the new face is still known: the matcher gets the queued descriptors.
    expect(await handlers.getFaceDescriptors(undefined)).toEqual({ descriptors: [descriptorOf(3), descriptorOf(5)], fromServer: false });
    expect(await handlers.getTasks(undefined)).toBeNull();
    await handlers.punch({ kind: 'WORK_START', occurredAt: minutesAgo(30) });
    const incident = await handlers.reportIncident({ kind: 'IMPERSONATION', faceCount: 1, similarity: 0.1, occurredAt: minutesAgo(20), cameraJpeg: cameraStill() });
    const capture = await handlers.reportCapture({ occurredAt: minutesAgo(10), cameraJpeg: cameraStill() });
    // Larger than a camera still may be: the server refuses it for good.
    const oversized = await handlers.reportCapture({ occurredAt: minutesAgo(5), cameraJpeg: new Uint8Array(fixtureJpeg('person-vlado.jpg')) });
    expect([enrolled.delivered, incident.delivered, capture.delivered, oversized.delivered]).toEqual([false, false, false, false]);
    expect(sync.status()).toMatchObject({ online: false, signedOut: false, queuedEvents: 4, queuedImages: 6 });
    expect(await counts()).toEqual(before);

    networkDown = false;
    expect(await sync.syncNow()).toMatchObject({ online: true, queuedEvents: 0, queuedImages: 0 });
    expect(await counts()).toEqual({ faces: before.faces + 2, evidence: before.evidence + 5 });
    const incidentRow = await adminDb.incident.findFirstOrThrow({ where: { tenantId: t.tenantId, clientEventId: incident.clientId }, select: { id: true } });
    expect(await adminDb.evidence.count({ where: { tenantId: t.tenantId, incidentId: incidentRow.id } })).toBe(2);
    expect(await adminDb.evidence.groupBy({ by: ['kind'], where: { tenantId: t.tenantId, userId: t.users.manager.id, trigger: 'INTERVAL' }, _count: true })).toEqual(
      expect.arrayContaining([{ kind: 'CAMERA', _count: 1 }, { kind: 'SCREEN', _count: 2 }]),
    );
    expect(log).toEqual([expect.stringMatching(/^camera image [0-9a-f-]+ dropped: VALIDATION\/DIMENSIONS_TOO_LARGE/)]);
    expect(await readdir(join(dir, 'queue', REJECTED_DIR))).toHaveLength(1);

    // Once delivered, the descriptors come back from the server (decrypted), once each.
    expect(await handlers.getFaceDescriptors(undefined)).toEqual({ descriptors: [descriptorOf(3), descriptorOf(5)], fromServer: true });
    expect(await handlers.getTasks(undefined)).toEqual([{ id: t.taskId, code: 'DEV', name: '開発' }]);
    expect(await handlers.getToday(undefined)).toMatchObject({ state: 'WORKING', workStartedAt: expect.any(String) });

    // A resend of every delivered image (killed after the upload, before the delete) stores nothing twice.
    const upload = createUploadClient(tokens);
    await upload.sendFace({ clientId: enrolled.clientIds[0] ?? '', jpeg: cameraStill(), descriptor: descriptorOf(3) });
    const server = trpcAgentServer(tokens);
    await server.sendImage?.({ class: 'image', seq: 1, clientId: (await adminDb.evidence.findFirstOrThrow({ where: { tenantId: t.tenantId, incidentId: incidentRow.id }, select: { clientId: true } })).clientId, eventClientId: incident.clientId, source: 'camera', trigger: 'INCIDENT', createdAt: new Date(), jpeg: Buffer.from(cameraStill()) });
    expect(await counts()).toEqual({ faces: before.faces + 2, evidence: before.evidence + 5 });

    // A device revoked in the console: the sync stops as signed out and keeps what is queued.
    const device = await tokens.get();
    await adminDb.agentDevice.update({ where: { tenantId_id: { tenantId: t.tenantId, id: device?.deviceId ?? '' } }, data: { revokedAt: new Date() } });
    const late = await handlers.reportCapture({ occurredAt: minutesAgo(1), cameraJpeg: cameraStill() });
    expect(late.delivered).toBe(false);
    expect(sync.status()).toMatchObject({ online: false, signedOut: true, queuedImages: 2 });
    expect(queue.counts()).toEqual({ events: 0, images: 2 });
    expect(await counts()).toEqual({ faces: before.faces + 2, evidence: before.evidence + 5 });

    // Signing in again (same worker) resumes delivery of what was kept.
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'manager', password: FIXTURE_PASSWORD })).toMatchObject({ ok: true });
    expect(await sync.syncNow()).toMatchObject({ online: true, signedOut: false, queuedImages: 0 });
    expect(await counts()).toEqual({ faces: before.faces + 2, evidence: before.evidence + 7 });
    expect(late.clientId).toBeTruthy();
  });

  // Issue 15, items 5 and 7: the agent gets a typed refusal it can explain, and stores no token.
  it('an issued password, or an address outside the allow-list, is refused with its own error and no token', async () => {
    const { handlers, tokens } = await agent();
    const { passwordHash } = await adminDb.user.findFirstOrThrow({ where: { id: t.users.worker.id }, select: { passwordHash: true } });
    await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'issued', name: '新人', role: 'WORKER', passwordHash, mustChangePassword: true } });
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'issued', password: FIXTURE_PASSWORD })).toMatchObject({ ok: false, error: 'PASSWORD_CHANGE_REQUIRED' });
    expect(await tokens.get()).toBeNull();

    // The forced change screen: a new password that is refused changes nothing and stores no token; a
    // good one changes the password on the server and signs the device in.
    const change = (newPassword: string, password = FIXTURE_PASSWORD) => handlers.changeIssuedPassword({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'issued', password, newPassword });
    // The screen's length rule is the server's: one character short is refused there, the shortest allowed is taken.
    const shortest = 'Own-pass-'.padEnd(MIN_NEW_PASSWORD_LENGTH, '7');
    expect(await change(shortest.slice(0, -1))).toMatchObject({ ok: false, error: 'NEW_PASSWORD_REJECTED' });
    expect(await change(FIXTURE_PASSWORD)).toMatchObject({ ok: false, error: 'NEW_PASSWORD_REJECTED' });
    expect(await change(shortest, 'not-the-issued-one')).toMatchObject({ ok: false, error: 'INVALID_CREDENTIALS' });
    expect(await change(shortest, FIXTURE_PASSWORD)).toMatchObject({ ok: true, userName: '新人' });
    expect(await tokens.get()).toMatchObject({ userName: '新人', serverUrl: new URL(baseUrl).href });
    const issued = await adminDb.user.findFirstOrThrow({ where: { tenantId: t.tenantId, loginId: 'issued' }, select: { id: true, mustChangePassword: true } });
    expect(issued.mustChangePassword).toBe(false);
    expect(await adminDb.agentDevice.count({ where: { tenantId: t.tenantId, userId: issued.id, revokedAt: null } })).toBe(1);
    // Sign-in then proceeds with the new password (and no longer with the issued one).
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'issued', password: FIXTURE_PASSWORD })).toMatchObject({ ok: false, error: 'INVALID_CREDENTIALS' });
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'issued', password: shortest })).toMatchObject({ ok: true });
    expect(await handlers.signOut(undefined)).toMatchObject({ ok: true });
    expect(await tokens.get()).toBeNull();

    const fenced = await createTenantFixture(adminDb);
    await adminDb.tenant.update({ where: { id: fenced.tenantId }, data: { ipAllowList: ['10.20.0.0/16'] } });
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: fenced.systemId, loginId: 'worker', password: FIXTURE_PASSWORD })).toMatchObject({ ok: false, error: 'NOT_ALLOWED_FROM_HERE' });
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: fenced.systemId, loginId: 'worker', password: 'wrong-password' })).toMatchObject({ ok: false, error: 'NOT_ALLOWED_FROM_HERE' });
    expect(await tokens.get()).toBeNull();
  });

  it('verdict only (a group override): the session’s incident arrives with its verdict and no image leaves the PC', async () => {
    const group = await adminDb.group.create({ data: { tenantId: t.tenantId, name: '在宅・画像なし', captureMode: 'VERDICT_ONLY' }, select: { id: true } });
    await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: group.id, userId: t.users.admin.id, kind: 'MEMBER' } });
    const { handlers, queue, sync, tokens } = await agent();
    expect(await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD })).toMatchObject({ ok: true });
    expect((await handlers.getSettings(undefined)).settings).toMatchObject({ captureMode: 'VERDICT_ONLY', retentionDays: 90 });
    // The worker agrees to the terms in the agent: the server's consent record has them.
    const terms = { captureMode: 'VERDICT_ONLY', captureIntervalMin: null, screenshotMode: null, retentionDays: 90 } as const;
    expect(await handlers.recordConsent({ terms, occurredAt: minutesAgo(31) })).toMatchObject({ delivered: true });
    expect(await adminDb.user.findFirstOrThrow({ where: { tenantId: t.tenantId, id: t.users.admin.id }, select: { captureConsentTerms: true } })).toEqual({ captureConsentTerms: terms });
    const evidence = () => adminDb.evidence.count({ where: { tenantId: t.tenantId, userId: t.users.admin.id } });

    networkDown = true;
    await handlers.punch({ kind: 'WORK_START', occurredAt: minutesAgo(30) });
    await expect(handlers.reportCapture({ occurredAt: minutesAgo(25), cameraJpeg: cameraStill() })).rejects.toThrow('VERDICT_ONLY');
    const incident = await handlers.reportIncident({ kind: 'PEEKING', faceCount: 2, similarity: 0.77, occurredAt: minutesAgo(20) });
    expect(queue.counts()).toEqual({ events: 2, images: 0 });
    networkDown = false;
    expect(await sync.syncNow()).toMatchObject({ online: true, queuedEvents: 0, queuedImages: 0 });
    const row = await adminDb.incident.findFirstOrThrow({ where: { tenantId: t.tenantId, clientEventId: incident.clientId }, select: { kind: true, faceCount: true, similarity: true, captureMode: true, _count: { select: { evidence: true } } } });
    expect(row).toEqual({ kind: 'PEEKING', faceCount: 2, similarity: 0.77, captureMode: 'VERDICT_ONLY', _count: { evidence: 0 } });

    // An altered agent that uploads anyway: refused for good (412), nothing stored.
    const server = trpcAgentServer(tokens, createUploadClient(tokens));
    await expect(server.sendImage?.({ class: 'image', seq: 1, clientId: randomUUID(), eventClientId: incident.clientId, source: 'camera', trigger: 'INCIDENT', createdAt: minutesAgo(20), jpeg: Buffer.from(cameraStill()) }))
      .rejects.toThrow(/CAPTURE_MODE_FORBIDS/);
    expect(await evidence()).toBe(0);

    // Enrolment: the descriptors alone reach the server (a still the renderer sent is dropped by main);
    // no face image row has a photo and no blob is written.
    const faces = () => adminDb.faceImage.findMany({ where: { tenantId: t.tenantId, userId: t.users.admin.id }, select: { blobKey: true, width: true, descriptorModel: true } });
    const before = (await faces()).length;
    networkDown = true;
    const enrolled = await handlers.enrolFace({ faces: [{ descriptor: descriptorOf(3) }, { jpeg: cameraStill(), descriptor: descriptorOf(5) }] });
    expect(queue.counts()).toEqual({ events: 2, images: 0 });
    networkDown = false;
    expect(await sync.syncNow()).toMatchObject({ online: true, queuedEvents: 0, queuedImages: 0 });
    const rows = await faces();
    expect(rows.slice(before)).toEqual([0, 1].map(() => ({ blobKey: null, width: null, descriptorModel: 'dlib-resnet34-v1' })));
    expect(enrolled.clientIds).toHaveLength(2);
    // The agent's matcher gets them back from the server.
    expect((await handlers.getFaceDescriptors(undefined)).descriptors.map((d) => d.map((x) => Math.round(x * 64)))).toEqual(
      [descriptorOf(3), descriptorOf(5)].map((d) => d.map((x) => Math.round(x * 64))),
    );
    // An altered agent that uploads an enrolment photo anyway: refused for good (412), nothing stored.
    await expect(createUploadClient(tokens).sendFace({ clientId: randomUUID(), jpeg: cameraStill(), descriptor: descriptorOf(7) })).rejects.toThrow(/CAPTURE_MODE_FORBIDS/);
    expect((await faces()).length).toBe(rows.length);
  });

  it('打刻修正 from the agent: lists the punched session, requests with a reason, shows the outcome; refusals come back typed', async () => {
    const { handlers } = await agent();
    await handlers.signIn({ serverUrl: baseUrl, systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD });
    // A session whose end was punched too early (the worker forgot to punch the real end).
    const punched = await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, startedAt: minutesAgo(300), endedAt: minutesAgo(240) } });
    const jstDate = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    const sessions = await handlers.getCorrectionSessions({ date: jstDate(punched.startedAt) });
    expect(sessions).toContainEqual({ id: punched.id, startedAt: punched.startedAt.toISOString(), endedAt: punched.endedAt?.toISOString() ?? null });

    const request = { workSessionId: punched.id, startedAt: punched.startedAt, endedAt: minutesAgo(60), reason: '終了打刻を忘れました' };
    const sent = await handlers.requestCorrection(request);
    expect(sent).toMatchObject({ ok: true, correction: { status: 'PENDING', reason: '終了打刻を忘れました', punched: { startedAt: punched.startedAt.toISOString() } } });
    const row = await adminDb.punchCorrection.findFirstOrThrow({ where: { tenantId: t.tenantId, workSessionId: punched.id } });
    expect(row).toMatchObject({ userId: t.users.worker.id, requestedById: t.users.worker.id, status: 'PENDING', endedAt: request.endedAt });
    // The same session again while the first request waits: refused, typed.
    expect(await handlers.requestCorrection(request)).toMatchObject({ ok: false, error: 'ALREADY_PENDING' });
    // Another tenant's session (or any id not the worker's): not found.
    const other = await createTenantFixture(adminDb);
    const foreign = await adminDb.workSession.create({ data: { tenantId: other.tenantId, userId: other.users.worker.id, startedAt: minutesAgo(300), endedAt: minutesAgo(240) } });
    expect(await handlers.requestCorrection({ ...request, workSessionId: foreign.id })).toMatchObject({ ok: false, error: 'NOT_FOUND' });
    expect(await adminDb.punchCorrection.count({ where: { workSessionId: foreign.id } })).toBe(0);

    // The manager approves it: the worker sees the outcome.
    await adminDb.punchCorrection.update({ where: { tenantId_id: { tenantId: t.tenantId, id: row.id } }, data: { status: 'APPROVED', decidedById: t.users.manager.id, decidedAt: new Date(), decisionNote: '確認しました' } });
    expect((await handlers.getCorrections(undefined))?.find((c) => c.id === row.id)).toMatchObject({ status: 'APPROVED', decisionNote: '確認しました', decidedAt: expect.any(String) });

    // A closed month refuses a request that touches it.
    const old = new Date(Date.now() - 70 * 86_400_000);
    await adminDb.monthClose.create({ data: { tenantId: t.tenantId, groupId: t.groupId, month: jstDate(old).slice(0, 7), closedAt: new Date(), closedById: t.users.admin.id } });
    expect(await handlers.requestCorrection({ workSessionId: null, startedAt: old, endedAt: new Date(old.getTime() + 3_600_000), reason: '打刻なし' })).toMatchObject({ ok: false, error: 'MONTH_CLOSED' });

    // Offline: the request is not sent (and not queued), the lists answer null.
    networkDown = true;
    try {
      expect(await handlers.requestCorrection({ workSessionId: null, startedAt: minutesAgo(30), endedAt: minutesAgo(20), reason: '打刻なし' })).toMatchObject({ ok: false, error: 'OFFLINE' });
      expect(await handlers.getCorrections(undefined)).toBeNull();
    } finally {
      networkDown = false;
    }
    expect(await adminDb.punchCorrection.count({ where: { tenantId: t.tenantId, userId: t.users.worker.id } })).toBe(1);
  });

  it('sent everything, images included, to the tRPC endpoint', () => {
    expect(otherPaths).toEqual([]);
  });
});
