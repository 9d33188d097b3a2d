// Bench page (bundled by run-bench.ts): the agent's own face analysis in Chromium, for the product's
// analyzer now and for the one before issue 14 (Human's faceres descriptor with the antispoof and
// liveness models it ran then), both loaded in this one page and fed the same photos in turn.
// 1. runFaceBench: each fixture photo scaled to fit 640×480 as the detection loop does for a camera
//    frame, at both depths of a check; the renderer's CPU around every check comes from run-bench.ts
//    (`benchCpuMs`, exposed to the page: all threads of the renderer processes).
// 2. runCheckLoop: the agent's camera code (renderer/camera.ts, preview hidden, track disabled between
//    checks) sampled at the detection interval with the steady worker's schedule (one full check,
//    then light ones), for one model; run-bench.ts measures every Chromium process meanwhile.
import { createBrowserFaceAnalyzer, DEFAULT_FULL_CHECK_EVERY, type BrowserFaceAnalyzer, type BrowserFaceAnalyzerOptions } from '@telework/face/browser';
import { openCamera } from '../renderer/camera';

export type BenchModel = 'now' | 'before';
export const BENCH_MODELS: readonly BenchModel[] = ['now', 'before'];

export interface CheckTiming {
  model: BenchModel;
  photo: string;
  faces: number;
  depth: 'full' | 'light';
  wallMs: number;
  cpuMs: number;
}

declare global {
  interface Window {
    benchCpuMs: () => Promise<number>;
    runFaceBench: (photos: string[], repeats: number) => Promise<{ loadMs: Record<BenchModel, number>; timings: CheckTiming[] }>;
    runCheckLoop: (model: BenchModel, seconds: number, intervalSec: number) => Promise<{ checks: number; full: number }>;
  }
}

async function loadImage(src: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = src;
  await img.decode();
  return img;
}

const base = { modelBasePath: new URL('models/', location.href).href, wasmPath: new URL('wasm/', location.href).href };
const OPTIONS: Record<BenchModel, BrowserFaceAnalyzerOptions> = { now: base, before: { ...base, descriptor: 'faceres', spoofModels: true } };
const analyzers = new Map<BenchModel, Promise<BrowserFaceAnalyzer>>();
const analyzer = (model: BenchModel) => {
  let a = analyzers.get(model);
  if (!a) {
    a = createBrowserFaceAnalyzer(OPTIONS[model]);
    analyzers.set(model, a);
  }
  return a;
};

window.runFaceBench = async (photos, repeats) => {
  const loaded = { now: await analyzer('now'), before: await analyzer('before') };
  const images = await Promise.all(photos.map((p) => loadImage(`photos/${p}`)));
  // Cold first frames, not counted.
  for (const model of BENCH_MODELS) for (const image of images) await loaded[model].analyze(image);
  const timings: CheckTiming[] = [];
  for (let r = 0; r < repeats; r++) {
    // Alternate which model goes first, so neither always runs on caches the other warmed.
    const order = r % 2 === 0 ? BENCH_MODELS : [...BENCH_MODELS].reverse();
    for (const [i, image] of images.entries()) {
      for (const depth of ['full', 'light'] as const) {
        for (const model of order) {
          const cpu = await window.benchCpuMs();
          const t = performance.now();
          const frame = await loaded[model].analyze(image, { depth });
          const wallMs = performance.now() - t;
          const cpuMs = (await window.benchCpuMs()) - cpu;
          timings.push({ model, photo: photos[i] ?? '', faces: frame.faces.length, depth, wallMs, cpuMs });
        }
      }
    }
  }
  return { loadMs: { now: loaded.now.loadMs, before: loaded.before.loadMs }, timings };
};

window.runCheckLoop = async (model, seconds, intervalSec) => {
  const a = await analyzer(model);
  const video = document.createElement('video');
  const camera = await openCamera(video, null);
  if (!('sample' in camera)) throw new Error(`no camera: ${camera.kind}`);
  await camera.setPreview(false);
  let checks = 0;
  let full = 0;
  const end = performance.now() + seconds * 1000;
  try {
    while (performance.now() < end) {
      const depth = checks % DEFAULT_FULL_CHECK_EVERY === 0 ? 'full' : 'light';
      await camera.sample((frame) => a.analyze(frame, { depth }));
      checks++;
      if (depth === 'full') full++;
      await new Promise((resolve) => setTimeout(resolve, intervalSec * 1000));
    }
  } finally {
    camera.close();
  }
  return { checks, full };
};
