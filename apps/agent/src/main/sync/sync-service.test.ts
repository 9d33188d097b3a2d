import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventItem, ImageItem } from '../offline-queue/item';
import { OfflineQueue, RejectedItemError } from '../offline-queue/offline-queue';
import { derivedJpeg } from '../testing/jpeg-fixtures';
import { useTempDirs } from '../testing/temp-dir';
import { DeviceSignedOutError, SyncService, type AgentServer } from './sync-service';

const tempDir = useTempDirs();

/** A server whose link can be cut: records what it accepted, like the API's idempotent inserts. */
class Server implements AgentServer {
  online = false;
  events: string[] = [];
  images: string[] = [];
  async sendEvent(item: EventItem) {
    if (!this.online) throw new Error('ECONNREFUSED');
    if (item.data.bad) throw new RejectedItemError('VALIDATION');
    if (!this.events.includes(item.clientId)) this.events.push(item.clientId);
  }
  async sendImage(item: ImageItem) {
    if (!this.online) throw new Error('ECONNREFUSED');
    this.images.push(item.clientId);
  }
}

async function setup() {
  const key = randomBytes(32);
  const queue = await OfflineQueue.open({ dir: await tempDir('sync-'), keyProvider: { getKey: async () => key } });
  return { queue, server: new Server() };
}

describe('SyncService', () => {
  it('keeps records while offline and sends them all, events first, once the server is back', async () => {
    const { queue, server } = await setup();
    const statuses: boolean[] = [];
    const sync = new SyncService(queue, server, { minRetryMs: 10, maxRetryMs: 40, onStatus: (s) => statuses.push(s.online) });
    const incident = await queue.enqueueEvent({ eventType: 'incident', data: { kind: 'PEEKING' } });
    const camera = await queue.enqueueImage({ eventClientId: incident.clientId, source: 'camera', jpeg: derivedJpeg('c', 900) });
    const punch = await queue.enqueueEvent({ eventType: 'punch', data: { kind: 'WORK_END' } });

    const offline = await sync.syncNow();
    expect(offline).toMatchObject({ online: false, queuedEvents: 2, queuedImages: 1, lastSyncAt: null });

    server.online = true;
    // The backoff timer retries on its own.
    await expect.poll(() => sync.status().online, { timeout: 2_000, interval: 10 }).toBe(true);
    expect(server.events).toEqual([incident.clientId, punch.clientId]);
    expect(server.images).toEqual([camera.clientId]);
    expect(sync.status()).toMatchObject({ queuedEvents: 0, queuedImages: 0 });
    expect(sync.status().lastSyncAt).not.toBeNull();
    expect(statuses[0]).toBe(false);
    expect(statuses.at(-1)).toBe(true);
    sync.stop();
  });

  it('does not send evidence while events are still failing', async () => {
    const { queue } = await setup();
    const event = await queue.enqueueEvent({ eventType: 'incident', data: {} });
    await queue.enqueueImage({ eventClientId: event.clientId, source: 'screen', jpeg: derivedJpeg('s', 900) });
    let imageCalls = 0;
    const flaky: AgentServer = { sendEvent: async () => Promise.reject(new Error('502')), sendImage: async () => void imageCalls++ };
    const sync = new SyncService(queue, flaky, { minRetryMs: 60_000 });
    const status = await sync.syncNow();
    expect(status.online).toBe(false);
    expect(imageCalls).toBe(0);
    sync.stop();
  });

  it('leaves images queued when the server has no evidence upload, and is still online', async () => {
    const { queue } = await setup();
    const sent: string[] = [];
    const eventsOnly: AgentServer = { sendEvent: async (item) => void sent.push(item.clientId) };
    const event = await queue.enqueueEvent({ eventType: 'incident', data: {} });
    await queue.enqueueImage({ eventClientId: event.clientId, source: 'camera', jpeg: derivedJpeg('x', 500) });
    expect(await new SyncService(queue, eventsOnly).syncNow()).toMatchObject({ online: true, queuedEvents: 0, queuedImages: 1 });
    expect(sent).toEqual([event.clientId]);
  });

  it('sets aside a record the server refuses for good and delivers the rest', async () => {
    const { queue, server } = await setup();
    server.online = true;
    const sync = new SyncService(queue, server);
    await queue.enqueueEvent({ eventType: 'punch', data: { bad: true } });
    const good = await queue.enqueueEvent({ eventType: 'punch', data: { kind: 'WORK_START' } });
    expect(await sync.syncNow()).toMatchObject({ online: true, queuedEvents: 0 });
    expect(server.events).toEqual([good.clientId]);
  });

  it('treats a local failure like a network one: reports offline and retries', async () => {
    const { queue, server } = await setup();
    server.online = true;
    await queue.enqueueEvent({ eventType: 'punch', data: {} });
    let started: (release: () => void) => void = () => undefined;
    const sending = new Promise<() => void>((resolve) => (started = resolve));
    const busy = queue.drain(() => new Promise<void>((resolve) => started(resolve)));
    const sync = new SyncService(queue, server, { minRetryMs: 10 });
    expect(await sync.syncNow()).toMatchObject({ online: false });
    (await sending)();
    await busy;
    await queue.enqueueEvent({ eventType: 'punch', data: { later: true } });
    await expect.poll(() => sync.status().online, { timeout: 2_000, interval: 10 }).toBe(true);
    expect(server.events).toHaveLength(1);
    sync.stop();
  });

  it('coalesces concurrent calls and picks up what was queued during a run', async () => {
    const { queue, server } = await setup();
    server.online = true;
    const sync = new SyncService(queue, server);
    await queue.enqueueEvent({ eventType: 'presence', data: { state: 'AWAY' } });
    const first = sync.syncNow();
    await queue.enqueueEvent({ eventType: 'presence', data: { state: 'PRESENT' } });
    const second = sync.syncNow();
    expect(second).toBe(first);
    expect(await first).toMatchObject({ online: true, queuedEvents: 0 });
    expect(server.events).toHaveLength(2);
  });

  it('stops on a refused device token: keeps everything, no retry loop, signed out until a sync succeeds', async () => {
    const { queue } = await setup();
    let refused = true;
    let calls = 0;
    const server: AgentServer = {
      sendEvent: async () => {
        calls++;
        if (refused) throw new DeviceSignedOutError('punch refused: UNAUTHORIZED');
      },
    };
    const sync = new SyncService(queue, server, { minRetryMs: 5 });
    await queue.enqueueEvent({ eventType: 'punch', data: {} });
    expect(await sync.syncNow()).toMatchObject({ online: false, signedOut: true, queuedEvents: 1 });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toBe(1);
    refused = false;
    expect(await sync.syncNow()).toMatchObject({ online: true, signedOut: false, queuedEvents: 0 });
    sync.stop();
  });
});
