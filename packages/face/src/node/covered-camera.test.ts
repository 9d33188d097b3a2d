// A covered camera on real frames: a black frame and a flat grey one with sensor-like noise are
// "covered"; every fixture photo (the empty office included) is not.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RgbImage } from '../image/rgb-image';
import { FACES_DIR, fixture } from '../testing/fixtures';
import { COVERED_MAX_LUMA_SD, judgeFrame } from '../verdict/frame-verdict';
import { PresenceTracker } from '../verdict/presence-tracker';
import { loadNodeFaceAnalyzer, type NodeFaceAnalyzer } from './load-human';

let analyzer: NodeFaceAnalyzer | undefined;
beforeAll(async () => {
  analyzer = await loadNodeFaceAnalyzer();
}, 120_000);
afterAll(() => analyzer?.dispose());

/** A flat frame of one grey level with ± `noise` of deterministic pseudo-random noise per pixel. */
function flat(level: number, noise: number): RgbImage {
  const data = new Uint8Array(640 * 480 * 3);
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    data[i] = Math.max(0, Math.min(255, level + Math.round(((seed / 2147483648) * 2 - 1) * noise)));
  }
  return { width: 640, height: 480, data };
}

const enrolled = [Array.from({ length: 128 }, () => 0)];

describe('covered camera', () => {
  it('a black frame and a flat noisy grey one are covered; no fixture photo is', async () => {
    if (!analyzer) throw new Error('no analyzer');
    for (const image of [flat(0, 0), flat(20, 6), flat(128, 10)]) {
      const frame = await analyzer.analyzeRgb(image);
      expect(frame.luma?.sd).toBeLessThan(COVERED_MAX_LUMA_SD);
      expect(judgeFrame(frame, enrolled)).toEqual({ kind: 'no-face', faceCount: 0, covered: true });
    }
    const photos = [...readdirSync(FACES_DIR).filter((f) => f.endsWith('.jpg')).map((f) => fixture(f))];
    const lfw = path.resolve(FACES_DIR, '../faces-lfw10');
    for (const person of readdirSync(lfw, { withFileTypes: true }).filter((e) => e.isDirectory())) photos.push(path.join(lfw, person.name, `${person.name}_0001.jpg`));
    let lowest = Number.POSITIVE_INFINITY;
    for (const file of photos) {
      const frame = await analyzer.analyzeFile(file);
      lowest = Math.min(lowest, frame.luma?.sd ?? 0);
      expect(judgeFrame(frame, enrolled), file).not.toMatchObject({ covered: true });
    }
    // The least contrasted photo is still far from uniform (measured 2026-12-07: 35.6).
    expect(lowest).toBeGreaterThan(3 * COVERED_MAX_LUMA_SD);
  }, 120_000);

  it('M covered checks in a row: cameraCovered, and the worker is away', async () => {
    if (!analyzer) throw new Error('no analyzer');
    const tracker = new PresenceTracker({ awayAfterChecks: 3, impersonationAfterChecks: 2 });
    const covered = judgeFrame(await analyzer.analyzeRgb(flat(0, 2)), enrolled);
    const events = [covered, covered, covered].flatMap((v) => tracker.check(v));
    expect(events).toEqual([
      { type: 'cameraCovered', consecutiveChecks: 3 },
      { type: 'presenceChanged', from: 'unknown', to: 'away', consecutiveChecks: 3, bestSimilarity: null },
    ]);
  }, 60_000);
});
