import { isAppOrigin, isAppUrl, type TrustedPages } from './app-origin';

/**
 * The renderer needs exactly one permission: the camera (`media` with video only) for face checks, on
 * the app's own top-level page. Microphone, screen capture (done in main via desktopCapturer),
 * notifications, geolocation and the rest are refused.
 */
export function allowPermissionRequest(
  permission: string,
  details: { requestingUrl: string; isMainFrame: boolean; mediaTypes?: ('video' | 'audio')[] },
  pages: TrustedPages = {},
): boolean {
  if (permission !== 'media' || !details.isMainFrame || !isAppUrl(details.requestingUrl, pages)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

/** The synchronous check Chromium makes e.g. before listing camera labels; same rule. */
export function allowPermissionCheck(
  permission: string,
  requestingOrigin: string,
  details: { isMainFrame: boolean; mediaType?: 'video' | 'audio' | 'unknown'; requestingUrl?: string },
  pages: TrustedPages = {},
): boolean {
  if (permission !== 'media' || !isAppOrigin(requestingOrigin, pages)) return false;
  if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl, pages)) return false;
  return details.mediaType === undefined || details.mediaType === 'video';
}
