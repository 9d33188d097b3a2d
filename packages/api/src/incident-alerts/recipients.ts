import type { IncidentAlertMode, Language, Tx } from '@telework/db';

export interface AlertRecipient {
  id: string;
  name: string;
  email: string;
  language: Language;
  mode: IncidentAlertMode;
}

/**
 * Who hears of a worker's incident: the managers of the worker's groups; the administrators when none of
 * those managers can receive mail, or always when the tenant asks for it (Tenant.incidentAlertAdmins).
 * Only enabled console users with an address; never the worker himself. Each person chooses how
 * (IMMEDIATE, DAILY_DIGEST, OFF): the caller filters on `mode`.
 */
export async function alertRecipients(db: Tx, tenantId: string, workerId: string): Promise<AlertRecipient[]> {
  const groups = await db.groupMembership.findMany({ where: { tenantId, userId: workerId, kind: 'MEMBER' }, select: { groupId: true } });
  const managerIds = groups.length
    ? (await db.groupMembership.findMany({ where: { tenantId, groupId: { in: groups.map((g) => g.groupId) }, kind: 'MANAGER' }, select: { userId: true } })).map((m) => m.userId)
    : [];
  const select = { id: true, name: true, email: true, language: true, incidentAlertMode: true } as const;
  const reachable = { tenantId, disabledAt: null, email: { not: null }, id: { not: workerId } } as const;
  const managers = managerIds.length ? await db.user.findMany({ where: { ...reachable, id: { in: managerIds, not: workerId }, role: { in: ['MANAGER', 'ADMIN'] } }, select }) : [];
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { incidentAlertAdmins: true } });
  const admins = managers.length === 0 || tenant.incidentAlertAdmins ? await db.user.findMany({ where: { ...reachable, role: 'ADMIN' }, select }) : [];
  const byId = new Map<string, AlertRecipient>();
  for (const u of [...managers, ...admins]) {
    if (u.email) byId.set(u.id, { id: u.id, name: u.name, email: u.email, language: u.language, mode: u.incidentAlertMode });
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}
