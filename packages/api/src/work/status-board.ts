import { Prisma, type Tx } from '@telework/db';
import { visibleUserIds, type Viewer } from '../people/scope';

export type BoardState = 'OFF' | 'WORKING' | 'PRESENT' | 'AWAY' | 'INCIDENT';

// An incident keeps a worker shown as "incident" for this long, unless judged earlier.
export const INCIDENT_HIGHLIGHT_MS = 10 * 60_000;

interface BoardRow {
  userId: string;
  name: string;
  loginId: string;
  department: string | null;
  workStartedAt: Date | null;
  taskId: string | null;
  taskName: string | null;
  taskStartedAt: Date | null;
  presence: 'PRESENT' | 'AWAY' | null;
  presenceAt: Date | null;
  incidentKind: 'PEEKING' | 'IMPERSONATION' | 'SPOOF' | null;
  incidentAt: Date | null;
  lastContactAt: Date | null;
  incidentsToday: number;
}

function jstDayStart(now: Date): Date {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()) - 9 * 3_600_000);
}

function stateOf(r: BoardRow): { state: BoardState; since: Date | null } {
  if (!r.workStartedAt) return { state: 'OFF', since: null };
  if (r.incidentAt) return { state: 'INCIDENT', since: r.incidentAt };
  if (r.presence) return { state: r.presence, since: r.presenceAt };
  return { state: 'WORKING', since: r.workStartedAt };
}

/**
 * The live work status board: every active worker the viewer may see, with state, current task,
 * since when, last contact from the agent and today's incidents. One query with lateral look-ups on
 * indexes that lead with tenantId, so it stays fast at thousands of workers.
 */
export async function getStatusBoard(
  db: Tx,
  { tenantId, viewer, groupId, states }: { tenantId: string; viewer: Viewer; groupId?: string | null; states?: BoardState[] },
  now = new Date(),
) {
  const visible = await visibleUserIds(db, tenantId, viewer);
  let inGroup: string[] | null = null;
  if (groupId) {
    const groups = await db.group.findMany({ where: { tenantId }, select: { id: true, parentId: true } });
    const wanted = new Set([groupId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const g of groups) {
        if (g.parentId && wanted.has(g.parentId) && !wanted.has(g.id)) {
          wanted.add(g.id);
          grew = true;
        }
      }
    }
    inGroup = (await db.groupMembership.findMany({ where: { tenantId, groupId: { in: [...wanted] }, kind: 'MEMBER' }, select: { userId: true } })).map((m) => m.userId);
  }
  const ids = visible && inGroup ? visible.filter((id) => inGroup.includes(id)) : (visible ?? inGroup);
  const idFilter = ids ? Prisma.sql`AND u.id = ANY(${ids}::uuid[])` : Prisma.empty;
  const highlightFrom = new Date(now.getTime() - INCIDENT_HIGHLIGHT_MS);

  const rows = await db.$queryRaw<BoardRow[]>`
    SELECT u.id AS "userId", u.name, u."loginId", u.department,
      ws."startedAt" AS "workStartedAt",
      ts."taskId", t.name AS "taskName", ts."startedAt" AS "taskStartedAt",
      pe.state::text AS presence, pe."occurredAt" AS "presenceAt",
      inc.kind::text AS "incidentKind", inc."occurredAt" AS "incidentAt",
      dev.last AS "lastContactAt",
      COALESCE(today.n, 0)::int AS "incidentsToday"
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
      WHERE i2."tenantId" = u."tenantId" AND i2."userId" = u.id AND i2."occurredAt" >= ${jstDayStart(now)}) today ON true
    WHERE u."tenantId" = ${tenantId}::uuid AND u.role = 'WORKER' AND u."disabledAt" IS NULL ${idFilter}
    ORDER BY u."loginId"`;

  const workers = rows.map((r) => {
    const { state, since } = stateOf(r);
    return {
      userId: r.userId, name: r.name, loginId: r.loginId, department: r.department, state, since,
      workStartedAt: r.workStartedAt,
      task: r.taskId ? { id: r.taskId, name: r.taskName, startedAt: r.taskStartedAt } : null,
      lastIncident: r.incidentKind ? { kind: r.incidentKind, at: r.incidentAt } : null,
      lastContactAt: r.lastContactAt, incidentsToday: r.incidentsToday,
    };
  });
  const counts = { OFF: 0, WORKING: 0, PRESENT: 0, AWAY: 0, INCIDENT: 0 } satisfies Record<BoardState, number>;
  for (const w of workers) counts[w.state]++;
  return { workers: states?.length ? workers.filter((w) => states.includes(w.state)) : workers, counts, generatedAt: now };
}
