import type { Tx } from '@telework/db';
import { IN_SERVICE_STATUSES } from '../contracts/lifecycle';
import { AppError } from '../errors/app-error';

/** JST calendar date of an instant, as a UTC-midnight Date (how @db.Date columns come back). */
function jstDate(now: Date): Date {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()));
}

/** Seats the tenant's licences allow today: every licence of an active contract whose term covers today. */
export async function allowedSeats(db: Tx, tenantId: string, now = new Date()): Promise<number> {
  const today = jstDate(now);
  const r = await db.licence.aggregate({
    where: {
      tenantId,
      termStart: { lte: today },
      termEnd: { gte: today },
      contract: { status: { in: [...IN_SERVICE_STATUSES] } },
    },
    _sum: { seats: true },
  });
  return r._sum.seats ?? 0;
}

export async function activeWorkerCount(db: Tx, tenantId: string): Promise<number> {
  return db.user.count({ where: { tenantId, role: 'WORKER', disabledAt: null } });
}

export async function seatUsage(db: Tx, tenantId: string, now = new Date()) {
  const [allowed, used] = await Promise.all([allowedSeats(db, tenantId, now), activeWorkerCount(db, tenantId)]);
  return { allowed, used };
}

/**
 * Runs a change to users and refuses it (rolling the transaction back) when active workers would then
 * exceed the licensed seats. A per-tenant lock serialises concurrent changes so two admins cannot
 * each add the last free seat.
 */
export async function withinSeats<T>(db: Tx, tenantId: string, change: () => Promise<T>, now = new Date()): Promise<T> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`seats:${tenantId}`}, 0))`;
  const result = await change();
  const { allowed, used } = await seatUsage(db, tenantId, now);
  if (used > allowed) {
    throw new AppError('SEAT_LIMIT', `Active workers (${used}) would exceed the licensed seats (${allowed}).`, { reason: 'SEAT_LIMIT', allowed, used });
  }
  return result;
}
