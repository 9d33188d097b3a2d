// `npm run bench`: what one presence check costs on this machine (WASM backend, one core).
// Frames are the fixture photos, decoded and fitted to 640×480 beforehand as webcam frames would be.
import { readFileSync } from 'node:fs';
import { fitWithin, type RgbImage } from './image/rgb-image';
import { decodeImage } from './node/decode-image';
import { loadNodeFaceAnalyzer } from './node/load-human';
import { A_SET, BACKGROUND, GROUPS, STRANGERS, VLADO, fixture } from './testing/fixtures';
import { DEFAULT_FULL_CHECK_EVERY } from './verdict/check-schedule';
import type { CheckDepth } from './verdict/types';

const CHECK_INTERVAL_S = 10;
const ROUNDS = 3;

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const names = [...VLADO, ...A_SET, ...STRANGERS, ...GROUPS, BACKGROUND];
const images = new Map<string, RgbImage>(names.map((n) => [n, fitWithin(decodeImage(readFileSync(fixture(n))))]));
const rssBefore = process.memoryUsage().rss;

const analyzer = await loadNodeFaceAnalyzer();
const rssLoaded = process.memoryUsage().rss;

const first = images.get('person-vlado.jpg');
if (!first) throw new Error('fixture missing');
let t = performance.now();
await analyzer.analyzeRgb(first);
const firstFrameMs = performance.now() - t;

const times: number[] = [];
const byFaces = new Map<string, number[]>();
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const name of names) {
    const image = images.get(name);
    if (!image) continue;
    t = performance.now();
    const frame = await analyzer.analyzeRgb(image);
    const took = performance.now() - t;
    times.push(took);
    const kind = frame.faces.length === 0 ? 'no face' : frame.faces.length === 1 ? 'one face' : 'several faces';
    byFaces.set(kind, [...(byFaces.get(kind) ?? []), took]);
  }
}
const cpu = process.cpuUsage(cpuStart);
const wallMs = performance.now() - wallStart;

// The one-face photos at both depths: a full check, and the light one (detector + mesh) the loop
// runs between full checks while the worker sits still.
const oneFace = [...VLADO, ...A_SET, ...STRANGERS].flatMap((n) => images.get(n) ?? []);
/** CPU milliseconds per analysis of the one-face photos at a depth, and the wall times. */
async function oneFaceCost(depth: CheckDepth): Promise<{ cpuMs: number; times: number[] }> {
  const list: number[] = [];
  const start = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    for (const image of oneFace) {
      t = performance.now();
      await analyzer.analyzeRgb(image, { depth });
      list.push(performance.now() - t);
    }
  }
  const used = process.cpuUsage(start);
  return { cpuMs: (used.user + used.system) / 1000 / list.length, times: list };
}
const fullOneFace = await oneFaceCost('full');
const lightOneFace = await oneFaceCost('light');
const rssPeak = process.memoryUsage().rss;

const sorted = [...times].sort((a, b) => a - b);
const cpuMsPerFrame = (cpu.user + cpu.system) / 1000 / times.length;

console.log(`face analysis bench (Human 3.3.6, WASM, models: ${analyzer.models.join(', ')})`);
console.log(`model load (backend init + models):  ${ms(analyzer.loadMs)}`);
console.log(`first frame (cold):                  ${ms(firstFrameMs)}`);
console.log(`frames analysed:                     ${times.length} (${names.length} fixtures × ${ROUNDS}, ≤640×480)`);
console.log(`per frame p50 / p95:                 ${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 95))}`);
for (const [kind, list] of byFaces) {
  const s = [...list].sort((a, b) => a - b);
  console.log(`  ${kind.padEnd(14)} p50:               ${ms(percentile(s, 50))} (${list.length} frames)`);
}
console.log(`CPU per frame (user+system):         ${ms(cpuMsPerFrame)} (wall ${ms(wallMs / times.length)})`);
const lightSorted = [...lightOneFace.times].sort((a, b) => a - b);
console.log(`one face, full check: CPU ${ms(fullOneFace.cpuMs)}; light check (detector + mesh): p50 / p95 ${ms(percentile(lightSorted, 50))} / ${ms(percentile(lightSorted, 95))}, CPU ${ms(lightOneFace.cpuMs)}`);
console.log(
  `CPU share, one-face full check every ${CHECK_INTERVAL_S} s: ${((fullOneFace.cpuMs / (CHECK_INTERVAL_S * 1000)) * 100).toFixed(2)} % of one core`,
);
// The detection loop's steady pattern (CheckSchedule): one full check, then FULL_EVERY - 1 light ones.
const steadyMs = (fullOneFace.cpuMs + (DEFAULT_FULL_CHECK_EVERY - 1) * lightOneFace.cpuMs) / DEFAULT_FULL_CHECK_EVERY;
console.log(
  `CPU share, steady worker (1 full + ${DEFAULT_FULL_CHECK_EVERY - 1} light per ${DEFAULT_FULL_CHECK_EVERY} checks): ${((steadyMs / (CHECK_INTERVAL_S * 1000)) * 100).toFixed(2)} % of one core`,
);
console.log(`RSS before load / after load / after frames: ${mb(rssBefore)} / ${mb(rssLoaded)} / ${mb(rssPeak)}`);
analyzer.dispose();
