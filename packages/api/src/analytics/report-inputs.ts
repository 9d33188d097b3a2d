import { Prisma, type Tx } from '@telework/db';
import { addDays, jstDayRange, toJstDate, type IsoDate } from '../calendar';
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
// by US, a group's key from its records by GS, NULL as an empty field, times as epoch milliseconds), as the status board does: for
// hundreds of thousands of events this is several times cheaper than row objects through the
// driver and the ORM. One value per worker keeps each far below the text limits even for a year.
const RS = '\u001e';
const US = '\u001f';
const GS = '\u001d';
const millis = (column: string) => Prisma.raw(`coalesce(((date_part('epoch', ${column}) * 1000)::bigint)::text, '')`);

async function packedByUser(db: Tx, query: Prisma.Sql): Promise<{ userId: string; packed: string; records: string[][] }[]> {
  const rows = await db.$queryRaw<{ userId: string; packed: string | null }[]>(query);
  return rows.map((r) => {
    const packed = r.packed ?? '';
    // Records split lazily: the presence rows are packed in two levels and split by their reader.
    return { userId: r.userId, packed, get records() { return packed === '' ? [] : packed.split(RS).map((rec) => rec.split(US)); } };
  });
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
  // Rows overlapping the range, as two disjoint halves so that each is one range of the
  // (tenantId, userId, endedAt) index: those that ended after the start, and those still open. As
  // one condition with OR, PostgreSQL reads every earlier row of the worker and filters it out.
  const overlapping = (table: 'work_sessions' | 'task_sessions') => Prisma.sql`
    SELECT * FROM ${Prisma.raw(table)} r WHERE r."tenantId" = ${tenantId}::uuid AND r."userId" = ANY(${users}) AND r."endedAt" > ${start} AND r."startedAt" < ${end}
    UNION ALL
    SELECT * FROM ${Prisma.raw(table)} r WHERE r."tenantId" = ${tenantId}::uuid AND r."userId" = ANY(${users}) AND r."endedAt" IS NULL AND r."startedAt" < ${end}`;
  const sessionFilter = Prisma.sql`s."tenantId" = ${tenantId}::uuid AND s."userId" = ANY(${users}) AND s."startedAt" < ${end} AND (s."endedAt" IS NULL OR s."endedAt" > ${start})`;

  // For this transaction only: hundreds of thousands of rows are grouped per worker in memory
  // (the default 4 MB spills to disk), and compiling the plans (JIT) costs more than it saves here.
  await db.$executeRaw`SET LOCAL work_mem = '64MB'`;
  await db.$executeRaw`SET LOCAL jit = off`;
  const [sessionRows, presenceRows, taskRows, incidentRows, corrections, schedules] = await Promise.all([
    packedByUser(db, Prisma.sql`
      SELECT s."userId"::text AS "userId", string_agg(concat_ws(${US}, s.id::text, ${millis('s."startedAt"')}, ${millis('s."endedAt"')}, CASE WHEN s."flaggedForgotten" THEN '1' ELSE '' END), ${RS}) AS packed
      FROM (${overlapping('work_sessions')}) s GROUP BY s."userId"`),
    // Presence events come grouped by session too (the session id once, then its events as
    // state letter + epoch ms): there are several per session, and the id is most of each record.
    packedByUser(db, Prisma.sql`
      SELECT g."userId"::text AS "userId", string_agg(g.packed, ${RS}) AS packed FROM (
        SELECT p."userId", coalesce(p."workSessionId"::text, '') || ${GS} || string_agg((CASE WHEN p.state = 'PRESENT' THEN 'P' ELSE 'A' END) || ((date_part('epoch', p."occurredAt") * 1000)::bigint)::text, ${US}) AS packed
        FROM presence_events p
        WHERE p."tenantId" = ${tenantId}::uuid AND p."userId" = ANY(${users}) AND p."occurredAt" >= ${lookback} AND p."occurredAt" < ${end}
        GROUP BY p."userId", p."workSessionId") g
      GROUP BY g."userId"`),
    packedByUser(db, Prisma.sql`
      SELECT t."userId"::text AS "userId", string_agg(concat_ws(${US}, t."workSessionId"::text, t."taskId"::text, ${millis('t."startedAt"')}, ${millis('t."endedAt"')}), ${RS}) AS packed
      FROM (${overlapping('task_sessions')}) t GROUP BY t."userId"`),
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
    // From the day before: its night shift (夜勤) may reach into the first day.
    resolveSchedules(db, { tenantId, userIds, from: addDays(from, -1), to }),
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
  for (const { userId, packed } of presenceRows) {
    for (const group of packed === '' ? [] : packed.split(RS)) {
      const [sessionId = '', events = ''] = group.split(GS);
      const workSessionId = sessionId === '' ? null : sessionId;
      for (const event of events.split(US)) presence.push({ workerId: userId, workSessionId, state: event[0] === 'P' ? 'PRESENT' : 'AWAY', occurredAt: new Date(Number(event.slice(1))) });
    }
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
