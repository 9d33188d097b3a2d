import { Prisma, type Tx } from '@telework/db';
import { jstDayRange, toJstDate, type IsoDate } from '../calendar';
import { resolveSchedules } from '../schedules/resolve-schedules';
import type { PresenceEventInput, ScheduleInput, TaskIntervalInput, WorkSessionInput } from './rules';

/** What the work report feeds the attendance rules with, for a set of workers and JST days. */
export interface ReportInputs {
  /** Work sessions overlapping the range, approved punch corrections applied (see applyCorrections). */
  sessions: WorkSessionInput[];
  presence: PresenceEventInput[];
  tasks: TaskIntervalInput[];
  schedules: ScheduleInput[];
  /** Incidents per `userId|JST date`. */
  incidentsByDay: Map<string, number>;
  /** Loaded sessions the forgotten-end rule closed, per user. */
  forgottenEnds: Map<string, number>;
}

export interface ReportInputScope {
  tenantId: string;
  userIds: string[];
  from: IsoDate;
  to: IsoDate;
}

export type ReportInputLoader = (db: Tx, scope: ReportInputScope) => Promise<ReportInputs>;

export interface ApprovedCorrection {
  id: string;
  userId: string;
  workSessionId: string | null;
  startedAt: Date;
  endedAt: Date;
}

/**
 * Approved punch corrections (打刻修正), oldest decision first, replace their session's times (the
 * newest wins); one without a session adds work that was never punched. The punched rows stay as
 * they are (docs/attendance-rules.md).
 */
export function applyCorrections(sessions: readonly { id: string; userId: string; startedAt: Date; endedAt: Date | null }[], corrections: readonly ApprovedCorrection[]): WorkSessionInput[] {
  const correctedTimes = new Map<string, ApprovedCorrection>();
  for (const c of corrections) correctedTimes.set(c.workSessionId ?? `correction:${c.id}`, c);
  const out: WorkSessionInput[] = sessions.map((s) => {
    const c = correctedTimes.get(s.id);
    return c ? { id: s.id, workerId: s.userId, startedAt: c.startedAt, endedAt: c.endedAt, corrected: true } : { id: s.id, workerId: s.userId, startedAt: s.startedAt, endedAt: s.endedAt };
  });
  const loaded = new Set(sessions.map((s) => s.id));
  for (const [id, c] of correctedTimes) if (!loaded.has(id)) out.push({ id, workerId: c.userId, startedAt: c.startedAt, endedAt: c.endedAt, corrected: true });
  return out;
}

/** The range the rules need: sessions overlapping it, states reported up to a day before it. */
export function inputWindow(from: IsoDate, to: IsoDate) {
  const start = jstDayRange(from).start;
  const end = jstDayRange(to).end;
  // A state reported before the range still holds at its start: look back one day for it.
  return { start, end, lookback: new Date(start.getTime() - 86_400_000) };
}

// Rows leave the database packed into one text value per worker (records separated by RS, fields
// by US, NULL as an empty field, times as epoch milliseconds), as the status board does: for
// hundreds of thousands of events this is several times cheaper than row objects through the
// driver and the ORM. One value per worker keeps each far below the text limits even for a year.
const RS = '\u001e';
const US = '\u001f';
const millis = (column: string) => Prisma.raw(`coalesce(((date_part('epoch', ${column}) * 1000)::bigint)::text, '')`);
const uuidText = (column: string) => Prisma.raw(`coalesce(${column}::text, '')`);

async function packedByUser(db: Tx, query: Prisma.Sql): Promise<{ userId: string; records: string[][] }[]> {
  const rows = await db.$queryRaw<{ userId: string; packed: string | null }[]>(query);
  return rows.map((r) => ({ userId: r.userId, records: (r.packed ?? '') === '' ? [] : (r.packed ?? '').split(RS).map((rec) => rec.split(US)) }));
}

const at = (v: string | undefined): Date => new Date(Number(v));
const atOrNull = (v: string | undefined): Date | null => (v === undefined || v === '' ? null : new Date(Number(v)));

/**
 * The set-based loader: one statement per kind of row for all the workers at once (the ids go as
 * one array parameter, never as a list of thousands of bind values), corrections found through a
 * join instead of a list of every loaded session id.
 */
export const loadReportInputs: ReportInputLoader = async (db, { tenantId, userIds, from, to }) => {
  const { start, end, lookback } = inputWindow(from, to);
  const users = Prisma.sql`${userIds}::uuid[]`;
  const sessionFilter = Prisma.sql`s."tenantId" = ${tenantId}::uuid AND s."userId" = ANY(${users}) AND s."startedAt" < ${end} AND (s."endedAt" IS NULL OR s."endedAt" > ${start})`;

  // For this transaction only: hundreds of thousands of rows are grouped per worker in memory
  // (the default 4 MB spills to disk), and compiling the plans (JIT) costs more than it saves here.
  await db.$executeRaw`SET LOCAL work_mem = '64MB'`;
  await db.$executeRaw`SET LOCAL jit = off`;
  const [sessionRows, presenceRows, taskRows, incidentRows, corrections, schedules] = await Promise.all([
    packedByUser(db, Prisma.sql`
      SELECT s."userId"::text AS "userId", string_agg(concat_ws(${US}, s.id::text, ${millis('s."startedAt"')}, ${millis('s."endedAt"')}, CASE WHEN s."flaggedForgotten" THEN '1' ELSE '' END), ${RS}) AS packed
      FROM work_sessions s WHERE ${sessionFilter} GROUP BY s."userId"`),
    packedByUser(db, Prisma.sql`
      SELECT p."userId"::text AS "userId", string_agg(concat_ws(${US}, ${uuidText('p."workSessionId"')}, CASE WHEN p.state = 'PRESENT' THEN 'P' ELSE 'A' END, ${millis('p."occurredAt"')}), ${RS}) AS packed
      FROM presence_events p
      WHERE p."tenantId" = ${tenantId}::uuid AND p."userId" = ANY(${users}) AND p."occurredAt" >= ${lookback} AND p."occurredAt" < ${end}
      GROUP BY p."userId"`),
    packedByUser(db, Prisma.sql`
      SELECT t."userId"::text AS "userId", string_agg(concat_ws(${US}, t."workSessionId"::text, t."taskId"::text, ${millis('t."startedAt"')}, ${millis('t."endedAt"')}), ${RS}) AS packed
      FROM task_sessions t
      WHERE t."tenantId" = ${tenantId}::uuid AND t."userId" = ANY(${users}) AND t."startedAt" < ${end} AND (t."endedAt" IS NULL OR t."endedAt" > ${start})
      GROUP BY t."userId"`),
    db.$queryRaw<{ userId: string; day: Date; n: number }[]>`
      SELECT i."userId"::text AS "userId", (i."occurredAt" + interval '9 hours')::date AS day, count(*)::int AS n
      FROM incidents i
      WHERE i."tenantId" = ${tenantId}::uuid AND i."userId" = ANY(${users}) AND i."occurredAt" >= ${start} AND i."occurredAt" < ${end}
      GROUP BY 1, 2`,
    db.$queryRaw<ApprovedCorrection[]>`
      SELECT c.id::text AS id, c."userId"::text AS "userId", c."workSessionId"::text AS "workSessionId", c."startedAt", c."endedAt"
      FROM punch_corrections c
      WHERE c."tenantId" = ${tenantId}::uuid AND c."userId" = ANY(${users}) AND c.status = 'APPROVED'
        AND ((c."startedAt" < ${end} AND c."endedAt" > ${start})
          OR EXISTS (SELECT 1 FROM work_sessions s WHERE s.id = c."workSessionId" AND ${sessionFilter}))
      ORDER BY c."decidedAt", c."createdAt", c.id`,
    resolveSchedules(db, { tenantId, userIds, from, to }),
  ]);

  const sessions: { id: string; userId: string; startedAt: Date; endedAt: Date | null }[] = [];
  const forgottenEnds = new Map<string, number>();
  for (const { userId, records } of sessionRows) {
    let forgotten = 0;
    for (const [id = '', started, ended, flagged] of records) {
      sessions.push({ id, userId, startedAt: at(started), endedAt: atOrNull(ended) });
      if (flagged === '1') forgotten += 1;
    }
    if (forgotten > 0) forgottenEnds.set(userId, forgotten);
  }
  const presence: PresenceEventInput[] = [];
  for (const { userId, records } of presenceRows) {
    for (const [sessionId = '', state, occurred] of records) presence.push({ workerId: userId, workSessionId: sessionId === '' ? null : sessionId, state: state === 'P' ? 'PRESENT' : 'AWAY', occurredAt: at(occurred) });
  }
  const tasks: TaskIntervalInput[] = [];
  for (const { userId, records } of taskRows) {
    for (const [workSessionId = '', taskId = '', started, ended] of records) tasks.push({ workerId: userId, workSessionId, taskId, startedAt: at(started), endedAt: atOrNull(ended) });
  }
  // A @db.Date-like value comes back as UTC midnight of the JST date.
  const incidentsByDay = new Map(incidentRows.map((r) => [`${r.userId}|${r.day.toISOString().slice(0, 10)}`, r.n]));
  return { sessions: applyCorrections(sessions, corrections), presence, tasks, schedules, incidentsByDay, forgottenEnds };
};

/** Incidents per `userId|JST date`, from rows. */
export function countIncidentsByDay(incidents: readonly { userId: string; occurredAt: Date }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of incidents) {
    const key = `${i.userId}|${toJstDate(i.occurredAt)}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}
