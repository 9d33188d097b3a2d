// Synthetic presentation attacks made from bona fide photos, for measuring the antispoof and
// liveness models (src/spoof/cli.ts). They imitate, in software, what a webcam sees when someone
// holds a screen or a print of the worker's photo in front of it; they are not physical
// re-captures, and a real phone or print may look different (README, "Spoof models").
//
// - screen: the photo shown full-screen (object-fit: contain on black) in headless Chromium and
//   screenshotted, then degraded as a camera filming a screen would see it: slight perspective, a
//   loss of resolution (scaled down and up), a moiré-like beat pattern of two gratings, the
//   screen's gamma and saturation, lens blur, sensor noise, JPEG.
// - print: the photo on a white paper margin, ink spread (blur), lower contrast and saturation,
//   paper grain, uneven light (vignette), slight perspective, JPEG twice (printer file, then camera).
//
// The parameters vary per photo from a seeded generator, so a run is repeatable.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';

const run = promisify(execFile);

export type AttackKind = 'screen' | 'print';
export const ATTACK_KINDS: readonly AttackKind[] = ['screen', 'print'];

export const CHROMIUM = '/usr/bin/chromium';
export const FFMPEG = 'ffmpeg';

/** The screen the photo is displayed on (a laptop panel). */
const SCREEN = { width: 1280, height: 720 } as const;

/** Mulberry32: a small seeded generator, so every run makes the same re-captures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();
const f = (n: number) => n.toFixed(4);

/** A slight perspective (the device not quite square to the camera), corners moved by ≤ `amount` of the side. */
function perspective(random: () => number, amount: number): string {
  const c = () => f(between(random, 0, amount));
  return `perspective=x0=W*${c()}:y0=H*${c()}:x1=W*(1-${c()}):y1=H*${c()}:x2=W*${c()}:y2=H*(1-${c()}):x3=W*(1-${c()}):y3=H*(1-${c()}):interpolation=linear`;
}

/** ffmpeg filter chain of a screen re-capture (input: the 1280×720 screenshot). */
export function screenFilter(seed: number): string {
  const random = seededRandom(seed);
  const down = Math.round(between(random, 360, 560));
  // Two gratings of close frequencies beat into broad bands (moiré), at a random angle.
  const angle = between(random, 0, Math.PI);
  const fx = f(Math.cos(angle) * between(random, 0.9, 1.3));
  const fy = f(Math.sin(angle) * between(random, 0.9, 1.3));
  const beat = f(between(random, 0.93, 0.99));
  const depth = f(between(random, 0.05, 0.12));
  const moire = (ch: string) => `clip(${ch}(X,Y)*(1+${depth}*sin(X*${fx}+Y*${fy})*sin((X*${fx}+Y*${fy})*${beat})),0,255)`;
  return [
    perspective(random, 0.04),
    `scale=${down}:-2:flags=bilinear`,
    `scale=1280:-2:flags=bicubic`,
    `geq=r='${moire('r')}':g='${moire('g')}':b='${moire('b')}'`,
    `eq=gamma=${f(between(random, 0.85, 1.25))}:contrast=${f(between(random, 1.0, 1.15))}:saturation=${f(between(random, 1.0, 1.25))}`,
    `gblur=sigma=${f(between(random, 0.6, 1.6))}`,
    `noise=alls=${Math.round(between(random, 5, 14))}:allf=u:all_seed=${seed}`,
    'scale=640:-2:flags=area',
  ].join(',');
}

/** ffmpeg filter chain of a print re-capture (input: the original photo). */
export function printFilter(seed: number): string {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const margin = f(between(random, 0.08, 0.2));
  return [
    'scale=640:-2:flags=area',
    // White paper around the print.
    `pad=iw*(1+2*${margin}):ih*(1+2*${margin}):iw*${margin}:ih*${margin}:color=0xf2efe8`,
    `gblur=sigma=${f(between(random, 0.5, 1.0))}`,
    `eq=contrast=${f(between(random, 0.6, 0.8))}:brightness=${f(between(random, 0.0, 0.06))}:saturation=${f(between(random, 0.6, 0.85))}:gamma=${f(between(random, 0.9, 1.15))}`,
    // Paper grain: noise softened into fibres.
    `noise=alls=${Math.round(between(random, 6, 12))}:allf=u:all_seed=${seed}`,
    `gblur=sigma=${f(between(random, 0.4, 0.8))}`,
    `vignette=angle=${f(between(random, 0.3, 0.6))}`,
    perspective(random, 0.05),
    'scale=640:-2:flags=area',
  ].join(',');
}

async function ffmpeg(input: string, output: string, filter: string, quality: number): Promise<void> {
  await run(FFMPEG, ['-v', 'error', '-y', '-i', input, '-vf', filter, '-frames:v', '1', '-q:v', String(quality), output]);
}

/** Screenshots of each photo shown full-screen in headless Chromium (PNG files in `outDir`). */
export async function screenshots(browser: Browser, photos: readonly string[], outDir: string): Promise<string[]> {
  const page = await browser.newPage({ viewport: SCREEN });
  const out: string[] = [];
  try {
    for (const [i, photo] of photos.entries()) {
      const bytes = await readFile(photo);
      const type = /\.png$/i.test(photo) ? 'image/png' : 'image/jpeg';
      await page.setContent(
        `<!doctype html><body style="margin:0;background:#000"><img id="p" style="width:100vw;height:100vh;object-fit:contain;display:block" src="data:${type};base64,${bytes.toString('base64')}"></body>`,
      );
      await page.locator('#p').evaluate((img: HTMLImageElement) => img.decode());
      const file = path.join(outDir, `screen-${String(i).padStart(4, '0')}.png`);
      await writeFile(file, await page.screenshot({ type: 'png' }));
      out.push(file);
    }
  } finally {
    await page.close();
  }
  return out;
}

/** The screen re-capture of a screenshot, as a JPEG in `outDir`. */
export async function degradeScreen(screenshot: string, seed: number, outDir: string): Promise<string> {
  const file = path.join(outDir, `screen-recapture-${String(seed).padStart(4, '0')}.jpg`);
  await ffmpeg(screenshot, file, screenFilter(seed), 4);
  return file;
}

/** The print re-capture of a photo: printed from a JPEG at low quality, then filmed (JPEG again). */
export async function makePrint(photo: string, seed: number, outDir: string): Promise<string> {
  const printed = path.join(outDir, `print-file-${String(seed).padStart(4, '0')}.jpg`);
  await run(FFMPEG, ['-v', 'error', '-y', '-i', photo, '-frames:v', '1', '-q:v', '12', printed]);
  const file = path.join(outDir, `print-recapture-${String(seed).padStart(4, '0')}.jpg`);
  await ffmpeg(printed, file, printFilter(seed), 6);
  return file;
}
