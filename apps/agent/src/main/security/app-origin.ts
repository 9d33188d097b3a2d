import { isAbsolute, join, relative, sep } from 'node:path';

/**
 * The renderer is served from a custom privileged scheme rather than file://, so that it has a real
 * origin ("app://agent") to pin CSP, permissions and IPC sender checks to.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'agent';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface TrustedPages {
  /** Only while developing: the Vite dev server, which must be on loopback. */
  devServerOrigin?: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function isAppOrigin(origin: string, pages: TrustedPages = {}): boolean {
  if (origin === APP_ORIGIN) return true;
  const dev = devOrigin(pages);
  return dev !== null && origin === dev;
}

/** True only for pages of the app itself; credentials or a port on the app scheme mean a forged URL. */
export function isAppUrl(value: string, pages: TrustedPages = {}): boolean {
  const url = parse(value);
  if (!url || url.username || url.password) return false;
  if (url.protocol === `${APP_SCHEME}:`) return url.hostname === APP_HOST && url.port === '';
  const dev = devOrigin(pages);
  return dev !== null && url.origin === dev;
}

function devOrigin(pages: TrustedPages): string | null {
  if (!pages.devServerOrigin) return null;
  const url = parse(pages.devServerOrigin);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`The dev server must be http on loopback, got ${pages.devServerOrigin}`);
  }
  return url.origin;
}

/**
 * Maps app://agent/<path> to a file inside the packaged renderer folder, or null. The URL parser has
 * already resolved "." and ".." segments; encoded separators are refused because the file system
 * would decode what the URL parser kept opaque.
 */
export function resolveAppAsset(rendererRoot: string, value: string): string | null {
  const url = parse(value);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port || url.username || url.password) return null;
  if (/%2f|%5c|%00/i.test(url.pathname) || url.pathname.includes('\\')) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  const relativePath = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  const file = join(rendererRoot, ...relativePath.split('/'));
  const inside = relative(rendererRoot, file);
  if (!inside || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}
