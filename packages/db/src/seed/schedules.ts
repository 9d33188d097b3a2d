import type { Db } from '../client';

const NINE_AM = 9 * 60;
const SIX_PM = 18 * 60;
const WEEKDAYS = [1, 2, 3, 4, 5];

/**
 * The company's standard pattern (Monday–Friday 9:00–18:00, 1 h break), which every worker without
 * one of his own follows, so a new demo user is planned from the start; the same pattern for every
 * demo worker as his own; and 年末年始 (12/29–1/3) of the last and this year in the company calendar.
 */
export async function seedSchedules(db: Db, tenantId: string, workerIds: string[], validFrom: Date) {
  await db.standardPattern.createMany({ data: WEEKDAYS.map((weekday) => ({ tenantId, groupId: null, weekday, startMinute: NINE_AM, endMinute: SIX_PM, breakMinutes: 60, validFrom })) });
  const rows = workerIds.flatMap((userId) => WEEKDAYS.map((weekday) => ({ tenantId, userId, weekday, startMinute: NINE_AM, endMinute: SIX_PM, breakMinutes: 60, validFrom })));
  await db.schedulePattern.createMany({ data: rows });
  const year = validFrom.getUTCFullYear();
  const yearEnd = (y: number) => ['12-29', '12-30', '12-31'].map((d) => `${y}-${d}`).concat(['01-01', '01-02', '01-03'].map((d) => `${y + 1}-${d}`));
  const days = [...new Set([...yearEnd(year - 1), ...yearEnd(year)])];
  await db.companyDayOff.createMany({ data: days.map((d) => ({ tenantId, date: new Date(`${d}T00:00:00Z`), name: '年末年始' })) });
}
