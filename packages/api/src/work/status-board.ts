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

  // One statement: per worker, index look-ups (all keyed by tenantId first) for the open session, its
  // open task, the latest presence and open incident since the session began, today's incidents and
  // the last contact; returned as a single JSON text, because converting thousands of rows value by
  // value on the client costs more than the query itself.
  const result = await db.$queryRaw<{ rows: string }[]>`
    SELECT coalesce(json_agg(json_build_array(
        u.id, u.name, u."loginId", u.department, ws."startedAt", ts."taskId", t.name, ts."startedAt",
        pe.state, pe."occurredAt", inc.kind, inc."occurredAt", dev.last, coalesce(today.n, 0)) ORDER BY u."loginId"), '[]')::text AS rows
    FROM users u
    LEFT JOIN work_sessions ws ON ws."tenantId" = u."tenantId" AND ws."openForUserId" = u.id
    LEFT JOIN LATERAL (
      SELECT s."taskId", s."startedAt" FROM task_sessions s
      WHERE s."tenantId" = u."tenantId" AND s."workSessionId" = ws.id AND s."endedAt" IS NULL
      ORDER BY s."startedAt" DESC LIMIT 1) ts ON ws.id IS NOT NULL
    LEFT JOIN tasks t ON t."tenantId" = u."tenantId" AND t.id = ts."taskId"
    LEFT JOIN LATERAL (
      SELECT p.state, p."occurredAt" FROM presence_events p
      WHERE p."tenantId" = u."tenantId" AND p."userId" = u.id AND p."occurredAt" >= ws."startedAt"
      ORDER BY p."occurredAt" DESC LIMIT 1) pe ON ws.id IS NOT NULL
    LEFT JOIN LATERAL (
      SELECT i.kind, i."occurredAt" FROM incidents i
      WHERE i."tenantId" = u."tenantId" AND i."userId" = u.id AND i."occurredAt" >= GREATEST(ws."startedAt", ${highlightFrom}) AND i.status = 'OPEN'
      ORDER BY i."occurredAt" DESC LIMIT 1) inc ON ws.id IS NOT NULL
    LEFT JOIN LATERAL (
      SELECT max(d."lastSeenAt") AS last FROM agent_devices d
      WHERE d."tenantId" = u."tenantId" AND d."userId" = u.id AND d."revokedAt" IS NULL) dev ON true
    LEFT JOIN LATERAL (
      SELECT count(*) AS n FROM incidents i2
      WHERE i2."tenantId" = u."tenantId" AND i2."userId" = u.id AND i2."occurredAt" >= ${dayStart}) today ON true
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
