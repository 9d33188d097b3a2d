import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The face photos (real JPEGs) in the repository's fixtures/ folder. */
const FACES = new URL('../../../../../fixtures/faces/', import.meta.url);

export function fixtureJpeg(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(name, FACES)));
}

/**
 * JPEG-framed bytes derived from an id, for tests that must re-derive an item's exact content from
 * its id alone (e.g. after killing the process that wrote it). The queue checks framing, not pixels.
 */
export function derivedJpeg(id: string, size: number): Buffer {
  const out = Buffer.alloc(Math.max(size, 8));
  let block = createHash('sha256').update(id).digest();
  for (let offset = 0; offset < out.length; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  out[0] = 0xff;
  out[1] = 0xd8;
  out[2] = 0xff;
  out[out.length - 2] = 0xff;
  out[out.length - 1] = 0xd9;
  return out;
}

/** A size that varies per id (200 B – 30 KB), so a killed writer leaves files of many lengths. */
export function derivedSize(id: string): number {
  return 200 + (parseInt(id.slice(-4), 16) % 30_000);
}
