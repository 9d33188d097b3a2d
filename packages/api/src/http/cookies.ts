// Cookie names and attributes shared by the HTTP handler and the auth procedures.
export const SESSION_COOKIE = 'tw_session';
export const CSRF_COOKIE = 'tw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!name || out.has(name)) continue;
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      // A malformed value is ignored rather than failing the whole request.
    }
  }
  return out;
}

interface CookieOptions {
  httpOnly: boolean;
  maxAgeSeconds: number;
  sameSite: 'Lax' | 'Strict';
}

export function serializeCookie(name: string, value: string, o: CookieOptions): string {
  // Secure always: browsers accept Secure cookies on http://localhost, and production is HTTPS only.
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${o.maxAgeSeconds}`, `SameSite=${o.sameSite}`, 'Secure'];
  if (o.httpOnly) parts.push('HttpOnly');
  return parts.join('; ');
}

/** Writes Set-Cookie headers on the response being built. */
export class CookieJar {
  constructor(private readonly resHeaders: Headers) {}

  setSession(token: string, expiresAt: Date, now = new Date()): void {
    const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
    this.resHeaders.append('Set-Cookie', serializeCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', maxAgeSeconds: maxAge }));
  }

  setCsrf(token: string): void {
    // Readable by the page (double-submit): it sends the value back in the x-csrf-token header.
    this.resHeaders.append('Set-Cookie', serializeCookie(CSRF_COOKIE, token, { httpOnly: false, sameSite: 'Strict', maxAgeSeconds: 60 * 60 * 24 * 30 }));
  }

  clearSession(): void {
    this.resHeaders.append('Set-Cookie', serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'Lax', maxAgeSeconds: 0 }));
  }
}
