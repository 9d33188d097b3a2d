import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';
import { managedGroupIds, type Viewer } from '../people/scope';
import { isoToDbDate } from './resolve-schedules';
import { assertWeekPattern, weekPatternOf, type WeekPattern } from './edit-schedules';
import type { IsoDate } from '../calendar';

// The standard weekly patterns (所定勤務パターン) of the company (groupId null) and of groups. A
// worker without a pattern of his own follows them (precedence in resolve-schedules.ts). The
// administrator sets the company's and every group's; a manager the groups he manages (sub-groups
// included), as the role table lets him act on those groups' workers only.

interface Actor extends Viewer {
  ip: string | null;
}

/** NOT_FOUND for a group the tenant does not have; FORBIDDEN for the company pattern or a group out of a manager's reach. */
async function assertScopeEditable(db: Tx, tenantId: string, actor: Viewer, groupId: string | null, write: boolean) {
  if (groupId !== null && !(await db.group.findFirst({ where: { tenantId, id: groupId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such group.');
  if (actor.role === 'ADMIN') return;
  if (actor.role !== 'MANAGER') throw new AppError('FORBIDDEN', 'Not allowed.');
  // Every manager may read the company pattern (his workers fall back on it); only admins change it.
  if (groupId === null) {
    if (write) throw new AppError('FORBIDDEN', 'Only an administrator sets the company pattern.');
    return;
  }
  if (!(await managedGroupIds(db, tenantId, actor.id)).includes(groupId)) throw new AppError('FORBIDDEN', 'Not a group you manage.');
}

/** The standard pattern in force on `on` (or the next one), as the form opens with; null when none. */
export async function getStandardPattern(db: Tx, { tenantId, viewer, groupId, on }: { tenantId: string; viewer: Viewer; groupId: string | null; on: IsoDate }): Promise<(WeekPattern & { validTo: IsoDate | null }) | null> {
  await assertScopeEditable(db, tenantId, viewer, groupId, false);
  const day = isoToDbDate(on);
  const select = { validFrom: true, validTo: true } as const;
  const current = await db.standardPattern.findFirst({ where: { tenantId, groupId, validFrom: { lte: day }, OR: [{ validTo: null }, { validTo: { gte: day } }] }, orderBy: { validFrom: 'desc' }, select });
  const chosen = current ?? (await db.standardPattern.findFirst({ where: { tenantId, groupId, validFrom: { gt: day } }, orderBy: { validFrom: 'asc' }, select }));
  if (!chosen) return null;
  const rows = await db.standardPattern.findMany({
    where: { tenantId, groupId, validFrom: chosen.validFrom },
    orderBy: { weekday: 'asc' },
    select: { weekday: true, startMinute: true, endMinute: true, breakMinutes: true, workOnHolidays: true },
  });
  return weekPatternOf(chosen, rows);
}

/**
 * Replaces the company's (groupId null) or a group's standard pattern from `validFrom` on; the
 * previous one ends the day before, so months already reported keep their plan. No days: the
 * scope has no pattern from then on (a group's workers then follow the company's).
 */
export async function setStandardPattern(db: Tx, { tenantId, actor, groupId, pattern }: { tenantId: string; actor: Actor; groupId: string | null; pattern: WeekPattern }) {
  await assertScopeEditable(db, tenantId, actor, groupId, true);
  assertWeekPattern(pattern);
  const from = isoToDbDate(pattern.validFrom);
  const dayBefore = new Date(from.getTime() - 86_400_000);
  await db.standardPattern.deleteMany({ where: { tenantId, groupId, validFrom: { gte: from } } });
  await db.standardPattern.updateMany({ where: { tenantId, groupId, validFrom: { lt: from }, OR: [{ validTo: null }, { validTo: { gte: from } }] }, data: { validTo: dayBefore } });
  if (pattern.days.length) {
    await db.standardPattern.createMany({ data: pattern.days.map((d) => ({ tenantId, groupId, ...d, workOnHolidays: pattern.workOnHolidays, validFrom: from })) });
  }
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER',
    actorId: actor.id,
    action: 'schedule.standard_pattern_set',
    targetType: groupId === null ? 'Tenant' : 'Group',
    targetId: groupId ?? tenantId,
    details: { scope: groupId === null ? 'company' : 'group', validFrom: pattern.validFrom, days: pattern.days.length, workOnHolidays: pattern.workOnHolidays },
    ip: actor.ip,
  });
  return { ok: true as const };
}
