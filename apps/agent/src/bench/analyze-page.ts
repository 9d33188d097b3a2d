// Bench page (bundled by run-bench.ts): times the agent's own face analysis on each fixture photo in
// Chromium, exactly as the detection loop does for a camera frame (scaled to fit 640×480), at both
// depths of a check.
import { createBrowserFaceAnalyzer } from '@telework/face/browser';

export interface PhotoTiming {
  photo: string;
  faces: number;
  /** Full checks (every model), then light checks (detector + mesh), `repeats` of each. */
  ms: number[];
  lightMs: number[];
}

declare global {
  interface Window {
    runFaceBench: (photos: string[], repeats: number) => Promise<{ loadMs: number; firstMs: number; timings: PhotoTiming[] }>;
  }
}

async function loadImage(src: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = src;
  await img.decode();
  return img;
}

window.runFaceBench = async (photos, repeats) => {
  const analyzer = await createBrowserFaceAnalyzer({ modelBasePath: new URL('models/', location.href).href, wasmPath: new URL('wasm/', location.href).href });
  const images = await Promise.all(photos.map((p) => loadImage(`photos/${p}`)));
  const [first] = images;
  if (!first) throw new Error('no photos');
  let t = performance.now();
  await analyzer.analyze(first);
  const firstMs = performance.now() - t;
  const timings: PhotoTiming[] = [];
  for (const [i, image] of images.entries()) {
    const ms: number[] = [];
    const lightMs: number[] = [];
    let faces = 0;
    for (let r = 0; r < repeats; r++) {
      t = performance.now();
      faces = (await analyzer.analyze(image)).faces.length;
      ms.push(performance.now() - t);
    }
    for (let r = 0; r < repeats; r++) {
      t = performance.now();
      await analyzer.analyze(image, { depth: 'light' });
      lightMs.push(performance.now() - t);
    }
    timings.push({ photo: photos[i] ?? '', faces, ms, lightMs });
  }
  return { loadMs: analyzer.loadMs, firstMs, timings };
};
