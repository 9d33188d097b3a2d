import type { Db } from '@telework/db';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';

// Login throttling, kept in PostgreSQL so that every app instance behind a load balancer shares it.
// A key is either an account ("acct:<app>:<identifier>") or a client address ("ip:<addr>").

export function accountKey(app: string, identifier: string): string {
  return `acct:${app}:${identifier.trim().toLowerCase()}`;
}

export function ipKey(ip: string | null): string | null {
  return ip ? `ip:${ip}` : null;
}

function lockedError(lockedUntil: Date): AppError {
  return new AppError('ACCOUNT_LOCKED', 'Too many failed sign-in attempts; try again later.', { lockedUntil });
}

/** Throws ACCOUNT_LOCKED when any of the keys is currently locked. */
export async function assertNotLocked(db: Db, keys: string[], now = new Date()): Promise<void> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: now } } });
  const until = rows.reduce<Date | null>((max, r) => (r.lockedUntil && (!max || r.lockedUntil > max) ? r.lockedUntil : max), null);
  if (until) throw lockedError(until);
}

/**
 * Counts one failure for the key inside a window of LOGIN_LOCK_MINUTES and locks the key for that
 * long once `max` failures are reached. Atomic in one statement, so concurrent attempts all count.
 */
export async function recordFailure(db: Db, key: string, max: number, now = new Date()): Promise<Date | null> {
  const windowStart = new Date(now.getTime() - apiEnv.LOGIN_LOCK_MINUTES * 60_000);
  const lockUntil = new Date(now.getTime() + apiEnv.LOGIN_LOCK_MINUTES * 60_000);
  const rows = await db.$queryRaw<{ lockedUntil: Date | null }[]>`
    INSERT INTO login_throttles (key, failures, "firstFailureAt", "lockedUntil", "updatedAt")
    VALUES (${key}, 1, ${now}, CASE WHEN 1 >= ${max} THEN ${lockUntil}::timestamp ELSE NULL END, ${now})
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN login_throttles."firstFailureAt" < ${windowStart} THEN 1 ELSE login_throttles.failures + 1 END,
      "firstFailureAt" = CASE WHEN login_throttles."firstFailureAt" < ${windowStart} THEN ${now} ELSE login_throttles."firstFailureAt" END,
      "lockedUntil" = CASE
        WHEN (CASE WHEN login_throttles."firstFailureAt" < ${windowStart} THEN 1 ELSE login_throttles.failures + 1 END) >= ${max}
        THEN ${lockUntil}::timestamp ELSE login_throttles."lockedUntil" END,
      "updatedAt" = ${now}
    RETURNING "lockedUntil"`;
  const lockedUntil = rows[0]?.lockedUntil ?? null;
  return lockedUntil && lockedUntil > now ? lockedUntil : null;
}

/** Records a failed attempt on the account and the address; throws ACCOUNT_LOCKED if that locked either. */
export async function registerFailedAttempt(db: Db, account: string, ip: string | null, now = new Date()): Promise<void> {
  const locks = [await recordFailure(db, account, apiEnv.LOGIN_MAX_FAILURES_PER_ACCOUNT, now)];
  const ipk = ipKey(ip);
  if (ipk) locks.push(await recordFailure(db, ipk, apiEnv.LOGIN_MAX_FAILURES_PER_IP, now));
  const until = locks.reduce<Date | null>((max, d) => (d && (!max || d > max) ? d : max), null);
  if (until) throw lockedError(until);
}

export async function clearAccountFailures(db: Db, account: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: account } });
}
