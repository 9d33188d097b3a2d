// `npm run spoof` end to end on four photos: real Chromium screenshots, real ffmpeg degradations,
// the real analyzer with the antispoof and liveness models; the JSON line is checked against the
// re-captures it left behind (--keep).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../node/decode-image';
import { FACES_DIR, fixture } from '../testing/fixtures';
import type { SpoofMeasurement } from './cli';
import { CHROMIUM } from './recapture';

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LFW10 = path.resolve(FACES_DIR, '../faces-lfw10');
const PHOTOS = [fixture('person-vlado.jpg'), fixture('person-tetiana.jpg'), path.join(LFW10, 'Colin_Powell/Colin_Powell_0001.jpg'), path.join(LFW10, 'Tony_Blair/Tony_Blair_0001.jpg')];

let tmp = '';
let kept = '';
let result: SpoofMeasurement;
let output = '';

describe.skipIf(!existsSync(CHROMIUM))('npm run spoof on four photos', () => {
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'face-spoof-test-'));
    const folder = path.join(tmp, 'photos');
    await mkdir(folder);
    for (const [i, p] of PHOTOS.entries()) await copyFile(p, path.join(folder, `${i}-${path.basename(p)}`));
    kept = path.join(tmp, 'recaptures');
    const { stdout } = await run('npx', ['tsx', 'src/spoof/cli.ts', folder, '--keep', kept], { cwd: packageDir, maxBuffer: 16 * 1024 * 1024 });
    output = stdout;
    result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as SpoofMeasurement;
  }, 240_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('makes a screen and a print re-capture of every photo, as 640-wide webcam frames', async () => {
    const files = (await readdir(kept)).sort();
    const screens = files.filter((f) => f.startsWith('screen-recapture-'));
    const prints = files.filter((f) => f.startsWith('print-recapture-'));
    expect(screens).toHaveLength(4);
    expect(prints).toHaveLength(4);
    for (const f of [...screens, ...prints]) expect(decodeImage(await readFile(path.join(kept, f))).width).toBe(640);
  });

  it('finds the face in the photos and in most re-captures, and says the re-captures are synthetic', () => {
    expect(result.photos).toBe(4);
    expect(result.synthetic).toBe(true);
    expect(result.facesFound.bonaFide).toEqual({ found: 4, of: 4 });
    expect(result.facesFound.screen.found).toBeGreaterThanOrEqual(3);
    expect(result.facesFound.print.found).toBeGreaterThanOrEqual(3);
    expect(output).toContain('synthetic re-captures');
  });

  it('reports both models with score distributions and held-out APCER/BPCER consistent with the keep rule', () => {
    expect(result.models.map((m) => m.model)).toEqual(['antispoof', 'liveness']);
    for (const m of result.models) {
      expect(m.distributions.bonaFide.count).toBe(4);
      expect(m.distributions.screen.count).toBe(result.facesFound.screen.found);
      for (const d of Object.values(m.distributions)) {
        expect(d.min).toBeGreaterThanOrEqual(0);
        expect(d.max).toBeLessThanOrEqual(1);
        expect(d.min).toBeLessThanOrEqual(d.median);
      }
      for (const f of Object.values(m.attacks)) {
        expect(f.heldOut.apcer).toBeGreaterThanOrEqual(0);
        expect(f.heldOut.bpcer).toBeLessThanOrEqual(1);
        expect(f.separates).toBe(f.heldOut.apcer <= result.keepRule.maxApcer && f.heldOut.bpcer <= result.keepRule.maxBpcer);
      }
      // The threshold is chosen on the fit half to accept at most 10 % of its attacks.
      for (const f of Object.values(m.attacks)) expect(f.fit.apcer).toBeLessThanOrEqual(result.keepRule.maxApcer);
    }
  });
});
