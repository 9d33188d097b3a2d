import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { BridgeDoubleConfig, RecordedCall } from './bridge-double';

export const CHROMIUM = '/usr/bin/chromium';
export const FIXTURES = join(import.meta.dirname, '../../../fixtures/faces');

/**
 * A fake webcam file from a fixture photo (fixtures README): 2 s at `fps` (10 by default), 640×480,
 * looped by Chromium. Chromium's file camera always delivers the file's own rate, whatever the page asks.
 */
export function fakeCamera(photo: string, dir: string, fps = 10): string {
  const out = join(dir, photo.replace(/\.jpg$/, `-${fps}fps.y4m`));
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', join(FIXTURES, photo), '-t', '2', '-r', String(fps), '-vf', 'scale=640:480,format=yuv420p', '-f', 'yuv4mpegpipe', out]);
  return out;
}

/**
 * A fake webcam showing several fixture photos side by side on one 640×480 frame (each fitted into
 * its share of the width, on grey), as several people in front of one webcam.
 */
export function composedCamera(photos: readonly string[], dir: string, fps = 10): string {
  // Names are relative to fixtures/faces ('../faces-lfw10/<person>/<photo>.jpg' for the labelled set).
  const out = join(dir, `${photos.map((p) => basename(p, '.jpg')).join('+')}-${fps}fps.y4m`);
  const w = Math.floor(640 / photos.length);
  const fit = photos.map((_, i) => `[${i}:v]scale=${w}:480:force_original_aspect_ratio=decrease,pad=${w}:480:(ow-iw)/2:(oh-ih)/2:color=gray[p${i}]`);
  const stack = `${photos.map((_, i) => `[p${i}]`).join('')}hstack=inputs=${photos.length},pad=640:480:(ow-iw)/2:0:color=gray,format=yuv420p[v]`;
  execFileSync('ffmpeg', [
    '-loglevel', 'error', '-y', ...photos.flatMap((p) => ['-loop', '1', '-i', join(FIXTURES, p)]),
    '-filter_complex', [...fit, stack].join(';'), '-map', '[v]', '-t', '2', '-r', String(fps), '-f', 'yuv4mpegpipe', out,
  ]);
  return out;
}

/** A fake webcam whose lens is covered: a black 640×480 picture (ffmpeg's colour source). */
export function coveredCamera(dir: string, fps = 10): string {
  const out = join(dir, `covered-${fps}fps.y4m`);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=black:s=640x480:r=${fps}`, '-t', '2', '-vf', 'format=yuv420p', '-f', 'yuv4mpegpipe', out]);
  return out;
}

export async function bridgeDoubleScript(): Promise<string> {
  const result = await build({ entryPoints: [join(import.meta.dirname, 'bridge-double.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome130', logLevel: 'warning' });
  const [file] = result.outputFiles;
  if (!file) throw new Error('bridge double did not build');
  return file.text;
}

/**
 * Chromium with a fake camera fed from `y4m`, or with no camera at all when it is null (this machine
 * has none); the profile folder persists between launches (like the app's own storage), so consent,
 * enrolment and punch state survive a relaunch.
 */
export async function launchAgent(opts: { origin: string; profile: string; y4m: string | null; config: BridgeDoubleConfig; doubleScript: string }): Promise<{ context: BrowserContext; page: Page }> {
  mkdirSync(opts.profile, { recursive: true });
  const context = await chromium.launchPersistentContext(opts.profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 800, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-ui-for-media-stream',
      ...(opts.y4m === null ? [] : ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${opts.y4m}`]),
    ],
  });
  // Under `npm run test:clock-ahead` this process (and the servers) run with a moved clock; the renderer
  // must read the same time, or what it reports would be a year away from the server's clock.
  if ('__telework_clock_shifted__' in globalThis) await context.clock.setSystemTime(new Date());
  await context.addInitScript(`window.__bridgeConfig = ${JSON.stringify(opts.config)};`);
  await context.addInitScript(opts.doubleScript);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(`${opts.origin}/`);
  return { context, page };
}

export function bridgeCalls(page: Page): Promise<RecordedCall[]> {
  return page.evaluate(() => window.__bridgeCalls);
}
