import type { DesktopCapturer, NativeImage } from 'electron';
import type { AgentSettings } from '../../shared/bridge';
import { planScreenshot, redactBitmap } from '../evidence/screenshot-policy';

/** JPEG keeps a 1920×1080 screen near the ~130 KB per image of the spec's sizing. */
const JPEG_QUALITY = 70;

/**
 * The primary screen as a JPEG under the administrator's screenshot mode, or null (no screen,
 * capture refused by the OS, or redaction areas that cannot be applied).
 */
export function screenCapturer(
  desktopCapturer: DesktopCapturer,
  nativeImage: { createFromBitmap(buffer: Buffer, options: { width: number; height: number }): NativeImage },
  currentSettings: () => Promise<AgentSettings>,
): () => Promise<Uint8Array | null> {
  return async () => {
    const plan = planScreenshot(await currentSettings());
    if (!plan.capture) return null;
    const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: plan.size });
    const thumbnail = sources[0]?.thumbnail;
    if (!thumbnail || thumbnail.isEmpty()) return null;
    if (plan.redact.length === 0) return thumbnail.toJPEG(JPEG_QUALITY);
    const size = thumbnail.getSize();
    const pixels = thumbnail.toBitmap();
    redactBitmap(pixels, size, plan.redact);
    return nativeImage.createFromBitmap(pixels, size).toJPEG(JPEG_QUALITY);
  };
}
