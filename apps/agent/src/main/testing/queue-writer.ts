/**
 * Child process for the crash test: opens a queue and writes (or drains) in a loop until it is
 * killed, printing one line per acknowledged operation. stdout on a pipe is synchronous on Linux,
 * so a printed line means the operation had completed before the kill.
 */
import { OfflineQueue } from '../offline-queue/offline-queue';
import { uuidV7 } from '../offline-queue/uuid-v7';
import { derivedJpeg, derivedSize } from './jpeg-fixtures';

async function main() {
  const [dir, keyHex, maxImages, mode] = process.argv.slice(2);
  if (!dir || !keyHex || !maxImages || !mode) throw new Error('usage: queue-writer <dir> <key-hex> <max-images> <write|drain>');
  const key = Buffer.from(keyHex, 'hex');
  const queue = await OfflineQueue.open({ dir, keyProvider: { getKey: async () => key }, maxImages: Number(maxImages) });
  process.stdout.write(`R ${JSON.stringify(queue.recovery)}\n`);
  if (mode === 'drain') {
    await queue.drain(async (item) => {
      process.stdout.write(`S ${item.clientId}\n`);
      await new Promise((resolve) => setImmediate(resolve));
    });
    process.stdout.write('D\n');
    setInterval(() => undefined, 1000);
    return;
  }
  for (let n = 0; ; n++) {
    const event = await queue.enqueueEvent({ eventType: 'punch', data: { n }, clientId: uuidV7() });
    process.stdout.write(`A event ${event.seq} ${event.clientId}\n`);
    for (let k = 0; k < 2; k++) {
      const clientId = uuidV7();
      const image = await queue.enqueueImage({ eventClientId: event.clientId, source: 'camera', jpeg: derivedJpeg(clientId, derivedSize(clientId)), clientId });
      process.stdout.write(`A image ${image.seq} ${image.clientId}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
