import type { IncidentAlertMode, Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';

export const INCIDENT_ALERT_MODES = ['IMMEDIATE', 'DAILY_DIGEST', 'OFF'] as const satisfies readonly IncidentAlertMode[];

interface Actor {
  id: string;
  role: 'ADMIN' | 'MANAGER' | 'WORKER';
  ip: string | null;
}

/** The caller's own alert choice and the tenant's rule for administrators (managers read it, admins change it). */
export async function getAlertSettings(db: Tx, { tenantId, actor }: { tenantId: string; actor: Actor }) {
  const user = await db.user.findUnique({ where: { tenantId_id: { tenantId, id: actor.id } }, select: { incidentAlertMode: true, email: true } });
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { incidentAlertAdmins: true } });
  if (!user || !tenant) throw new AppError('NOT_FOUND', 'No such user.');
  return { mode: user.incidentAlertMode, hasEmail: user.email !== null, adminsAlways: tenant.incidentAlertAdmins, mayChangeAdmins: actor.role === 'ADMIN' };
}

/** A manager or administrator chooses how he hears of incidents: every one at once, one mail a day, or not by mail. */
export async function setOwnAlertMode(db: Tx, { tenantId, actor, mode }: { tenantId: string; actor: Actor; mode: IncidentAlertMode }) {
  const before = await db.user.findUnique({ where: { tenantId_id: { tenantId, id: actor.id } }, select: { incidentAlertMode: true } });
  if (!before) throw new AppError('NOT_FOUND', 'No such user.');
  if (before.incidentAlertMode === mode) return { mode, changed: false };
  await db.user.update({ where: { tenantId_id: { tenantId, id: actor.id } }, data: { incidentAlertMode: mode }, select: { id: true } });
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER', actorId: actor.id, action: 'incident.alert_mode.updated', targetType: 'User', targetId: actor.id,
    details: { incidentAlertMode: { from: before.incidentAlertMode, to: mode } }, ip: actor.ip,
  });
  return { mode, changed: true };
}

/** Administrators decide whether they hear of every incident, or only of workers whose groups have no manager. */
export async function setAdminsAlways(db: Tx, { tenantId, actor, enabled }: { tenantId: string; actor: Actor; enabled: boolean }) {
  const before = await db.tenant.findUnique({ where: { id: tenantId }, select: { incidentAlertAdmins: true } });
  if (!before) throw new AppError('NOT_FOUND', 'No such organisation.');
  if (before.incidentAlertAdmins === enabled) return { adminsAlways: enabled, changed: false };
  await db.tenant.update({ where: { id: tenantId }, data: { incidentAlertAdmins: enabled }, select: { id: true } });
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER', actorId: actor.id, action: 'incident.alert_admins.updated', targetType: 'Tenant', targetId: tenantId,
    details: { incidentAlertAdmins: { from: before.incidentAlertAdmins, to: enabled } }, ip: actor.ip,
  });
  return { adminsAlways: enabled, changed: true };
}
