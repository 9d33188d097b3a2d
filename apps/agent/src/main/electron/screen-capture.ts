import type { DesktopCapturer } from 'electron';

/** 仕様書: screenshots up to 1920×1080; JPEG keeps one near the ~130 KB per image of the sizing. */
const MAX_SIZE = { width: 1920, height: 1080 };
const JPEG_QUALITY = 70;

/** The primary screen as a JPEG, or null (no screen, or capture refused by the OS). */
export function screenCapturer(desktopCapturer: DesktopCapturer): () => Promise<Uint8Array | null> {
  return async () => {
    const sources = await desktopCapturer.getSources({ types: ['screen'], thumbnailSize: MAX_SIZE });
    const primary = sources[0];
    if (!primary || primary.thumbnail.isEmpty()) return null;
    return primary.thumbnail.toJPEG(JPEG_QUALITY);
  };
}
