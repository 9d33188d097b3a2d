import { Prisma, type Tx } from '@telework/db';
import { groupTreeMemberIds, visibleUserIds, type Viewer } from '../people/scope';

export type BoardState = 'OFF' | 'WORKING' | 'PRESENT' | 'AWAY' | 'INCIDENT';

// An incident keeps a worker shown as "incident" for this long, unless judged earlier.
export const INCIDENT_HIGHLIGHT_MS = 10 * 60_000;

function jstDayStart(now: Date): Date {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()) - 9 * 3_600_000);
}

interface Facts {
  workStartedAt: Date | null;
  presence: { state: 'PRESENT' | 'AWAY'; at: Date } | undefined;
  incident: { kind: string; at: Date } | undefined;
}

function stateOf(f: Facts): { state: BoardState; since: Date | null } {
  if (!f.workStartedAt) return { state: 'OFF', since: null };
  if (f.incident) return { state: 'INCIDENT', since: f.incident.at };
  if (f.presence) return { state: f.presence.state, since: f.presence.at };
  return { state: 'WORKING', since: f.workStartedAt };
}

/**
 * The live work status board: every active worker the viewer may see, with state, current task,
 * since when, last contact from the agent and today's incidents.
 */
export async function getStatusBoard(
  db: Tx,
  { tenantId, viewer, groupId, states }: { tenantId: string; viewer: Viewer; groupId?: string | null; states?: BoardState[] },
  now = new Date(),
) {
  const visible = await visibleUserIds(db, tenantId, viewer);
  const inGroup = groupId ? await groupTreeMemberIds(db, tenantId, groupId) : null;
  const ids = visible && inGroup ? visible.filter((id) => inGroup.includes(id)) : (visible ?? inGroup);
  const dayStart = jstDayStart(now);
  const highlightFrom = new Date(now.getTime() - INCIDENT_HIGHLIGHT_MS);
  const idFilter = ids ? Prisma.sql`AND u.id = ANY(${ids}::uuid[])` : Prisma.empty;

  // One statement: the open session carries its live state (kept by punches and agent events), so
  // each worker costs one index probe; devices and today's incidents are grouped once. Returned as a
  // single JSON text, because converting thousands of rows value by value costs more than the query.
  const result = await db.$queryRaw<{ rows: string }[]>`
    SELECT coalesce(json_agg(json_build_array(
        u.id, u.name, u."loginId", u.department, ws."startedAt", ws."currentTaskId", t.name, ws."currentTaskStartedAt",
        ws."lastPresence", ws."lastPresenceAt", CASE WHEN inc.open THEN ws."lastIncidentKind" END, CASE WHEN inc.open THEN ws."lastIncidentAt" END,
        dev.last, coalesce(today.n, 0)) ORDER BY u."loginId"), '[]')::text AS rows
    FROM users u
    LEFT JOIN work_sessions ws ON ws."tenantId" = u."tenantId" AND ws."openForUserId" = u.id
    LEFT JOIN tasks t ON t."tenantId" = u."tenantId" AND t.id = ws."currentTaskId"
    LEFT JOIN LATERAL (
      SELECT true AS open FROM incidents i
      WHERE ws."lastIncidentAt" >= ${highlightFrom} AND i."tenantId" = u."tenantId" AND i."userId" = u.id
        AND i."occurredAt" = ws."lastIncidentAt" AND i.status = 'OPEN'
      LIMIT 1) inc ON true
    LEFT JOIN (
      SELECT d."userId", max(d."lastSeenAt") AS last FROM agent_devices d
      WHERE d."tenantId" = ${tenantId}::uuid AND d."revokedAt" IS NULL GROUP BY d."userId") dev ON dev."userId" = u.id
    LEFT JOIN (
      SELECT i2."userId", count(*) AS n FROM incidents i2
      WHERE i2."tenantId" = ${tenantId}::uuid AND i2."occurredAt" >= ${dayStart} GROUP BY i2."userId") today ON today."userId" = u.id
    WHERE u."tenantId" = ${tenantId}::uuid AND u.role = 'WORKER' AND u."disabledAt" IS NULL ${idFilter}`;

  // json_build_array keeps timestamps as text without a zone; the columns hold UTC.
  const at = (v: string | null) => (v ? new Date(`${v}Z`) : null);
  type Row = [string, string, string, string | null, string | null, string | null, string | null, string | null, 'PRESENT' | 'AWAY' | null, string | null, string | null, string | null, string | null, number];
  const rows = JSON.parse(result[0]?.rows ?? '[]') as Row[];
  const workers = rows.map(([userId, name, loginId, department, started, taskId, taskName, taskStarted, presenceState, presenceAt, incidentKind, incidentAt, last, today]) => {
    const workStartedAt = at(started);
    const incidentTime = at(incidentAt);
    const presenceTime = at(presenceAt);
    // An incident counts toward the state only inside the current session.
    const incident = workStartedAt && incidentKind && incidentTime && incidentTime >= workStartedAt ? { kind: incidentKind, at: incidentTime } : undefined;
    const facts: Facts = { workStartedAt, presence: workStartedAt && presenceState && presenceTime ? { state: presenceState, at: presenceTime } : undefined, incident };
    const { state, since } = stateOf(facts);
    return {
      userId, name, loginId, department, state, since, workStartedAt,
      task: workStartedAt && taskId ? { id: taskId, name: taskName, startedAt: at(taskStarted) } : null,
      lastIncident: incident ?? null,
      lastContactAt: at(last),
      incidentsToday: today,
    };
  });
  const counts = { OFF: 0, WORKING: 0, PRESENT: 0, AWAY: 0, INCIDENT: 0 } satisfies Record<BoardState, number>;
  for (const w of workers) counts[w.state]++;
  return { workers: states?.length ? workers.filter((w) => states.includes(w.state)) : workers, counts, generatedAt: now };
}
