// `npm run bench`: what one presence check costs on this machine (WASM backend), for the product's
// analyzer now and for the one before issue 14 (Human's faceres descriptor, with the antispoof and
// liveness models the product ran then), both loaded in this one process and fed the same frames
// in turn, so machine load falls on both alike. Frames are the fixture photos, decoded and fitted
// to 640×480 beforehand as webcam frames would be. The last line is the figures as JSON.
import { readFileSync } from 'node:fs';
import { fitWithin, type RgbImage } from './image/rgb-image';
import { decodeImage } from './node/decode-image';
import { loadNodeFaceAnalyzer, type NodeFaceAnalyzer } from './node/load-human';
import { A_SET, BACKGROUND, GROUPS, STRANGERS, VLADO, fixture } from './testing/fixtures';
import { DEFAULT_FULL_CHECK_EVERY } from './verdict/check-schedule';
import type { CheckDepth } from './verdict/types';

/** The agent's default detection interval (apps/agent DEFAULT_SETTINGS.detectionIntervalSec). */
const CHECK_INTERVAL_S = 10;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const ROUNDS = arg('rounds', 5);

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}
const p50p95 = (values: readonly number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), mean: round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)) };
};
const round = (n: number) => Math.round(n * 10) / 10;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

const oneFaceNames = [...VLADO, ...A_SET, ...STRANGERS];
const names = [...oneFaceNames, ...GROUPS, BACKGROUND];
const images = new Map<string, RgbImage>(names.map((n) => [n, fitWithin(decodeImage(readFileSync(fixture(n))))]));
const rssBefore = process.memoryUsage().rss;

interface Model {
  name: string;
  analyzer: NodeFaceAnalyzer;
  cpu: Record<CheckDepth, number[]>;
  wall: Record<CheckDepth, number[]>;
  allFramesWall: number[];
}

const models: Model[] = [];
for (const [name, options] of [
  ['now (dlib ResNet-34)', {}],
  ['before (faceres + antispoof + liveness)', { descriptor: 'faceres', spoofModels: true }],
] as const) {
  const analyzer = await loadNodeFaceAnalyzer(options);
  models.push({ name, analyzer, cpu: { full: [], light: [] }, wall: { full: [], light: [] }, allFramesWall: [] });
}
const rssLoaded = process.memoryUsage().rss;

/** One analysis, timed: CPU of this process (all threads, user + system) and wall, in ms. */
async function timed(model: Model, image: RgbImage, depth: CheckDepth): Promise<{ cpuMs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await model.analyzer.analyzeRgb(image, { depth });
  const wallMs = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs };
}

// Cold first frame of each, not counted.
const firstFrame = images.get('person-vlado.jpg');
if (!firstFrame) throw new Error('fixture missing');
const firstMs = new Map<string, number>();
for (const m of models) firstMs.set(m.name, (await timed(m, firstFrame, 'full')).wallMs);

for (let r = 0; r < ROUNDS; r++) {
  // Alternate which model goes first, so neither always runs on a cache the other warmed.
  const order = r % 2 === 0 ? models : [...models].reverse();
  for (const name of oneFaceNames) {
    const image = images.get(name);
    if (!image) continue;
    for (const depth of ['full', 'light'] as const) {
      for (const m of order) {
        const { cpuMs, wallMs } = await timed(m, image, depth);
        m.cpu[depth].push(cpuMs);
        m.wall[depth].push(wallMs);
      }
    }
  }
  for (const name of [...GROUPS, BACKGROUND]) {
    const image = images.get(name);
    if (!image) continue;
    for (const m of order) m.allFramesWall.push((await timed(m, image, 'full')).wallMs);
  }
}
const rssPeak = process.memoryUsage().rss;

/** Share of one core at the default interval: every check full, and the steady pattern of CheckSchedule. */
function share(m: Model) {
  const full = p50p95(m.cpu.full).mean;
  const light = p50p95(m.cpu.light).mean;
  const steady = (full + (DEFAULT_FULL_CHECK_EVERY - 1) * light) / DEFAULT_FULL_CHECK_EVERY;
  const pct = (ms: number) => Math.round((ms / (CHECK_INTERVAL_S * 1000)) * 100 * 1000) / 1000;
  return { everyCheckFullPct: pct(full), steadyWorkerPct: pct(steady) };
}

const figures = models.map((m) => ({
  model: m.name,
  models: m.analyzer.models,
  loadMs: Math.round(m.analyzer.loadMs),
  firstFrameMs: Math.round(firstMs.get(m.name) ?? 0),
  oneFaceFullCpuMs: p50p95(m.cpu.full),
  oneFaceLightCpuMs: p50p95(m.cpu.light),
  oneFaceFullWallMs: p50p95(m.wall.full),
  groupsAndEmptyFullWallMs: p50p95(m.allFramesWall),
  coreShareAt10s: share(m),
}));
const [now, before] = figures;
if (!now || !before) throw new Error('two models expected');
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
const result = {
  intervalS: CHECK_INTERVAL_S,
  rounds: ROUNDS,
  oneFacePhotos: oneFaceNames.length,
  loadAverage: (await import('node:os')).loadavg().map((l) => Math.round(l * 100) / 100),
  figures,
  nowOverBefore: {
    fullCheckCpuP50: ratio(now.oneFaceFullCpuMs.p50, before.oneFaceFullCpuMs.p50),
    fullCheckCpuP95: ratio(now.oneFaceFullCpuMs.p95, before.oneFaceFullCpuMs.p95),
    steadyWorkerShare: ratio(now.coreShareAt10s.steadyWorkerPct, before.coreShareAt10s.steadyWorkerPct),
    everyCheckFullShare: ratio(now.coreShareAt10s.everyCheckFullPct, before.coreShareAt10s.everyCheckFullPct),
  },
};

console.log(`face analysis bench (Human 3.3.6, WASM), ${ROUNDS} rounds of ${oneFaceNames.length} one-face photos, both models in turn`);
for (const f of figures) {
  console.log(`${f.model}: models ${f.models.join(', ')}; load ${f.loadMs} ms, first frame ${f.firstFrameMs} ms`);
  console.log(`  one-face full check CPU p50 / p95 ${f.oneFaceFullCpuMs.p50} / ${f.oneFaceFullCpuMs.p95} ms (wall ${f.oneFaceFullWallMs.p50} / ${f.oneFaceFullWallMs.p95} ms)`);
  console.log(`  light check (detector + mesh) CPU p50 / p95 ${f.oneFaceLightCpuMs.p50} / ${f.oneFaceLightCpuMs.p95} ms; groups and empty scene, full: wall p50 ${f.groupsAndEmptyFullWallMs.p50} ms`);
  console.log(
    `  share of one core at ${CHECK_INTERVAL_S} s: every check full ${f.coreShareAt10s.everyCheckFullPct} %, steady worker (1 full + ${DEFAULT_FULL_CHECK_EVERY - 1} light per ${DEFAULT_FULL_CHECK_EVERY}) ${f.coreShareAt10s.steadyWorkerPct} %`,
  );
}
console.log(`now / before: full check CPU p50 ×${result.nowOverBefore.fullCheckCpuP50}, p95 ×${result.nowOverBefore.fullCheckCpuP95}; steady share ×${result.nowOverBefore.steadyWorkerShare}`);
console.log(`RSS before load / both loaded / after frames: ${mb(rssBefore)} / ${mb(rssLoaded)} / ${mb(rssPeak)}; load average ${result.loadAverage.join(' ')}`);
for (const m of models) m.analyzer.dispose();
console.log(JSON.stringify(result));
