import { isAppUrl, type TrustedPages } from './app-origin';

interface PreventableNavigation {
  url: string;
  preventDefault(): void;
}

export function isNavigationAllowed(url: string, pages: TrustedPages = {}): boolean {
  return isAppUrl(url, pages);
}

/**
 * For will-navigate, will-frame-navigate and will-redirect: the windows only ever show the app's own
 * pages. External links are denied too, not handed to the browser: the agent has no reason to open
 * them, and a compromised renderer could otherwise launch arbitrary URLs.
 */
export function navigationGuard(pages: TrustedPages = {}, onDenied?: (url: string) => void) {
  return (event: PreventableNavigation) => {
    if (isNavigationAllowed(event.url, pages)) return;
    event.preventDefault();
    onDenied?.(event.url);
  };
}

/** For setWindowOpenHandler: the agent never opens other windows from the renderer. */
export function denyWindowOpen(onDenied?: (url: string) => void) {
  return (details: { url: string }): { action: 'deny' } => {
    onDenied?.(details.url);
    return { action: 'deny' };
  };
}
