import type { Tx } from '@telework/db';
import { toCsv } from './csv';

/**
 * Everything the database holds about one person of a tenant (db: tenant scope), table by table: the
 * CSV format of a disclosure request (第26条2項). The readable report and its JSON are disclosure.ts.
 * Images are left out here (the report carries thumbnails); secrets (password hash) are left out too.
 */
export async function collectSubjectData(db: Tx, tenantId: string, userId: string) {
  const where = { tenantId, userId };
  const user = await db.user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { id: true, loginId: true, name: true, nameKana: true, email: true, department: true, role: true, isRegisteredAdministrator: true, language: true, disabledAt: true, createdAt: true, updatedAt: true },
  });
  if (!user) return null;
  const [groupMemberships, workSessions, punches, punchCorrections, taskSessions, presenceEvents, incidents, schedules, schedulePatterns, devices, inquiries] = await Promise.all([
    db.groupMembership.findMany({ where, select: { groupId: true, kind: true } }),
    db.workSession.findMany({ where, orderBy: { startedAt: 'asc' } }),
    db.punch.findMany({ where }),
    db.punchCorrection.findMany({ where, orderBy: { createdAt: 'asc' } }),
    db.taskSession.findMany({ where, orderBy: { startedAt: 'asc' } }),
    db.presenceEvent.findMany({ where }),
    db.incident.findMany({ where, select: { id: true, kind: true, status: true, occurredAt: true, faceCount: true, similarity: true, captureMode: true } }),
    db.workSchedule.findMany({ where }),
    db.schedulePattern.findMany({ where }),
    db.agentDevice.findMany({ where, select: { id: true, name: true, createdAt: true, lastSeenAt: true, revokedAt: true } }),
    db.inquiry.findMany({ where: { tenantId, administratorId: userId }, select: { number: true, subject: true, status: true, receivedAt: true } }),
  ]);
  return { user, groupMemberships, workSessions, punches, punchCorrections, taskSessions, presenceEvents, incidents, schedules, schedulePatterns, devices, inquiries };
}

export type SubjectData = NonNullable<Awaited<ReturnType<typeof collectSubjectData>>>;

/** JSON for machines and a CSV (one section per table) for people. */
export function renderSubjectExport(data: SubjectData, format: 'json' | 'csv'): string {
  const plain = JSON.parse(JSON.stringify(data, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
  if (format === 'json') return JSON.stringify({ exportedTables: Object.keys(plain), ...plain }, null, 2);
  return Object.entries(plain)
    .map(([table, rows]) => `# ${table}\n${toCsv(Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [rows as Record<string, unknown>])}`)
    .join('\n');
}
