import type { Db } from '@telework/db';
import { lookupDeviceByTokenHash } from '@telework/db';
import type { Principal } from './auth/principal';
import { resolveSession } from './auth/sessions';
import { hashToken } from './auth/tokens';
import { CSRF_COOKIE, CSRF_HEADER, CookieJar, SESSION_COOKIE, parseCookies } from './http/cookies';

export type AppName = 'console' | 'reseller';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** The body size the request declares: an upload refuses an oversized body before tRPC reads it. */
  contentLength: string | null;
}

export interface Context {
  db: Db;
  app: AppName;
  meta: RequestMeta;
  principal: Principal | null;
  /** What the request carried for CSRF checks; bearer-token (agent) requests are not cookie-driven. */
  csrf: { header: string | null; cookie: string | null; origin: string | null; viaBearer: boolean };
  cookies: CookieJar;
}

export interface CreateContextInput {
  db: Db;
  app: AppName;
  headers: Headers;
  resHeaders: Headers;
  ip: string | null;
}

/** Builds the per-request context: who is calling (session cookie or device token) and request facts. */
export async function createContext(input: CreateContextInput): Promise<Context> {
  const cookies = parseCookies(input.headers.get('cookie'));
  const auth = input.headers.get('authorization');
  const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;

  let principal: Principal | null = null;
  if (bearer) {
    const device = await lookupDeviceByTokenHash(input.db, hashToken(bearer));
    if (device && !device.revokedAt) {
      principal = { kind: 'device', deviceId: device.id, tenantId: device.tenantId, userId: device.userId };
    }
  } else {
    const token = cookies.get(SESSION_COOKIE);
    if (token) principal = await resolveSession(input.db, token);
  }

  return {
    db: input.db,
    app: input.app,
    meta: { ip: input.ip, userAgent: input.headers.get('user-agent'), contentLength: input.headers.get('content-length') },
    principal,
    csrf: { header: input.headers.get(CSRF_HEADER), cookie: cookies.get(CSRF_COOKIE) ?? null, origin: input.headers.get('origin'), viaBearer: bearer !== null },
    cookies: new CookieJar(input.resHeaders),
  };
}
