import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CorrectionInfo } from '../contract/bridge';
import { createBridgeHandlers, SignInError, type AgentAuth, type AgentCorrections, type AgentQueries, type SettingsSource } from './bridge-handlers';
import type { EventItem, ImageItem } from './offline-queue/item';
import { OfflineQueue } from './offline-queue/offline-queue';
import { DEFAULT_SETTINGS, SettingsStore } from './settings/settings-store';
import { uuidV7 } from './offline-queue/uuid-v7';
import { SyncService, type AgentServer } from './sync/sync-service';
import { aesSecretCipher } from './testing/aes-secret-cipher';
import { fixtureJpeg } from './testing/jpeg-fixtures';
import { useTempDirs } from './testing/temp-dir';
import { TokenStore } from './token-store';

const tempDir = useTempDirs();
const at = new Date('2026-11-28T00:30:00.000Z');

class Server implements AgentServer, AgentAuth, SettingsSource, AgentQueries, AgentCorrections {
  online = true;
  settings: unknown = { ...DEFAULT_SETTINGS, thresholdLevel: 4, screenshotMode: 'REDUCED', captureMode: 'INTERVAL_AND_INCIDENT' };
  heartbeats: unknown[] = [];
  events: EventItem[] = [];
  images: ImageItem[] = [];
  revoked: string[] = [];
  signIns: unknown[] = [];
  async sendEvent(item: EventItem) {
    if (!this.online) throw new Error('ECONNREFUSED');
    this.events.push(item);
  }
  async sendImage(item: ImageItem) {
    if (!this.online) throw new Error('ECONNREFUSED');
    this.images.push(item);
  }
  async signIn(serverUrl: URL, input: { loginId: string; password: string }) {
    this.signIns.push({ serverUrl: serverUrl.href, ...input });
    if (input.password !== 'correct horse') throw new SignInError('INVALID_CREDENTIALS', 'ID or password is wrong');
    const userId = input.loginId === 'yamada' ? '0190f1e2-0000-7000-8000-00000000000a' : '0190f1e2-0000-7000-8000-00000000000b';
    return { token: randomBytes(32).toString('base64url'), deviceId: uuidV7(), userId, userName: input.loginId === 'yamada' ? '山田 太郎' : '佐藤 花子', tenantName: '株式会社サンプル' };
  }
  // Not used by these tests: the change screen runs against the real server (agent-server.integration.test.ts).
  changeIssuedPassword(): Promise<never> {
    return Promise.reject(new SignInError('UNKNOWN', 'not in these tests'));
  }
  async fetchSettings(input: unknown) {
    if (!this.online) throw new Error('ECONNREFUSED');
    this.heartbeats.push(input);
    return this.settings;
  }
  async signOut(credentials: { deviceId: string }) {
    this.revoked.push(credentials.deviceId);
  }
  /** Like the API: the descriptors of the face events it received. */
  async faceDescriptors() {
    if (!this.online) throw new Error('ECONNREFUSED');
    return this.events.filter((e) => e.eventType === 'face').map((e) => e.data.descriptor as number[]);
  }
  async tasks() {
    if (!this.online) throw new Error('ECONNREFUSED');
    return [{ id: '0190f1e2-0000-7000-8000-0000000000aa', code: 'DEV', name: '開発' }];
  }
  corrections: CorrectionInfo[] = [];
  /** Like trpcAgentCorrections: offline is an answer (OFFLINE), not an error. */
  async request(input: { workSessionId: string | null; startedAt: Date; endedAt: Date; reason: string }) {
    if (!this.online) return { ok: false as const, error: 'OFFLINE' as const, message: 'The server could not be reached.' };
    const correction: CorrectionInfo = { id: uuidV7(), workSessionId: input.workSessionId, startedAt: input.startedAt.toISOString(), endedAt: input.endedAt.toISOString(), reason: input.reason, status: 'PENDING', decidedAt: null, decisionNote: null, punched: null };
    this.corrections.push(correction);
    return { ok: true as const, correction };
  }
  async list() {
    if (!this.online) throw new Error('ECONNREFUSED');
    return this.corrections;
  }
  async sessions(date: string) {
    if (!this.online) throw new Error('ECONNREFUSED');
    return date === '2026-11-28' ? [{ id: '0190f1e2-0000-7000-8000-0000000000cc', startedAt: at.toISOString(), endedAt: null }] : [];
  }
  async today() {
    if (!this.online) throw new Error('ECONNREFUSED');
    return { date: '2026-11-28', workedMinutes: 75, state: 'WORKING' as const, workStartedAt: at.toISOString(), currentTask: null, tasks: [] };
  }
}

const descriptorOf = (seed: number) => Array.from({ length: 128 }, (_, i) => ((i * seed) % 64) / 64);

async function setup(options: { captureScreens?: () => Promise<Uint8Array[]> } = {}) {
  const dir = await tempDir('handlers-');
  const key = randomBytes(32);
  const queue = await OfflineQueue.open({ dir: join(dir, 'queue'), keyProvider: { getKey: async () => key } });
  const tokens = new TokenStore(join(dir, 'device-token.bin'), aesSecretCipher());
  const server = new Server();
  const sync = new SyncService(queue, server, { minRetryMs: 60_000 });
  const screen = fixtureJpeg('background.jpg');
  const handlers = createBridgeHandlers({
    queue, tokens, sync, auth: server,
    captureScreens: options.captureScreens ?? (async () => [screen]),
    device: { name: 'PC-0042', agentVersion: '0.1.0' },
    settings: new SettingsStore(join(dir, 'settings.json')),
    settingsSource: server,
    queries: server,
    corrections: server,
    now: () => at,
  });
  const signInOnly = () => handlers.signIn({ serverUrl: 'https://telework.example.jp', systemId: 'T-001', loginId: 'yamada', password: 'correct horse' });
  // As the renderer does after signing in: the organisation's settings (and capture mode) are fetched.
  const signIn = async () => {
    const r = await signInOnly();
    if (r.ok) await handlers.getSettings(undefined);
    return r;
  };
  return { queue, tokens, server, sync, handlers, signIn, signInOnly, screen };
}

describe('bridge handlers', () => {
  it('signs in over https only, stores the device token, and reports the session', async () => {
    const { handlers, server, tokens, signIn } = await setup();
    expect(await handlers.getSession(undefined)).toEqual({ signedIn: false });
    const insecure = await handlers.signIn({ serverUrl: 'http://telework.example.jp', systemId: 'T-001', loginId: 'yamada', password: 'correct horse' });
    expect(insecure).toMatchObject({ ok: false, error: 'INSECURE_SERVER_URL' });
    expect(server.signIns).toEqual([]);

    expect(await handlers.signIn({ serverUrl: 'https://telework.example.jp', systemId: 'T-001', loginId: 'yamada', password: 'nope' })).toEqual({
      ok: false, error: 'INVALID_CREDENTIALS', message: 'ID or password is wrong',
    });
    expect(await tokens.get()).toBeNull();

    expect(await signIn()).toEqual({ ok: true, userName: '山田 太郎', tenantName: '株式会社サンプル' });
    expect(server.signIns.at(-1)).toMatchObject({ serverUrl: 'https://telework.example.jp/', deviceName: 'PC-0042', agentVersion: '0.1.0' });
    expect(await handlers.getSession(undefined)).toEqual({ signedIn: true, serverUrl: 'https://telework.example.jp/', userName: '山田 太郎', tenantName: '株式会社サンプル' });
  });

  it('refuses to record for nobody', async () => {
    const { handlers, queue } = await setup();
    await expect(handlers.punch({ kind: 'WORK_START', occurredAt: at })).rejects.toThrow('Not signed in');
    expect(queue.counts()).toEqual({ events: 0, images: 0 });
  });

  it('keeps punches while offline and delivers them with the next one once online', async () => {
    const { handlers, server, signIn } = await setup();
    await signIn();
    server.online = false;
    const offline = await handlers.punch({ kind: 'WORK_START', occurredAt: at });
    expect(offline.delivered).toBe(false);
    expect(await handlers.getSyncStatus(undefined)).toMatchObject({ online: false, queuedEvents: 1 });

    server.online = true;
    const online = await handlers.reportPresence({ state: 'AWAY', similarity: 0.12, occurredAt: at });
    expect(online.delivered).toBe(true);
    expect(server.events.map((e) => e.clientId)).toEqual([offline.clientId, online.clientId]);
    expect(server.events[0]).toMatchObject({ eventType: 'punch', data: { kind: 'WORK_START', taskId: null, occurredAt: at.toISOString() } });
    expect(server.events[1]).toMatchObject({ eventType: 'presence', data: { state: 'AWAY', similarity: 0.12 } });
  });

  it('records an incident with camera and screen evidence linked to it', async () => {
    const { handlers, server, signIn, screen } = await setup();
    await signIn();
    const camera = fixtureJpeg('group-2.jpg');
    const result = await handlers.reportIncident({ kind: 'PEEKING', faceCount: 2, occurredAt: at, cameraJpeg: new Uint8Array(camera) });
    expect(result.delivered).toBe(true);
    expect(server.events[0]).toMatchObject({ eventType: 'incident', clientId: result.clientId, data: { kind: 'PEEKING', faceCount: 2 } });
    expect(server.images.map((i) => [i.source, i.eventClientId])).toEqual([['camera', result.clientId], ['screen', result.clientId]]);
    expect(server.images[0]?.jpeg.equals(camera)).toBe(true);
    expect(server.images[1]?.jpeg.equals(screen)).toBe(true);
  });

  it('still records the incident when the screenshot fails', async () => {
    const { handlers, server, signIn } = await setup({ captureScreens: async () => Promise.reject(new Error('no display')) });
    await signIn();
    const result = await handlers.reportIncident({ kind: 'IMPERSONATION', faceCount: 1, similarity: 0.05, occurredAt: at, cameraJpeg: new Uint8Array(fixtureJpeg('person-tetiana.jpg')) });
    expect(result.delivered).toBe(true);
    expect(server.images.map((i) => i.source)).toEqual(['camera']);
  });

  it('will not sign out while records are waiting, then revokes and forgets the token', async () => {
    const { handlers, server, tokens, signIn } = await setup();
    await signIn();
    server.online = false;
    await handlers.punch({ kind: 'WORK_END', occurredAt: at });
    expect(await handlers.signOut(undefined)).toEqual({ ok: false, error: 'PENDING_RECORDS', pending: 1 });
    expect(await tokens.get()).not.toBeNull();

    server.online = true;
    const deviceId = (await tokens.get())?.deviceId;
    expect(await handlers.signOut(undefined)).toEqual({ ok: true });
    expect(server.revoked).toEqual([deviceId]);
    expect(await tokens.get()).toBeNull();
    expect(server.events).toHaveLength(1);
  });

  it('after the server refused the token, only the same worker may sign in again while records wait', async () => {
    const { handlers, server, tokens, signIn } = await setup();
    await signIn();
    server.online = false;
    await handlers.punch({ kind: 'WORK_START', occurredAt: at });
    server.online = true;
    const other = await handlers.signIn({ serverUrl: 'https://telework.example.jp', systemId: 'T-001', loginId: 'sato', password: 'correct horse' });
    expect(other).toMatchObject({ ok: false, error: 'PENDING_RECORDS' });
    expect(server.revoked).toHaveLength(1);
    expect((await tokens.get())?.userName).toBe('山田 太郎');
    expect(server.events).toEqual([]);
    expect(await signIn()).toMatchObject({ ok: true });
    await handlers.getSyncStatus(undefined);
    expect((await handlers.punch({ kind: 'WORK_END', occurredAt: at })).delivered).toBe(true);
    expect(server.events.map((e) => e.data.kind)).toEqual(['WORK_START', 'WORK_END']);
  });

  it('fetches the administrator settings when signed in and keeps the last ones for offline starts', async () => {
    const { handlers, server, signInOnly } = await setup();
    expect(await handlers.getSettings(undefined)).toEqual({ settings: DEFAULT_SETTINGS, fetchedAt: null });
    expect(server.heartbeats).toEqual([]);

    await signInOnly();
    const fresh = await handlers.getSettings({ cameraLabel: 'Integrated Camera' });
    expect(fresh).toEqual({ settings: { ...DEFAULT_SETTINGS, thresholdLevel: 4, screenshotMode: 'REDUCED', captureMode: 'INTERVAL_AND_INCIDENT' }, fetchedAt: at.toISOString() });
    expect(server.heartbeats).toEqual([{ agentVersion: '0.1.0', cameraLabel: 'Integrated Camera' }]);

    server.online = false;
    expect(await handlers.getSettings(undefined)).toEqual(fresh);
    server.online = true;
    server.settings = { ...DEFAULT_SETTINGS, thresholdLevel: 99 };
    expect(await handlers.getSettings(undefined)).toEqual(fresh);
  });

  it('queues enrolment stills while offline, offers their descriptors meanwhile, and uploads them once online', async () => {
    const { handlers, server, signIn, queue } = await setup();
    await signIn();
    server.online = false;
    const jpeg = new Uint8Array(fixtureJpeg('person-vlado.jpg'));
    const enrolled = await handlers.enrolFace({ faces: [{ jpeg, descriptor: descriptorOf(3) }, { jpeg, descriptor: descriptorOf(5) }] });
    expect(enrolled).toMatchObject({ delivered: false, clientIds: [expect.any(String), expect.any(String)] });
    expect(queue.counts()).toEqual({ events: 2, images: 0 });
    expect(await handlers.getFaceDescriptors(undefined)).toEqual({ descriptors: [descriptorOf(3), descriptorOf(5)], fromServer: false });

    server.online = true;
    await handlers.getSyncStatus(undefined);
    expect((await handlers.punch({ kind: 'WORK_START', occurredAt: at })).delivered).toBe(true);
    expect(server.events.filter((e) => e.eventType === 'face').map((e) => e.clientId)).toEqual(enrolled.clientIds);
    expect(Buffer.from(String(server.events[0]?.data.jpegBase64), 'base64').equals(Buffer.from(jpeg))).toBe(true);
    // Delivered: now they come from the server, once each.
    expect(await handlers.getFaceDescriptors(undefined)).toEqual({ descriptors: [descriptorOf(3), descriptorOf(5)], fromServer: true });
  });

  it('reads tasks and today from the server, and answers null offline or signed out', async () => {
    const { handlers, server, signIn } = await setup();
    expect(await handlers.getTasks(undefined)).toBeNull();
    await signIn();
    expect(await handlers.getTasks(undefined)).toEqual([{ id: '0190f1e2-0000-7000-8000-0000000000aa', code: 'DEV', name: '開発' }]);
    expect(await handlers.getToday(undefined)).toMatchObject({ workedMinutes: 75, state: 'WORKING' });
    server.online = false;
    expect(await handlers.getTasks(undefined)).toBeNull();
    expect(await handlers.getToday(undefined)).toBeNull();
  });

  it('打刻修正: requests only when signed in, checks the request, lists requests and sessions, null offline', async () => {
    const { handlers, server, signIn } = await setup();
    const request = { workSessionId: '0190f1e2-0000-7000-8000-0000000000cc', startedAt: new Date('2026-11-28T00:00:00Z'), endedAt: new Date('2026-11-28T09:00:00Z'), reason: '終了打刻を忘れました' };
    await expect(handlers.requestCorrection(request)).rejects.toThrow('Not signed in');
    expect(await handlers.getCorrections(undefined)).toBeNull();
    await signIn();
    expect(await handlers.getCorrectionSessions({ date: '2026-11-28' })).toEqual([{ id: '0190f1e2-0000-7000-8000-0000000000cc', startedAt: at.toISOString(), endedAt: null }]);
    const sent = await handlers.requestCorrection(request);
    expect(sent).toMatchObject({ ok: true, correction: { status: 'PENDING', reason: '終了打刻を忘れました', workSessionId: request.workSessionId } });
    expect(await handlers.getCorrections(undefined)).toEqual([sent.ok ? sent.correction : null]);
    // Nothing of it goes to the offline queue: a request is answered now or not sent.
    expect(server.events).toEqual([]);
    server.online = false;
    expect(await handlers.requestCorrection(request)).toMatchObject({ ok: false, error: 'OFFLINE' });
    expect(await handlers.getCorrections(undefined)).toBeNull();
    expect(await handlers.getCorrectionSessions({ date: '2026-11-28' })).toBeNull();
    expect(server.corrections).toHaveLength(1);
  });

  it('takes one screenshot per screen', async () => {
    const screens = [fixtureJpeg('background.jpg'), fixtureJpeg('group-3.jpg')];
    const { handlers, server, signIn } = await setup({ captureScreens: async () => screens });
    await signIn();
    const result = await handlers.reportIncident({ kind: 'PEEKING', faceCount: 2, occurredAt: at, cameraJpeg: new Uint8Array(fixtureJpeg('group-2.jpg')) });
    expect(server.images.map((i) => i.source)).toEqual(['camera', 'screen', 'screen']);
    expect(server.images.every((i) => i.eventClientId === result.clientId && i.trigger === 'INCIDENT')).toBe(true);
    expect(server.images[2]?.jpeg.equals(screens[1] ?? Buffer.alloc(0))).toBe(true);
  });

  it('queues an interval capture as a camera still and a screenshot sharing one capture id', async () => {
    const { handlers, server, signIn, screen } = await setup();
    await signIn();
    server.online = false;
    const camera = fixtureJpeg('person-vlado.jpg');
    const capture = await handlers.reportCapture({ occurredAt: at, cameraJpeg: new Uint8Array(camera) });
    expect(capture.delivered).toBe(false);
    server.online = true;
    expect((await handlers.reportCapture({ occurredAt: at, cameraJpeg: new Uint8Array(camera) })).delivered).toBe(true);
    expect(server.events).toEqual([]);
    expect(server.images.map((i) => [i.source, i.trigger, i.eventClientId])).toEqual([
      ['camera', 'INTERVAL', capture.clientId], ['screen', 'INTERVAL', capture.clientId], ['camera', 'INTERVAL', expect.any(String)], ['screen', 'INTERVAL', expect.any(String)],
    ]);
    expect(server.images[1]?.jpeg.equals(screen)).toBe(true);
  });
});

/** The descriptors the handlers offer the matcher while offline (the queued enrolments). */
async function handlersDescriptors(ctx: Awaited<ReturnType<typeof setup>>) {
  return (await ctx.handlers.getFaceDescriptors(undefined)).descriptors;
}

describe('capture modes in the agent', () => {
  /** What the offline queue holds, in order: events by type, images as trigger:source. */
  async function queued(queue: OfflineQueue) {
    const out: string[] = [];
    for (const entry of queue.list()) {
      const item = await queue.read(entry.seq);
      if (item?.class === 'event') out.push(`event:${item.eventType}`);
      else if (item) out.push(`${item.trigger}:${item.source}`);
    }
    return out;
  }

  /** A morning offline: work start, an interval capture, a peeking incident, another capture, work end. */
  async function morning(mode: 'INTERVAL_AND_INCIDENT' | 'INCIDENT_ONLY' | 'VERDICT_ONLY') {
    const ctx = await setup();
    ctx.server.settings = { ...DEFAULT_SETTINGS, captureMode: mode };
    await ctx.signIn();
    ctx.server.online = false;
    const camera = () => new Uint8Array(fixtureJpeg('person-vlado.jpg'));
    const refused: string[] = [];
    const capture = () => ctx.handlers.reportCapture({ occurredAt: at, cameraJpeg: camera() }).catch((e: Error) => refused.push(e.name));
    await ctx.handlers.punch({ kind: 'WORK_START', occurredAt: at });
    await capture();
    await ctx.handlers.reportIncident({ kind: 'PEEKING', faceCount: 2, similarity: 0.8, occurredAt: at, ...(mode === 'VERDICT_ONLY' ? {} : { cameraJpeg: camera() }) });
    await capture();
    await ctx.handlers.punch({ kind: 'WORK_END', occurredAt: at });
    return { ...ctx, refused, items: await queued(ctx.queue) };
  }

  it('interval and incident: every image is queued, as today', async () => {
    const r = await morning('INTERVAL_AND_INCIDENT');
    expect(r.refused).toEqual([]);
    expect(r.items).toEqual([
      'event:punch', 'INTERVAL:camera', 'INTERVAL:screen', 'event:incident', 'INCIDENT:camera', 'INCIDENT:screen', 'INTERVAL:camera', 'INTERVAL:screen', 'event:punch',
    ]);
  });

  it('incident only: the interval captures are refused and only the incident’s images are queued', async () => {
    const r = await morning('INCIDENT_ONLY');
    expect(r.refused).toEqual(['BridgeRequestError', 'BridgeRequestError']);
    expect(r.items).toEqual(['event:punch', 'event:incident', 'INCIDENT:camera', 'INCIDENT:screen', 'event:punch']);
  });

  it('verdict only: no image is ever written, not even a camera still the renderer sends, and no screenshot is taken', async () => {
    let screenshots = 0;
    const ctx = await setup({ captureScreens: async () => { screenshots++; return [fixtureJpeg('background.jpg')]; } });
    ctx.server.settings = { ...DEFAULT_SETTINGS, captureMode: 'VERDICT_ONLY' };
    await ctx.signIn();
    ctx.server.online = false;
    await ctx.handlers.reportIncident({ kind: 'IMPERSONATION', faceCount: 1, similarity: 0.1, occurredAt: at, cameraJpeg: new Uint8Array(fixtureJpeg('person-tetiana.jpg')) });
    expect(await queued(ctx.queue)).toEqual(['event:incident']);
    expect(screenshots).toBe(0);
    const r = await morning('VERDICT_ONLY');
    expect(r.refused).toEqual(['BridgeRequestError', 'BridgeRequestError']);
    expect(r.items).toEqual(['event:punch', 'event:incident', 'event:punch']);
    // Back online, the incident goes out with its verdict data alone.
    r.server.online = true;
    await r.sync.syncNow();
    expect(r.server.images).toEqual([]);
    expect(r.server.events.find((e) => e.eventType === 'incident')?.data).toEqual({ kind: 'PEEKING', faceCount: 2, similarity: 0.8, occurredAt: at.toISOString() });
  });

  it('before the organisation’s settings arrive nothing is captured (fail closed)', async () => {
    const ctx = await setup();
    await ctx.signInOnly();
    ctx.server.online = false;
    await expect(ctx.handlers.reportCapture({ occurredAt: at, cameraJpeg: new Uint8Array(fixtureJpeg('person-vlado.jpg')) })).rejects.toThrow('VERDICT_ONLY');
    await ctx.handlers.reportIncident({ kind: 'PEEKING', faceCount: 2, occurredAt: at, cameraJpeg: new Uint8Array(fixtureJpeg('group-2.jpg')) });
    expect(await queued(ctx.queue)).toEqual(['event:incident']);
  });

  /** Every queued file's content, decrypted: the enrolment events' data and whether any image is left. */
  async function queuedFaces(queue: OfflineQueue) {
    const faces: Record<string, unknown>[] = [];
    let images = 0;
    for (const entry of queue.list()) {
      const item = await queue.read(entry.seq);
      if (item?.class === 'image') images++;
      else if (item?.eventType === 'face') faces.push(item.data);
    }
    return { faces, images };
  }

  it('verdict only: an enrolment queues the descriptors with their model and no photo, even one the renderer sent', async () => {
    const ctx = await setup();
    ctx.server.settings = { ...DEFAULT_SETTINGS, captureMode: 'VERDICT_ONLY' };
    await ctx.signIn();
    ctx.server.online = false;
    const jpeg = new Uint8Array(fixtureJpeg('person-vlado.jpg'));
    const sent = await ctx.handlers.enrolFace({ faces: [{ descriptor: descriptorOf(3) }, { jpeg, descriptor: descriptorOf(5) }] });
    expect(await queuedFaces(ctx.queue)).toEqual({
      faces: [{ descriptor: descriptorOf(3), model: 'dlib-resnet34-v1' }, { descriptor: descriptorOf(5), model: 'dlib-resnet34-v1' }],
      images: 0,
    });
    // No queued file holds the photo's bytes (the queue's files are encrypted: read back through it above).
    expect(await handlersDescriptors(ctx)).toEqual([descriptorOf(3), descriptorOf(5)]);
    ctx.server.online = true;
    await ctx.sync.syncNow();
    expect(ctx.server.events.filter((e) => e.eventType === 'face').map((e) => ({ id: e.clientId, photo: 'jpegBase64' in e.data }))).toEqual(sent.clientIds.map((id) => ({ id, photo: false })));
    expect(ctx.server.images).toEqual([]);
  });

  it('an enrolment queued with photos loses them when verdict-only arrives (same client ids); other modes keep them', async () => {
    const ctx = await setup();
    await ctx.signIn();
    ctx.server.online = false;
    const jpeg = new Uint8Array(fixtureJpeg('person-vlado.jpg'));
    const sent = await ctx.handlers.enrolFace({ faces: [{ jpeg, descriptor: descriptorOf(3) }] });
    // Outside verdict-only a photo is required.
    await expect(ctx.handlers.enrolFace({ faces: [{ descriptor: descriptorOf(4) }] })).rejects.toThrow('photos');
    expect((await queuedFaces(ctx.queue)).faces.map((f) => typeof f.jpegBase64)).toEqual(['string']);
    ctx.server.online = true;
    ctx.server.sendEvent = async () => Promise.reject(new Error('ECONNREFUSED'));
    ctx.server.settings = { ...DEFAULT_SETTINGS, captureMode: 'INCIDENT_ONLY' };
    await ctx.handlers.getSettings(undefined);
    expect((await queuedFaces(ctx.queue)).faces.map((f) => typeof f.jpegBase64)).toEqual(['string']);
    ctx.server.settings = { ...DEFAULT_SETTINGS, captureMode: 'VERDICT_ONLY' };
    await ctx.handlers.getSettings(undefined);
    expect(await queuedFaces(ctx.queue)).toEqual({ faces: [{ descriptor: descriptorOf(3), model: 'dlib-resnet34-v1' }], images: 0 });
    expect(ctx.queue.list().map((e) => e.clientId)).toEqual(sent.clientIds);
  });

  it('a consent is queued like a punch and delivered with its terms', async () => {
    const ctx = await setup();
    await ctx.signIn();
    ctx.server.online = false;
    const terms = { captureMode: 'VERDICT_ONLY', captureIntervalMin: null, screenshotMode: null, retentionDays: 90 } as const;
    expect(await ctx.handlers.recordConsent({ terms, occurredAt: at })).toMatchObject({ delivered: false });
    expect(await queued(ctx.queue)).toEqual(['event:consent']);
    ctx.server.online = true;
    await ctx.sync.syncNow();
    expect(ctx.server.events.map((e) => [e.eventType, e.data])).toEqual([['consent', { terms, occurredAt: at.toISOString() }]]);
  });

  it('images queued under a wider mode are deleted when a stricter one arrives, events kept', async () => {
    const r = await morning('INTERVAL_AND_INCIDENT');
    r.server.online = true;
    r.server.settings = { ...DEFAULT_SETTINGS, captureMode: 'INCIDENT_ONLY' };
    // The heartbeat answers; sending stays impossible so the queue can be read afterwards.
    r.server.sendImage = async () => Promise.reject(new Error('ECONNREFUSED'));
    r.server.sendEvent = async () => Promise.reject(new Error('ECONNREFUSED'));
    await r.handlers.getSettings(undefined);
    expect(await queued(r.queue)).toEqual(['event:punch', 'event:incident', 'INCIDENT:camera', 'INCIDENT:screen', 'event:punch']);
    r.server.settings = { ...DEFAULT_SETTINGS, captureMode: 'VERDICT_ONLY' };
    await r.handlers.getSettings(undefined);
    expect(await queued(r.queue)).toEqual(['event:punch', 'event:incident', 'event:punch']);
  });
});
