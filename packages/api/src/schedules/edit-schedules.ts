import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';
import { assertUserVisible, type Viewer } from '../people/scope';
import { dbDateToIso, isoToDbDate } from './resolve-schedules';
import type { IsoDate } from '../calendar';

interface Actor extends Viewer {
  ip: string | null;
}

export interface DayPlan {
  startMinute: number;
  endMinute: number;
  breakMinutes: number;
  isDayOff: boolean;
  note?: string | null;
}

function assertPlan(p: { startMinute: number; endMinute: number; breakMinutes: number }) {
  // A shift starts within its day and may end on the next (夜勤: 22:00–07:00 is 1320–1860), at most 24 h.
  if (p.startMinute >= 1440) throw new AppError('VALIDATION', 'The start must be within the day.', { fieldErrors: { startMinute: ['must be before 24:00'] } });
  if (p.endMinute <= p.startMinute) throw new AppError('VALIDATION', 'The end must be after the start.', { fieldErrors: { endMinute: ['must be after the start'] } });
  if (p.endMinute > p.startMinute + 1440) throw new AppError('VALIDATION', 'A shift lasts at most 24 hours.', { fieldErrors: { endMinute: ['at most 24 h after the start'] } });
  if (p.breakMinutes > p.endMinute - p.startMinute) throw new AppError('VALIDATION', 'The break is longer than the day.', { fieldErrors: { breakMinutes: ['longer than the day'] } });
}

/** A weekly pattern's days are each a valid shift, one per weekday. */
export function assertWeekPattern(pattern: WeekPattern) {
  pattern.days.forEach(assertPlan);
  if (new Set(pattern.days.map((d) => d.weekday)).size !== pattern.days.length) throw new AppError('VALIDATION', 'A weekday is listed twice.', { fieldErrors: { days: ['duplicate weekday'] } });
}

async function assertWorker(db: Tx, tenantId: string, actor: Actor, userId: string) {
  await assertUserVisible(db, tenantId, actor, userId);
  const user = await db.user.findFirst({ where: { tenantId, id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
}

/** Sets (or with `plan: null` clears) one day's planned hours for a worker. */
export async function setDaySchedule(db: Tx, { tenantId, actor, userId, date, plan }: { tenantId: string; actor: Actor; userId: string; date: IsoDate; plan: DayPlan | null }) {
  await assertWorker(db, tenantId, actor, userId);
  const key = { tenantId_userId_date: { tenantId, userId, date: isoToDbDate(date) } };
  if (plan === null) {
    await db.workSchedule.deleteMany({ where: { tenantId, userId, date: isoToDbDate(date) } });
  } else {
    assertPlan(plan);
    await db.workSchedule.upsert({ where: key, create: { tenantId, userId, date: isoToDbDate(date), ...plan, note: plan.note ?? null }, update: { ...plan, note: plan.note ?? null } });
  }
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'schedule.day_set', targetType: 'User', targetId: userId, details: { date, cleared: plan === null }, ip: actor.ip });
  return { ok: true as const };
}

export interface WeekPattern {
  /** ISO weekday 1 = Monday … 7 = Sunday; days not listed are off. */
  days: { weekday: number; startMinute: number; endMinute: number; breakMinutes: number }[];
  workOnHolidays: boolean;
  validFrom: IsoDate;
}

/**
 * Replaces the weekly pattern of each of `userIds` from `validFrom` on; the previous pattern ends the
 * day before. No days: the workers have no pattern of their own from then on (they follow their
 * group's, else the company's). Set-wise, so that assigning to a whole group is a few statements.
 */
export async function replaceUserPatterns(db: Tx, tenantId: string, userIds: string[], pattern: WeekPattern) {
  assertWeekPattern(pattern);
  const from = isoToDbDate(pattern.validFrom);
  const dayBefore = new Date(from.getTime() - 86_400_000);
  await db.schedulePattern.deleteMany({ where: { tenantId, userId: { in: userIds }, validFrom: { gte: from } } });
  await db.schedulePattern.updateMany({ where: { tenantId, userId: { in: userIds }, validFrom: { lt: from }, OR: [{ validTo: null }, { validTo: { gte: from } }] }, data: { validTo: dayBefore } });
  if (pattern.days.length) {
    await db.schedulePattern.createMany({ data: userIds.flatMap((userId) => pattern.days.map((d) => ({ tenantId, userId, ...d, workOnHolidays: pattern.workOnHolidays, validFrom: from }))) });
  }
}

/** Replaces the worker's weekly pattern from `validFrom` on; the previous pattern ends the day before. */
export async function setWeeklyPattern(db: Tx, { tenantId, actor, userId, pattern }: { tenantId: string; actor: Actor; userId: string; pattern: WeekPattern }) {
  await assertWorker(db, tenantId, actor, userId);
  await replaceUserPatterns(db, tenantId, [userId], pattern);
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'schedule.pattern_set', targetType: 'User', targetId: userId, details: { validFrom: pattern.validFrom, days: pattern.days.length }, ip: actor.ip });
  return { ok: true as const };
}

/**
 * The weekly pattern in force on `on`, or else the next one that starts later; null when the
 * worker has none. This is what the pattern form opens with.
 */
export async function getWeeklyPattern(db: Tx, { tenantId, viewer, userId, on }: { tenantId: string; viewer: Viewer; userId: string; on: IsoDate }): Promise<(WeekPattern & { validTo: IsoDate | null }) | null> {
  await assertUserVisible(db, tenantId, viewer, userId);
  const day = isoToDbDate(on);
  const select = { validFrom: true, validTo: true } as const;
  const current = await db.schedulePattern.findFirst({ where: { tenantId, userId, validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] }, orderBy: { validFrom: 'desc' }, select });
  const chosen = current ?? (await db.schedulePattern.findFirst({ where: { tenantId, userId, validFrom: { gt: day } }, orderBy: { validFrom: 'asc' }, select }));
  if (!chosen) return null;
  const rows = await db.schedulePattern.findMany({
    where: { tenantId, userId, validFrom: chosen.validFrom },
    orderBy: { weekday: 'asc' },
    select: { weekday: true, startMinute: true, endMinute: true, breakMinutes: true, workOnHolidays: true },
  });
  return weekPatternOf(chosen, rows);
}

/** The rows of one pattern set (a worker's or a standard one, one row per weekday) as the form's pattern. */
export function weekPatternOf(
  set: { validFrom: Date; validTo: Date | null },
  rows: { weekday: number; startMinute: number; endMinute: number; breakMinutes: number; workOnHolidays: boolean }[],
): WeekPattern & { validTo: IsoDate | null } {
  return {
    validFrom: dbDateToIso(set.validFrom),
    validTo: set.validTo ? dbDateToIso(set.validTo) : null,
    workOnHolidays: rows.some((r) => r.workOnHolidays),
    days: rows.map(({ weekday, startMinute, endMinute, breakMinutes }) => ({ weekday, startMinute, endMinute, breakMinutes })),
  };
}
