import type { App, CustomScheme, Protocol, Session } from 'electron';
import { APP_SCHEME, type TrustedPages } from '../security/app-origin';
import { appProtocolHandler } from '../security/app-protocol';
import { buildCsp, withCsp } from '../security/csp';
import { denyWindowOpen, navigationGuard } from '../security/navigation-guard';
import { allowPermissionCheck, allowPermissionRequest } from '../security/permission-policy';

/** Must be passed to protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
};

/**
 * Wires the tested policies into Electron (this file only adapts; the decisions live in ../security).
 * Call once, after `app.whenReady()`.
 */
export function installSecurity(deps: { app: App; session: Session; protocol: Protocol; rendererRoot: string; pages?: TrustedPages; onDenied?: (what: string, url: string) => void }) {
  const { app, session, protocol, rendererRoot, pages = {}, onDenied } = deps;
  const csp = buildCsp({ devServerOrigin: pages.devServerOrigin });
  const guard = navigationGuard(pages, (url) => onDenied?.('navigation', url));

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', guard);
    contents.on('will-frame-navigate', guard);
    contents.on('will-redirect', guard);
    // webviewTag is off in every window; this also stops a <webview> smuggled in some other way.
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(denyWindowOpen((url) => onDenied?.('window-open', url)));
  });

  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = allowPermissionRequest(permission, { requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined }, pages);
    if (!allowed) onDenied?.(`permission:${permission}`, details.requestingUrl);
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => allowPermissionCheck(permission, requestingOrigin, details, pages));
  // The dev server's responses get the same policy as the packaged protocol's.
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, csp) }));
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererRoot, csp));
}
