import { z } from 'zod';
import type { AgentSettings } from '../../contract/bridge';

/**
 * Areas of the screen an administrator wants hidden in evidence, as fractions of the screen (0–1) so
 * they fit any resolution. This is the shape the agent expects in the tenant's `redactionAreas`.
 */
export const redactionAreasSchema = z
  .array(z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), width: z.number().gt(0).max(1), height: z.number().gt(0).max(1) }))
  .max(32);
export type RedactionArea = z.infer<typeof redactionAreasSchema>[number];

export interface Size {
  width: number;
  height: number;
}

/** 仕様書: screenshots up to 1920×1080; REDUCED halves that, so text is hard to read but activity is visible. */
export function captureSize(mode: AgentSettings['screenshotMode']): Size {
  return mode === 'REDUCED' ? { width: 960, height: 540 } : { width: 1920, height: 1080 };
}

export type ScreenshotPlan = { capture: false } | { capture: true; size: Size; redact: RedactionArea[] };

/**
 * What to capture under the current settings. REDACTED with areas we cannot read fails closed: no
 * screenshot at all rather than one that may show what the administrator meant to hide.
 */
export function planScreenshot(settings: Pick<AgentSettings, 'screenshotMode' | 'redactionAreas'>): ScreenshotPlan {
  const size = captureSize(settings.screenshotMode);
  if (settings.screenshotMode !== 'REDACTED') return { capture: true, size, redact: [] };
  const areas = redactionAreasSchema.safeParse(settings.redactionAreas ?? []);
  return areas.success ? { capture: true, size, redact: areas.data } : { capture: false };
}

/**
 * Blackens the areas in a BGRA/RGBA bitmap in place (alpha kept opaque). Edges round outwards so a
 * fractional area never leaves a sliver of what it should cover.
 */
export function redactBitmap(bitmap: Uint8Array, size: Size, areas: readonly RedactionArea[]): void {
  if (bitmap.length !== size.width * size.height * 4) throw new RangeError('bitmap size does not match width × height × 4');
  for (const area of areas) {
    const left = Math.max(0, Math.floor(area.x * size.width));
    const top = Math.max(0, Math.floor(area.y * size.height));
    const right = Math.min(size.width, Math.ceil((area.x + area.width) * size.width));
    const bottom = Math.min(size.height, Math.ceil((area.y + area.height) * size.height));
    for (let row = top; row < bottom; row++) {
      const start = (row * size.width + left) * 4;
      for (let i = start; i < start + (right - left) * 4; i += 4) {
        bitmap[i] = 0;
        bitmap[i + 1] = 0;
        bitmap[i + 2] = 0;
        bitmap[i + 3] = 255;
      }
    }
  }
}

/** JPEG keeps a 1920×1080 screen near the ~130 KB per image of the spec's sizing. */
const JPEG_QUALITY = 70;

/** The part of Electron's NativeImage used here. */
export interface ScreenImage {
  isEmpty(): boolean;
  getSize(): Size;
  toBitmap(): Buffer;
  toJPEG(quality: number): Buffer;
}

/**
 * One JPEG per captured screen, in the capturer's order, with the areas blackened on each (they are
 * fractions of a screen, so they apply to every monitor alike). Empty thumbnails are skipped.
 */
export function screenshotsOf(
  screens: readonly ScreenImage[],
  redact: readonly RedactionArea[],
  nativeImage: { createFromBitmap(buffer: Buffer, options: Size): Pick<ScreenImage, 'toJPEG'> },
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const screen of screens) {
    if (screen.isEmpty()) continue;
    if (redact.length === 0) {
      out.push(screen.toJPEG(JPEG_QUALITY));
      continue;
    }
    const size = screen.getSize();
    const pixels = screen.toBitmap();
    redactBitmap(pixels, size, redact);
    out.push(nativeImage.createFromBitmap(pixels, size).toJPEG(JPEG_QUALITY));
  }
  return out;
}
