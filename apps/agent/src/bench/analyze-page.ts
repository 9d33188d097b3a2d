// Bench page (bundled by run-bench.ts): times the agent's own face analysis on each fixture photo in
// Chromium, exactly as the detection loop does for a camera frame (scaled to fit 640×480).
import { createBrowserFaceAnalyzer } from '@telework/face/browser';

export interface PhotoTiming {
  photo: string;
  faces: number;
  ms: number[];
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
    let faces = 0;
    for (let r = 0; r < repeats; r++) {
      t = performance.now();
      faces = (await analyzer.analyze(image)).faces.length;
      ms.push(performance.now() - t);
    }
    timings.push({ photo: photos[i] ?? '', faces, ms });
  }
  return { loadMs: analyzer.loadMs, firstMs, timings };
};
