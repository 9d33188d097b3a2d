/**
 * Offline-queue throughput on this machine: enqueue (encrypt + fsync + rename per item), the startup
 * recovery scan at the 500-image cap, and drain with a no-op sender. Sizes follow the spec's sizing
 * (evidence images of about 130 KB; here a real 110 KB face photo).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OfflineQueue } from '../src/main/offline-queue/offline-queue';
import { fixtureJpeg } from '../src/main/testing/jpeg-fixtures';

const IMAGES = 500;
const EVENTS = 250;

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'queue-bench-'));
  const key = randomBytes(32);
  const keyProvider = { getKey: async () => key };
  const photo = fixtureJpeg('person-vlado.jpg');
  try {
    const queue = await OfflineQueue.open({ dir, keyProvider });
    let started = performance.now();
    for (let i = 0; i < EVENTS; i++) await queue.enqueueEvent({ eventType: 'presence', data: { state: 'AWAY', i } });
    const eventMs = performance.now() - started;
    started = performance.now();
    for (let i = 0; i < IMAGES; i++) await queue.enqueueImage({ eventClientId: queue.list()[0]?.clientId ?? '', source: 'camera', jpeg: photo });
    const imageMs = performance.now() - started;
    await queue.close();

    started = performance.now();
    const reopened = await OfflineQueue.open({ dir, keyProvider });
    const openMs = performance.now() - started;

    started = performance.now();
    let bytes = 0;
    const result = await reopened.drain(async (item) => void (bytes += item.class === 'image' ? item.jpeg.length : 0));
    const drainMs = performance.now() - started;

    const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000)}/s`;
    console.log(`enqueue events: ${EVENTS} in ${eventMs.toFixed(0)} ms (${rate(EVENTS, eventMs)})`);
    console.log(`enqueue images: ${IMAGES} × ${(photo.length / 1024).toFixed(0)} KB in ${imageMs.toFixed(0)} ms (${rate(IMAGES, imageMs)}, ${((IMAGES * photo.length) / 1048576 / (imageMs / 1000)).toFixed(1)} MB/s)`);
    console.log(`open + recovery scan of ${EVENTS + IMAGES} items: ${openMs.toFixed(0)} ms`);
    console.log(`drain (no-op sender): ${result.sent} items, ${(bytes / 1048576).toFixed(1)} MB in ${drainMs.toFixed(0)} ms (${rate(result.sent, drainMs)})`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
