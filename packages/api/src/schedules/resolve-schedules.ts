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

export type ScheduleSource = 'day' | 'user' | 'group' | 'company';

export interface ResolvedSchedule extends ScheduleInput {
  /** Where the plan comes from (precedence below). */
  source: ScheduleSource;
}

interface PatternRow {
  weekday: number;
  startMinute: number;
  endMinute: number;
  breakMinutes: number;
  workOnHolidays: boolean;
  validFrom: Date;
  validTo: Date | null;
}

/** One pattern set (the rows of one validFrom) with its validity. */
interface PatternSet {
  from: IsoDate;
  to: IsoDate | null;
  byWeekday: Map<number, PatternRow>;
}

function toSets(rows: readonly PatternRow[]): PatternSet[] {
  const sets = new Map<string, PatternSet>();
  for (const r of rows) {
    const from = dbDateToIso(r.validFrom);
    let set = sets.get(from);
    if (!set) {
      set = { from, to: r.validTo ? dbDateToIso(r.validTo) : null, byWeekday: new Map() };
      sets.set(from, set);
    }
    set.byWeekday.set(r.weekday, r);
  }
  // Newest first: the latest set that has started and not ended covers a day.
  return [...sets.values()].sort((a, b) => compareIsoDates(b.from, a.from));
}

function setOn(sets: readonly PatternSet[] | undefined, date: IsoDate): PatternSet | undefined {
  return sets?.find((s) => compareIsoDates(s.from, date) <= 0 && (s.to === null || compareIsoDates(s.to, date) >= 0));
}

/**
 * The planned hours of each worker on each JST day of [from, to]. Precedence (docs/attendance-rules.md,
 * "Schedules"), the first that applies wins:
 * 1. the day's own schedule row (set for that worker and date);
 * 2. the worker's own weekly pattern in force that day;
 * 3. his group's standard pattern: of the groups he is a member of, in name order, the first whose own
 *    pattern — or, failing that, its nearest enclosing group's — is in force that day;
 * 4. the company's standard pattern in force that day.
 * Steps 3 and 4 apply to workers only (role WORKER, not disabled): administrators and managers have a
 * plan only when one is set for them. A pattern in force whose weekday is not listed means no work
 * that day (no row). A pattern-planned day on a national holiday (bundled data) or a company day off
 * (会社カレンダー) is a day off, unless the pattern works on holidays.
 * `userIds` null: every user of the tenant.
 */
export async function resolveSchedules(db: Tx, { tenantId, userIds, from, to }: { tenantId: string; userIds: string[] | null; from: IsoDate; to: IsoDate }): Promise<ResolvedSchedule[]> {
  const userFilter = userIds ? { userId: { in: userIds } } : {};
  const inRange = { validFrom: { lte: isoToDbDate(to) }, OR: [{ validTo: null }, { validTo: { gte: isoToDbDate(from) } }] };
  const patternSelect = { weekday: true, startMinute: true, endMinute: true, breakMinutes: true, workOnHolidays: true, validFrom: true, validTo: true } as const;
  const [days, patterns, standards, workers, daysOff] = await Promise.all([
    db.workSchedule.findMany({ where: { tenantId, ...userFilter, date: { gte: isoToDbDate(from), lte: isoToDbDate(to) } } }),
    db.schedulePattern.findMany({ where: { tenantId, ...userFilter, ...inRange }, select: { ...patternSelect, userId: true } }),
    db.standardPattern.findMany({ where: { tenantId, ...inRange }, select: { ...patternSelect, groupId: true } }),
    db.user.findMany({ where: { tenantId, ...(userIds ? { id: { in: userIds } } : {}), role: 'WORKER', disabledAt: null }, select: { id: true } }),
    db.companyDayOff.findMany({ where: { tenantId, date: { gte: isoToDbDate(from), lte: isoToDbDate(to) } }, select: { date: true } }),
  ]);
  const companyOff = new Set(daysOff.map((d) => dbDateToIso(d.date)));
  const explicit = new Map(days.map((d) => [`${d.userId}|${dbDateToIso(d.date)}`, d]));

  const byUser = new Map<string, PatternRow[]>();
  for (const p of patterns) byUser.set(p.userId, [...(byUser.get(p.userId) ?? []), p]);
  const userSets = new Map([...byUser].map(([id, rows]) => [id, toSets(rows)]));

  const companySets = toSets(standards.filter((s) => s.groupId === null));
  const byGroup = new Map<string, PatternRow[]>();
  for (const s of standards) if (s.groupId !== null) byGroup.set(s.groupId, [...(byGroup.get(s.groupId) ?? []), s]);
  const groupSets = new Map([...byGroup].map(([id, rows]) => [id, toSets(rows)]));

  // Workers who may fall back on a group's or the company's pattern, with their groups' chains
  // (the group, then each enclosing group), groups in name order. Only loaded when such patterns exist.
  const fallback = new Set(workers.map((u) => u.id));
  const chains = new Map<string, string[][]>();
  if (groupSets.size > 0 && fallback.size > 0) {
    const [groups, memberships] = await Promise.all([
      db.group.findMany({ where: { tenantId }, select: { id: true, name: true, parentId: true }, orderBy: { name: 'asc' } }),
      db.groupMembership.findMany({ where: { tenantId, kind: 'MEMBER', ...(userIds ? { userId: { in: userIds } } : {}) }, select: { userId: true, groupId: true } }),
    ]);
    const parent = new Map(groups.map((g) => [g.id, g.parentId]));
    const order = new Map(groups.map((g, i) => [g.id, i]));
    const chainOf = (groupId: string) => {
      const chain: string[] = [];
      for (let g: string | null | undefined = groupId; g && !chain.includes(g); g = parent.get(g)) chain.push(g);
      return chain;
    };
    const sorted = [...memberships].sort((a, b) => (order.get(a.groupId) ?? 0) - (order.get(b.groupId) ?? 0));
    for (const m of sorted) if (fallback.has(m.userId)) chains.set(m.userId, [...(chains.get(m.userId) ?? []), chainOf(m.groupId)]);
  }
  const groupSetOn = (userId: string, date: IsoDate): PatternSet | undefined => {
    for (const chain of chains.get(userId) ?? []) {
      for (const groupId of chain) {
        const set = setOn(groupSets.get(groupId), date);
        if (set) return set;
      }
    }
    return undefined;
  };

  const out: ResolvedSchedule[] = [];
  const people = new Set([...days.map((d) => d.userId), ...byUser.keys(), ...(companySets.length > 0 || groupSets.size > 0 ? fallback : [])]);
  // The calendar of the range once, not per worker: re-deriving dates, weekdays and holidays for every
  // worker took a large share of a whole 5,000-worker tenant's month report (issue 16).
  const calendar: { date: IsoDate; weekday: number; holiday: boolean }[] = [];
  for (let date = from; compareIsoDates(date, to) <= 0; date = addDays(date, 1)) calendar.push({ date, weekday: isoWeekday(date), holiday: isJapaneseHoliday(date) || companyOff.has(date) });
  for (const workerId of people) {
    for (const { date, weekday, holiday } of calendar) {
      const day = explicit.get(`${workerId}|${date}`);
      if (day) {
        out.push({ workerId, date, startMinute: day.startMinute, endMinute: day.endMinute, breakMinutes: day.breakMinutes, isDayOff: day.isDayOff, source: 'day' });
        continue;
      }
      let source: ScheduleSource = 'user';
      let set = setOn(userSets.get(workerId), date);
      if (!set && fallback.has(workerId)) {
        source = 'group';
        set = groupSetOn(workerId, date);
        if (!set) {
          source = 'company';
          set = setOn(companySets, date);
        }
      }
      const pattern = set?.byWeekday.get(weekday);
      if (!pattern) continue;
      const holidayOff = holiday && !pattern.workOnHolidays;
      out.push({ workerId, date, startMinute: pattern.startMinute, endMinute: pattern.endMinute, breakMinutes: pattern.breakMinutes, isDayOff: holidayOff, source });
    }
  }
  return out;
}
