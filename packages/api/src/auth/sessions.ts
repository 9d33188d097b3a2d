import type { Db } from '@telework/db';
import { apiEnv } from '../env';
import { hashToken, newToken } from './tokens';
import type { SessionPrincipal } from './principal';

const MINUTE = 60_000;

export type NewSessionSubject =
  | { kind: 'operator'; operatorId: string }
  | { kind: 'resellerStaff'; resellerStaffId: string; resellerId: string }
  | { kind: 'user'; tenantId: string; userId: string };

export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const KIND_TO_DB = { operator: 'OPERATOR', resellerStaff: 'RESELLER_STAFF', user: 'USER' } as const;

export async function createSession(
  db: Db,
  subject: NewSessionSubject,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<IssuedSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + apiEnv.SESSION_TTL_HOURS * 60 * MINUTE);
  await db.authSession.create({
    data: {
      tokenHash: hashToken(token),
      csrfToken,
      kind: KIND_TO_DB[subject.kind],
      operatorId: subject.kind === 'operator' ? subject.operatorId : null,
      resellerStaffId: subject.kind === 'resellerStaff' ? subject.resellerStaffId : null,
      resellerId: subject.kind === 'resellerStaff' ? subject.resellerId : null,
      tenantId: subject.kind === 'user' ? subject.tenantId : null,
      userId: subject.kind === 'user' ? subject.userId : null,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      expiresAt,
      createdAt: now,
      lastSeenAt: now,
    },
  });
  return { token, csrfToken, expiresAt };
}

/** The principal behind a session cookie, or null when it is unknown, revoked, expired or idle too long. */
export async function resolveSession(db: Db, token: string, now = new Date()): Promise<SessionPrincipal | null> {
  const row = await db.authSession.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  if (row.lastSeenAt.getTime() < now.getTime() - apiEnv.SESSION_IDLE_MINUTES * MINUTE) return null;
  // Sliding idle timeout; written at most once a minute to keep reads cheap.
  if (now.getTime() - row.lastSeenAt.getTime() > MINUTE) {
    await db.authSession.update({ where: { id: row.id }, data: { lastSeenAt: now } });
  }
  const base = { sessionId: row.id, csrfToken: row.csrfToken };
  if (row.kind === 'OPERATOR' && row.operatorId) return { kind: 'operator', ...base, operatorId: row.operatorId };
  if (row.kind === 'RESELLER_STAFF' && row.resellerStaffId && row.resellerId) {
    return { kind: 'resellerStaff', ...base, resellerStaffId: row.resellerStaffId, resellerId: row.resellerId };
  }
  if (row.kind === 'USER' && row.tenantId && row.userId) {
    return { kind: 'user', ...base, tenantId: row.tenantId, userId: row.userId };
  }
  return null;
}

export async function revokeSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of a user (password reset, disabling, contract end). */
export async function revokeUserSessions(db: Db, tenantId: string, userId: string, now = new Date()): Promise<number> {
  const r = await db.authSession.updateMany({ where: { tenantId, userId, revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}
