import type { DesktopCapturer, NativeImage } from 'electron';
import type { AgentSettings } from '../../contract/bridge';
import { screenshotsOf, planScreenshot } from '../evidence/screenshot-policy';

/**
 * Every screen as a JPEG under the administrator's screenshot mode (none when the OS refuses the
 * capture or the redaction areas cannot be applied). desktopCapturer scales each thumbnail to fit
 * the plan's size, so none is larger than 1920×1080 (960×540 when REDUCED).
 */
export function screenCapturer(
  desktopCapturer: DesktopCapturer,
  nativeImage: { createFromBitmap(buffer: Buffer, options: { width: number; height: number }): NativeImage },
  currentSettings: () => Promise<AgentSettings>,
): () => Promise<Uint8Array[]> {
  return async () => {
    const plan = planScreenshot(await currentSettings());
    if (!plan.capture) return [];
    const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: plan.size });
    return screenshotsOf(sources.map((s) => s.thumbnail), plan.redact, nativeImage);
  };
}
