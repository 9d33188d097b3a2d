import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';
import type { Viewer } from '../people/scope';
import { dbDateToIso, isoToDbDate } from './resolve-schedules';
import type { IsoDate } from '../calendar';

// 会社カレンダー: the company's own days off (年末年始, 創立記念日, …) on top of the national holidays,
// which come from bundled data. Administrators keep it; everyone in the tenant may read it. A
// pattern-planned day that falls on one is a day off (unless the pattern works on holidays); a
// schedule set for that very day still wins.

interface Actor extends Viewer {
  ip: string | null;
}

export interface CompanyDayOff {
  date: IsoDate;
  name: string;
}

export async function listCompanyDaysOff(db: Tx, { tenantId, from, to }: { tenantId: string; from: IsoDate; to: IsoDate }): Promise<CompanyDayOff[]> {
  const rows = await db.companyDayOff.findMany({ where: { tenantId, date: { gte: isoToDbDate(from), lte: isoToDbDate(to) } }, orderBy: { date: 'asc' }, select: { date: true, name: true } });
  return rows.map((r) => ({ date: dbDateToIso(r.date), name: r.name }));
}

/** Adds (or renames) company days off, one audit entry per day. */
export async function setCompanyDaysOff(db: Tx, { tenantId, actor, days }: { tenantId: string; actor: Actor; days: CompanyDayOff[] }) {
  if (new Set(days.map((d) => d.date)).size !== days.length) throw new AppError('VALIDATION', 'A date is listed twice.', { fieldErrors: { days: ['duplicate date'] } });
  for (const day of days) {
    const date = isoToDbDate(day.date);
    await db.companyDayOff.upsert({ where: { tenantId_date: { tenantId, date } }, create: { tenantId, date, name: day.name }, update: { name: day.name } });
    await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'calendar.day_off_set', targetType: 'Tenant', targetId: tenantId, details: { date: day.date, name: day.name }, ip: actor.ip });
  }
  return { ok: true as const, count: days.length };
}

export async function removeCompanyDayOff(db: Tx, { tenantId, actor, date }: { tenantId: string; actor: Actor; date: IsoDate }) {
  const removed = await db.companyDayOff.deleteMany({ where: { tenantId, date: isoToDbDate(date) } });
  if (removed.count === 0) throw new AppError('NOT_FOUND', 'No such company day off.');
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'calendar.day_off_removed', targetType: 'Tenant', targetId: tenantId, details: { date }, ip: actor.ip });
  return { ok: true as const };
}
