import { lookupDeviceByTokenHash, type Db } from '@telework/db';
import { hashToken } from '../auth/tokens';
import { parseCookies, SESSION_COOKIE } from '../http/cookies';
import { refuseIfOutsideJapan } from './check-access';

/**
 * The tenant a request speaks for, read without side effects (no session refresh): the desktop
 * agent's device token or a console session cookie. Sign-in requests and provider sessions have none.
 */
export async function tenantOfRequest(db: Db, headers: Headers): Promise<string | null> {
  const auth = headers.get('authorization');
  if (auth?.startsWith('Bearer ')) return (await lookupDeviceByTokenHash(db, hashToken(auth.slice(7).trim())))?.tenantId ?? null;
  const token = parseCookies(headers.get('cookie')).get(SESSION_COOKIE);
  if (!token) return null;
  const row = await db.authSession.findUnique({ where: { tokenHash: hashToken(token) }, select: { tenantId: true } });
  return row?.tenantId ?? null;
}

/** Call before tRPC: null to go on, or the 403 response for a request from abroad or outside the tenant's allow-list. */
export async function guardRequest(db: Db, req: Request, ip: string | null): Promise<Response | null> {
  const tenantId = await tenantOfRequest(db, req.headers);
  return refuseIfOutsideJapan(db, { ip, tenantId, path: new URL(req.url).pathname });
}
