import type { Db } from '../client';

const NINE_AM = 9 * 60;
const SIX_PM = 18 * 60;

/** A Monday–Friday 9:00–18:00 pattern (1 h break) for every demo worker. */
export async function seedSchedules(db: Db, tenantId: string, workerIds: string[], validFrom: Date) {
  const rows = workerIds.flatMap((userId) =>
    [1, 2, 3, 4, 5].map((weekday) => ({ tenantId, userId, weekday, startMinute: NINE_AM, endMinute: SIX_PM, breakMinutes: 60, validFrom })),
  );
  await db.schedulePattern.createMany({ data: rows });
}
