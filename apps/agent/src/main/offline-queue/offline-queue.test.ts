import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivedJpeg, fixtureJpeg } from '../testing/jpeg-fixtures';
import { useTempDirs } from '../testing/temp-dir';
import { itemFileName, type QueueItem } from './item';
import type { KeyProvider } from './key-provider';
import { OfflineQueue, REJECTED_DIR, RejectedItemError } from './offline-queue';
import { QUARANTINE_DIR } from './recovery';
import { uuidV7 } from './uuid-v7';

const tempDir = useTempDirs();
const fixedKey = (key: Buffer = randomBytes(32)): KeyProvider => ({ getKey: async () => key });

async function setup(maxImages?: number) {
  const dir = await tempDir('queue-');
  const keys = fixedKey();
  const queue = await OfflineQueue.open({ dir, keyProvider: keys, maxImages });
  return { dir, keys, queue, reopen: () => OfflineQueue.open({ dir, keyProvider: keys, maxImages }) };
}

describe('OfflineQueue', () => {
  it('round-trips events and real JPEG evidence through encrypted files, across a reopen', async () => {
    const { dir, queue, reopen } = await setup();
    const photo = fixtureJpeg('person-vlado.jpg');
    const incident = await queue.enqueueEvent({ eventType: 'incident', data: { kind: 'PEEKING', faceCount: 2, occurredAt: '2026-11-28T01:00:00.000Z' } });
    const camera = await queue.enqueueImage({ eventClientId: incident.clientId, source: 'camera', jpeg: photo });
    await queue.close();

    // Encrypted at rest: the JPEG and the JSON never appear in clear on disk.
    const raw = await readFile(join(dir, itemFileName(camera.seq, 'image')));
    expect(raw.includes(photo.subarray(0, 64))).toBe(false);
    expect((await readFile(join(dir, itemFileName(incident.seq, 'event')))).includes(Buffer.from('PEEKING'))).toBe(false);

    const again = await reopen();
    expect(again.list()).toEqual([
      { seq: incident.seq, cls: 'event', clientId: incident.clientId },
      { seq: camera.seq, cls: 'image', clientId: camera.clientId },
    ]);
    const event = await again.read(incident.seq);
    expect(event).toMatchObject({ class: 'event', eventType: 'incident', data: { kind: 'PEEKING', faceCount: 2 } });
    const image = await again.read(camera.seq);
    expect(image?.class === 'image' && image.jpeg.equals(photo)).toBe(true);
    expect(image).toMatchObject({ source: 'camera', eventClientId: incident.clientId });
  });

  it('keeps the newest 500 of 600 images and every event', async () => {
    const { queue, reopen } = await setup();
    const photo = fixtureJpeg('stock-emotions-a-1.jpg');
    const images: string[] = [];
    const events: string[] = [];
    for (let i = 0; i < 600; i++) {
      if (i % 10 === 0) events.push((await queue.enqueueEvent({ eventType: 'presence', data: { state: 'AWAY', i } })).clientId);
      images.push((await queue.enqueueImage({ eventClientId: events.at(-1) ?? uuidV7(), source: i % 2 ? 'screen' : 'camera', jpeg: photo })).clientId);
    }
    const expectKept = (q: OfflineQueue) => {
      const listed = q.list();
      expect(q.counts()).toEqual({ events: 60, images: 500 });
      expect(listed.filter((e) => e.cls === 'image').map((e) => e.clientId)).toEqual(images.slice(100));
      expect(listed.filter((e) => e.cls === 'event').map((e) => e.clientId)).toEqual(events);
      expect(listed.map((e) => e.seq)).toEqual([...listed.map((e) => e.seq)].sort((a, b) => a - b));
    };
    expectKept(queue);
    await queue.close();
    expectKept(await reopen());
  });

  it('trims images past the cap at open (a crash between write and eviction)', async () => {
    const { dir, keys } = await setup();
    const big = await OfflineQueue.open({ dir, keyProvider: keys, maxImages: 10 });
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await big.enqueueImage({ eventClientId: uuidV7(), source: 'camera', jpeg: derivedJpeg(String(i), 500) })).clientId);
    await big.close();
    const small = await OfflineQueue.open({ dir, keyProvider: keys, maxImages: 7 });
    expect(small.recovery.evictedImages).toBe(3);
    expect(small.list().map((e) => e.clientId)).toEqual(ids.slice(3));
  });

  it('quarantines corrupted, truncated, renamed and foreign files, removes temp files, and keeps the rest', async () => {
    const { dir, queue, reopen } = await setup();
    const ids: { seq: number; clientId: string }[] = [];
    for (let i = 0; i < 8; i++) ids.push(await queue.enqueueEvent({ eventType: 'punch', data: { kind: 'WORK_START', i } }));
    await queue.close();
    const file = (n: number) => join(dir, itemFileName(ids[n]?.seq ?? -1, 'event'));

    const flipped = await readFile(file(1));
    flipped[flipped.length - 5] = (flipped[flipped.length - 5] ?? 0) ^ 0x01;
    await writeFile(file(1), flipped);
    await truncate(file(2), 20);
    await rename(file(3), join(dir, itemFileName(999, 'event'))); // moved out of its place in the order
    await writeFile(join(dir, itemFileName(1000, 'image')), Buffer.from('not an item at all'));
    await writeFile(join(dir, '.tmp-0000000000001001-e.twq-abc123'), Buffer.from('half a wri'));

    const again = await reopen();
    expect(again.recovery.removedTempFiles).toHaveLength(1);
    expect(again.recovery.quarantined.map((q) => q.name).sort()).toEqual(
      [itemFileName(ids[1]?.seq ?? -1, 'event'), itemFileName(ids[2]?.seq ?? -1, 'event'), itemFileName(999, 'event'), itemFileName(1000, 'image')].sort(),
    );
    expect(again.list().map((e) => e.clientId)).toEqual([0, 4, 5, 6, 7].map((n) => ids[n]?.clientId));
    expect(await readdir(join(dir, QUARANTINE_DIR))).toHaveLength(4);
    expect((await readdir(dir)).filter((n) => n.startsWith('.tmp-'))).toEqual([]);
    // The next sequence number continues after the highest surviving item.
    const next = await again.enqueueEvent({ eventType: 'punch', data: { kind: 'WORK_END' } });
    expect(next.seq).toBe((ids[7]?.seq ?? 0) + 1);
  });

  it('quarantines everything sealed with another key instead of failing to start', async () => {
    const { dir, queue } = await setup();
    await queue.enqueueEvent({ eventType: 'punch', data: { kind: 'WORK_START' } });
    await queue.close();
    const other = await OfflineQueue.open({ dir, keyProvider: fixedKey() });
    expect(other.list()).toEqual([]);
    expect(other.recovery.quarantined).toHaveLength(1);
  });

  it('quarantines an item corrupted after open when it is read, and the drain goes on', async () => {
    const { dir, queue } = await setup();
    const a = await queue.enqueueEvent({ eventType: 'punch', data: { n: 1 } });
    const b = await queue.enqueueEvent({ eventType: 'punch', data: { n: 2 } });
    await truncate(join(dir, itemFileName(a.seq, 'event')), 10);
    const sent: string[] = [];
    const result = await queue.drain(async (item) => void sent.push(item.clientId));
    expect(sent).toEqual([b.clientId]);
    expect(result).toEqual({ sent: 1, rejected: 0, remaining: 0 });
    expect(await readdir(join(dir, QUARANTINE_DIR))).toHaveLength(1);
  });

  it('drain stops at the first failure and a later drain resumes with nothing lost or duplicated', async () => {
    const { queue, reopen } = await setup();
    const queued: string[] = [];
    for (let i = 0; i < 10; i++) {
      const event = await queue.enqueueEvent({ eventType: 'presence', data: { i } });
      queued.push(event.clientId);
      if (i % 3 === 0) queued.push((await queue.enqueueImage({ eventClientId: event.clientId, source: 'screen', jpeg: derivedJpeg(event.clientId, 2000) })).clientId);
    }
    const delivered: string[] = [];
    let calls = 0;
    const first = await queue.drain(async (item) => {
      if (++calls === 6) throw new Error('offline again');
      delivered.push(item.clientId);
    });
    expect(first.sent).toBe(5);
    expect(first.remaining).toBe(queued.length - 5);
    expect(first.failed?.clientId).toBe(queued[5]);
    expect((first.failed?.error as Error).message).toBe('offline again');
    await queue.close();

    const again = await reopen();
    expect(again.list().map((e) => e.clientId)).toEqual(queued.slice(5));
    const items: QueueItem[] = [];
    const second = await again.drain(async (item) => {
      items.push(item);
      delivered.push(item.clientId);
    });
    expect(second).toEqual({ sent: queued.length - 5, rejected: 0, remaining: 0 });
    expect(delivered).toEqual(queued);
    const image = items.find((i) => i.class === 'image');
    expect(image?.class === 'image' && image.jpeg.equals(derivedJpeg(image.eventClientId, 2000))).toBe(true);
    expect(again.counts()).toEqual({ events: 0, images: 0 });
  });

  it('moves an item the server refused for good to rejected/ and goes on with the rest', async () => {
    const { dir, queue, reopen } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await queue.enqueueEvent({ eventType: 'punch', data: { i } })).clientId);
    const delivered: string[] = [];
    const result = await queue.drain(async (item) => {
      if (item.clientId === ids[1]) throw new RejectedItemError('BAD_REQUEST: occurredAt is not plausible');
      delivered.push(item.clientId);
    });
    expect(result).toEqual({ sent: 3, rejected: 1, remaining: 0 });
    expect(delivered).toEqual([ids[0], ids[2], ids[3]]);
    expect(await readdir(join(dir, REJECTED_DIR))).toHaveLength(1);
    await queue.close();
    // Kept for diagnosis, but never offered again.
    expect((await reopen()).list()).toEqual([]);
  });

  it('can send one class at a time, events first, keeping each class in order', async () => {
    const { queue } = await setup();
    const e1 = await queue.enqueueEvent({ eventType: 'incident', data: { n: 1 } });
    const i1 = await queue.enqueueImage({ eventClientId: e1.clientId, source: 'camera', jpeg: derivedJpeg('a', 300) });
    const e2 = await queue.enqueueEvent({ eventType: 'punch', data: { n: 2 } });
    const i2 = await queue.enqueueImage({ eventClientId: e1.clientId, source: 'screen', jpeg: derivedJpeg('b', 300) });
    const order: string[] = [];
    const send = async (item: QueueItem) => void order.push(item.clientId);
    expect(await queue.drain(send, { only: 'event' })).toEqual({ sent: 2, rejected: 0, remaining: 2 });
    expect(await queue.drain(send, { only: 'image' })).toEqual({ sent: 2, rejected: 0, remaining: 0 });
    expect(order).toEqual([e1.clientId, e2.clientId, i1.clientId, i2.clientId]);
  });

  it('discards queued images (sign-out) but keeps every event', async () => {
    const { queue, reopen } = await setup();
    const event = await queue.enqueueEvent({ eventType: 'incident', data: {} });
    for (let i = 0; i < 3; i++) await queue.enqueueImage({ eventClientId: event.clientId, source: 'camera', jpeg: derivedJpeg(String(i), 300) });
    expect(await queue.discardImages()).toBe(3);
    await queue.close();
    expect((await reopen()).list()).toEqual([{ seq: event.seq, cls: 'event', clientId: event.clientId }]);
  });

  it('sends items queued during a drain in the same pass, and refuses a second concurrent drain', async () => {
    const { queue } = await setup();
    await queue.enqueueEvent({ eventType: 'punch', data: { n: 0 } });
    const seen: unknown[] = [];
    let added = false;
    const result = await queue.drain(async (item) => {
      seen.push(item.class === 'event' ? item.data.n : null);
      if (!added) {
        added = true;
        await expect(queue.drain(async () => undefined)).rejects.toThrow('already running');
        await queue.enqueueEvent({ eventType: 'punch', data: { n: 1 } });
      }
    });
    expect(seen).toEqual([0, 1]);
    expect(result).toEqual({ sent: 2, rejected: 0, remaining: 0 });
  });

  it('rejects what is not a JPEG, bad ids and a wrong key size', async () => {
    const { dir, queue } = await setup();
    await expect(queue.enqueueImage({ eventClientId: uuidV7(), source: 'camera', jpeg: Buffer.from('GIF89a....') })).rejects.toThrow('not a JPEG');
    await expect(queue.enqueueEvent({ eventType: 'punch', data: {}, clientId: 'retry-1' })).rejects.toThrow();
    await expect(OfflineQueue.open({ dir, keyProvider: fixedKey(randomBytes(16)) })).rejects.toThrow('32 bytes');
    expect(queue.counts()).toEqual({ events: 0, images: 0 });
  });
});
