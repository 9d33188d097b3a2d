import { Prisma, type Tx } from '@telework/db';
import { toJstDate } from '../calendar';
import { groupTreeMemberIds, visibleUserIds, type Viewer } from '../people/scope';

export type BoardState = 'OFF' | 'WORKING' | 'PRESENT' | 'AWAY' | 'INCIDENT';

// An incident keeps a worker shown as "incident" for this long, unless judged earlier.
export const INCIDENT_HIGHLIGHT_MS = 10 * 60_000;

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

// The board leaves the database as one text value: rows separated by RS (U+001E), fields by US
// (U+001F), NULL as an empty field, timestamps as epoch milliseconds. For thousands of workers
// this is about twice as cheap to build as JSON, and far cheaper than row-by-row values; free
// text has the two separators removed so that it can never shift a field.
const RS = '\u001e';
const US = '\u001f';
const FIELDS = 14;
const text = (column: string) => Prisma.raw(`coalesce(translate(${column}, E'\\x1e\\x1f', ''), '')`);
const millis = (column: string) => Prisma.raw(`coalesce(((date_part('epoch', ${column}) * 1000)::bigint)::text, '')`);

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
  const today = toJstDate(now);
  const highlightFrom = new Date(now.getTime() - INCIDENT_HIGHLIGHT_MS);
  const idFilter = ids ? Prisma.sql`AND u.id = ANY(${ids}::uuid[])` : Prisma.empty;

  // One narrow live row per worker (kept by punches, agent events and contacts), joined to the
  // roster; only a worker whose last incident is recent probes the incidents for its status.
  const result = await db.$queryRaw<{ rows: string | null }[]>`
    SELECT string_agg(concat_ws(${US},
        u.id, ${text('u.name')}, u."loginId", ${text('u.department')}, ${millis('l."workStartedAt"')}, coalesce(l."currentTaskId"::text, ''),
        ${text('t.name')}, ${millis('l."currentTaskStartedAt"')}, coalesce(l."lastPresence"::text, ''), ${millis('l."lastPresenceAt"')},
        CASE WHEN inc.open THEN l."lastIncidentKind"::text ELSE '' END, CASE WHEN inc.open THEN ${millis('l."lastIncidentAt"')} ELSE '' END,
        ${millis('l."lastContactAt"')}, CASE WHEN l."incidentsDay" = ${today}::date THEN l."incidentsOnDay" ELSE 0 END), ${RS}) AS rows
    FROM users u
    LEFT JOIN worker_live_states l ON l."tenantId" = u."tenantId" AND l."userId" = u.id
    LEFT JOIN tasks t ON t."tenantId" = u."tenantId" AND t.id = l."currentTaskId"
    LEFT JOIN LATERAL (
      SELECT true AS open FROM incidents i
      WHERE l."lastIncidentAt" >= ${highlightFrom} AND i."tenantId" = u."tenantId" AND i."userId" = u.id
        AND i."occurredAt" = l."lastIncidentAt" AND i.status = 'OPEN'
      LIMIT 1) inc ON true
    WHERE u."tenantId" = ${tenantId}::uuid AND u.role = 'WORKER' AND u."disabledAt" IS NULL ${idFilter}`;

  const packed = result[0]?.rows ?? '';
  const at = (v: string) => (v === '' ? null : new Date(Number(v)));
  const orNull = (v: string) => (v === '' ? null : v);
  const presenceOf = (v: string): 'PRESENT' | 'AWAY' | null => (v === 'PRESENT' || v === 'AWAY' ? v : null);
  const workers = (packed === '' ? [] : packed.split(RS)).map((record) => {
    const f = record.split(US);
    if (f.length !== FIELDS) throw new Error(`status board: a row has ${f.length} fields, expected ${FIELDS}`);
    const [userId = '', name = '', loginId = '', department = '', started = '', taskId = '', taskName = '', taskStarted = '', presenceState = '', presenceAt = '', incidentKind = '', incidentAt = '', last = '', today = '0'] = f;
    const workStartedAt = at(started);
    const incidentTime = at(incidentAt);
    const presenceTime = at(presenceAt);
    // An incident counts toward the state only inside the current session.
    const incident = workStartedAt && incidentKind && incidentTime && incidentTime >= workStartedAt ? { kind: incidentKind, at: incidentTime } : undefined;
    const presenceKind = presenceOf(presenceState);
    const presence = workStartedAt && presenceKind && presenceTime ? { state: presenceKind, at: presenceTime } : undefined;
    const { state, since } = stateOf({ workStartedAt, presence, incident });
    return {
      userId, name, loginId, department: orNull(department), state, since, workStartedAt,
      task: workStartedAt && taskId ? { id: taskId, name: orNull(taskName), startedAt: at(taskStarted) } : null,
      lastIncident: incident ?? null,
      lastContactAt: at(last),
      incidentsToday: Number(today),
    };
  });
  // Sorted here, not in SQL: the aggregate then needs no sort of its own.
  workers.sort((a, b) => (a.loginId < b.loginId ? -1 : a.loginId > b.loginId ? 1 : 0));
  const counts = { OFF: 0, WORKING: 0, PRESENT: 0, AWAY: 0, INCIDENT: 0 } satisfies Record<BoardState, number>;
  for (const w of workers) counts[w.state]++;
  return { workers: states?.length ? workers.filter((w) => states.includes(w.state)) : workers, counts, generatedAt: now };
}
