import type { Tx } from '@telework/db';
import { addDays, compareIsoDates, isJapaneseHoliday, weekdayOf, type IsoDate } from '../calendar';
import type { ScheduleInput } from '../analytics/rules';

/** A @db.Date column value (UTC midnight) as an ISO date. */
export function dbDateToIso(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}

export function isoToDbDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** ISO weekday 1 = Monday … 7 = Sunday, as SchedulePattern stores it. */
export function isoWeekday(date: IsoDate): number {
  const w = weekdayOf(date);
  return w === 0 ? 7 : w;
}

/**
 * The planned hours of each worker on each JST day of [from, to]: a day's own schedule row wins;
 * otherwise the weekly pattern valid that day applies, except on Japanese public holidays (known
 * from bundled data, never typed in) unless the pattern says the worker works on holidays.
 */
export async function resolveSchedules(db: Tx, { tenantId, userIds, from, to }: { tenantId: string; userIds: string[] | null; from: IsoDate; to: IsoDate }): Promise<ScheduleInput[]> {
  const userFilter = userIds ? { userId: { in: userIds } } : {};
  const [days, patterns] = await Promise.all([
    db.workSchedule.findMany({ where: { tenantId, ...userFilter, date: { gte: isoToDbDate(from), lte: isoToDbDate(to) } } }),
    db.schedulePattern.findMany({
      where: { tenantId, ...userFilter, validFrom: { lte: isoToDbDate(to) }, OR: [{ validTo: null }, { validTo: { gte: isoToDbDate(from) } }] },
      orderBy: { validFrom: 'desc' },
    }),
  ]);
  const explicit = new Map(days.map((d) => [`${d.userId}|${dbDateToIso(d.date)}`, d]));
  const out: ScheduleInput[] = [];
  const workers = new Set([...days.map((d) => d.userId), ...patterns.map((p) => p.userId)]);
  for (const workerId of workers) {
    const mine = patterns.filter((p) => p.userId === workerId);
    for (let date = from; compareIsoDates(date, to) <= 0; date = addDays(date, 1)) {
      const day = explicit.get(`${workerId}|${date}`);
      if (day) {
        out.push({ workerId, date, startMinute: day.startMinute, endMinute: day.endMinute, breakMinutes: day.breakMinutes, isDayOff: day.isDayOff });
        continue;
      }
      const weekday = isoWeekday(date);
      // Patterns are newest first: the latest one that has started and not ended covers the day.
      const pattern = mine.find((p) => p.weekday === weekday && compareIsoDates(dbDateToIso(p.validFrom), date) <= 0 && (!p.validTo || compareIsoDates(dbDateToIso(p.validTo), date) >= 0));
      if (!pattern) continue;
      const holidayOff = isJapaneseHoliday(date) && !pattern.workOnHolidays;
      out.push({ workerId, date, startMinute: pattern.startMinute, endMinute: pattern.endMinute, breakMinutes: pattern.breakMinutes, isDayOff: holidayOff });
    }
  }
  return out;
}
