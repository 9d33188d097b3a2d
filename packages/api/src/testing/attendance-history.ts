import fc from 'fast-check';
import { dayNumberToIsoDate, isoDateToDayNumber, type IsoDate } from '../calendar/day-number';
import { jstDayStartMs } from '../calendar/jst';
import { closeForgottenSession, type ForgottenEndRule } from '../analytics/rules/forgotten-end';
import type { PresenceEventInput } from '../analytics/rules/presence-intervals';
import type { PresenceState, ScheduleInput, TaskIntervalInput, WorkSessionInput } from '../analytics/rules/types';

// Random attendance histories for the property tests (docs/attendance-rules.md): the raw streams an
// agent and a tenant produce — punches, presence changes, heartbeats that repeat the current state,
// offline re-deliveries (the same event sent again), states reported outside the session or
// without one, forgotten ends closed by each of the tenant rules or left open, tasks, schedules —
// over a few JST days, with "now" anywhere in them (01:25 of a day included). Every time lies on a
// whole minute so that a minute-by-minute oracle computes the exact expected figures.

export const HISTORY_FROM: IsoDate = '2026-12-06';
export const HISTORY_DAYS = 4;
export const HISTORY_TO: IsoDate = dayNumberToIsoDate(isoDateToDayNumber(HISTORY_FROM) + HISTORY_DAYS - 1);
/** JST midnight starting HISTORY_FROM: minute offsets below count from here. */
export const HISTORY_BASE_MS = jstDayStartMs(isoDateToDayNumber(HISTORY_FROM));
const MINUTE = 60_000;
export const at = (minute: number) => new Date(HISTORY_BASE_MS + minute * MINUTE);

const RULES: ForgottenEndRule[] = [{ kind: 'AT_JST_MIDNIGHT' }, { kind: 'AT_SCHEDULED_END' }, { kind: 'AFTER_HOURS', hours: 10 }, { kind: 'AFTER_HOURS', hours: 30 }];

const eventArb = fc.record({
  /** Minutes after the session start (negative: reported before it, beyond its length: after its end). */
  offset: fc.integer({ min: -120, max: 2400 }),
  state: fc.constantFrom<PresenceState>('PRESENT', 'AWAY'),
  withoutSession: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  /** Offline re-deliveries: the same event arriving again. */
  copies: fc.integer({ min: 1, max: 3 }),
  /** Heartbeats repeating the state every 10 minutes. */
  heartbeats: fc.integer({ min: 0, max: 3 }),
});

const taskArb = fc.record({
  taskId: fc.constantFrom('t1', 't2', 't3'),
  offset: fc.integer({ min: -60, max: 2000 }),
  length: fc.option(fc.integer({ min: 1, max: 1500 }), { nil: null }),
});

const sessionArb = fc.record({
  start: fc.integer({ min: -600, max: HISTORY_DAYS * 1440 + 300 }),
  length: fc.integer({ min: 1, max: 1800 }),
  end: fc.constantFrom('punched', 'punched', 'forgotten', 'open'),
  rule: fc.constantFrom(...RULES),
  events: fc.array(eventArb, { maxLength: 8 }),
  tasks: fc.array(taskArb, { maxLength: 3 }),
});

const scheduleArb = fc.record({
  start: fc.integer({ min: 0, max: 1439 }),
  length: fc.integer({ min: 1, max: 1440 }),
  breakMinutes: fc.integer({ min: 0, max: 90 }),
  dayOff: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
});

const workerArb = fc.record({
  sessions: fc.array(sessionArb, { maxLength: 5 }),
  schedules: fc.array(fc.option(scheduleArb, { nil: null }), { minLength: HISTORY_DAYS, maxLength: HISTORY_DAYS }),
});

export const historyArb = fc.record({
  workers: fc.array(workerArb, { minLength: 1, maxLength: 3 }),
  /** "Now", in minutes after the base: anywhere from the first day's midnight to just after the range. */
  asOf: fc.integer({ min: 1, max: HISTORY_DAYS * 1440 + 200 }),
});

export type RawHistory = typeof historyArb extends fc.Arbitrary<infer T> ? T : never;

/** A session as stored once the forgotten-end rule has run at `asOf`, in minutes (end null: open). */
export interface HistorySession {
  id: string;
  workerId: string;
  start: number;
  end: number | null;
}

export interface History {
  asOf: number;
  sessions: HistorySession[];
  events: (Omit<PresenceEventInput, 'occurredAt'> & { minute: number })[];
  tasks: { workerId: string; workSessionId: string; taskId: string; start: number; end: number | null }[];
  schedules: ScheduleInput[];
}

/** Turns a generated history into what the database would hold at `asOf` (nothing after "now"). */
export function materialise(raw: RawHistory): History {
  const history: History = { asOf: raw.asOf, sessions: [], events: [], tasks: [], schedules: [] };
  const firstDay = isoDateToDayNumber(HISTORY_FROM);
  raw.workers.forEach((worker, w) => {
    const workerId = `w${w}`;
    worker.schedules.forEach((plan, d) => {
      if (plan === null) return;
      history.schedules.push({ workerId, date: dayNumberToIsoDate(firstDay + d), startMinute: plan.start, endMinute: plan.start + plan.length, breakMinutes: plan.breakMinutes, isDayOff: plan.dayOff });
    });
    worker.sessions.forEach((s, i) => {
      if (s.start >= raw.asOf) return;
      const id = `w${w}-s${i}`;
      let end: number | null = s.start + s.length;
      if (s.end === 'open' || end > raw.asOf) end = null;
      else if (s.end === 'forgotten') {
        const day = Math.floor(s.start / 1440);
        const plan = day >= 0 && day < HISTORY_DAYS ? worker.schedules[day] : null;
        const scheduledEnd = plan && !plan.dayOff ? at(day * 1440 + plan.start + plan.length) : null;
        const decision = closeForgottenSession({ startedAt: at(s.start), endedAt: null }, s.rule, { now: at(raw.asOf), scheduledEnd });
        end = decision.endedAt === null ? null : Math.round((decision.endedAt.getTime() - HISTORY_BASE_MS) / MINUTE);
      }
      history.sessions.push({ id, workerId, start: s.start, end });
      const sessionEnd = end ?? raw.asOf;
      for (const e of s.events) {
        const workSessionId = e.withoutSession ? null : id;
        for (let beat = 0; beat <= e.heartbeats; beat += 1) {
          const minute = s.start + e.offset + beat * 10;
          // Events are reported while the agent runs: never after now, nor after the session plus a grace.
          if (minute >= raw.asOf || minute > sessionEnd + 600) continue;
          for (let copy = 0; copy < e.copies; copy += 1) history.events.push({ workerId, workSessionId, state: e.state, minute });
        }
      }
      for (const t of s.tasks) {
        const start = s.start + t.offset;
        if (start >= raw.asOf) continue;
        const taskEnd = t.length === null || start + t.length > raw.asOf ? null : start + t.length;
        history.tasks.push({ workerId, workSessionId: id, taskId: t.taskId, start, end: taskEnd });
      }
    });
  });
  return history;
}

export function sessionInputs(h: History): WorkSessionInput[] {
  return h.sessions.map((s) => ({ id: s.id, workerId: s.workerId, startedAt: at(s.start), endedAt: s.end === null ? null : at(s.end) }));
}

export function eventInputs(h: History): PresenceEventInput[] {
  return h.events.map((e) => ({ workerId: e.workerId, workSessionId: e.workSessionId, state: e.state, occurredAt: at(e.minute) }));
}

export function taskInputs(h: History): TaskIntervalInput[] {
  return h.tasks.map((t) => ({ workerId: t.workerId, workSessionId: t.workSessionId, taskId: t.taskId, startedAt: at(t.start), endedAt: t.end === null ? null : at(t.end) }));
}

export interface OracleDay {
  worked: number;
  present: number;
  away: number;
  tasks: Record<string, number>;
  /** Sum of the lengths of the worker's sessions inside the day (before `asOf`). */
  sessionMinutes: number;
}

/**
 * The expected figures, minute by minute and written independently of the aggregation: a minute
 * is worked when a session covers it; present when a state stream that applies there says
 * PRESENT (a session's own stream inside that session, the stream without session anywhere in
 * work), away when one says AWAY and none PRESENT; a task's minute lies in its own session.
 */
export function oracle(h: History): Map<string, OracleDay[]> {
  const limit = Math.min(h.asOf, HISTORY_DAYS * 1440);
  const result = new Map<string, OracleDay[]>();
  const workers = new Set([...h.sessions.map((s) => s.workerId), ...h.schedules.map((s) => s.workerId)]);
  for (const workerId of workers) {
    const days: OracleDay[] = Array.from({ length: HISTORY_DAYS }, () => ({ worked: 0, present: 0, away: 0, tasks: {}, sessionMinutes: 0 }));
    const sessions = h.sessions.filter((s) => s.workerId === workerId).map((s) => ({ ...s, until: s.end ?? h.asOf }));
    const streams = new Map<string | null, { minute: number; state: PresenceState }[]>();
    for (const e of h.events) {
      if (e.workerId !== workerId) continue;
      const list = streams.get(e.workSessionId) ?? [];
      list.push({ minute: e.minute, state: e.state });
      streams.set(e.workSessionId, list);
    }
    // At one minute PRESENT holds over AWAY, whatever the order of the rows (presence-intervals.ts).
    for (const list of streams.values()) list.sort((a, b) => a.minute - b.minute || (a.state === b.state ? 0 : a.state === 'AWAY' ? -1 : 1));
    const stateAt = (list: { minute: number; state: PresenceState }[] | undefined, minute: number): PresenceState | null => {
      let state: PresenceState | null = null;
      for (const e of list ?? []) {
        if (e.minute > minute) break;
        state = e.state;
      }
      return state;
    };
    const tasks = h.tasks.filter((t) => t.workerId === workerId);
    for (let m = 0; m < limit; m += 1) {
      const day = days[Math.floor(m / 1440)];
      if (day === undefined) continue;
      const covering = sessions.filter((s) => s.start <= m && m < s.until);
      day.sessionMinutes += covering.length;
      if (covering.length === 0) continue;
      day.worked += 1;
      const states = covering.map((s) => stateAt(streams.get(s.id), m));
      states.push(stateAt(streams.get(null), m));
      if (states.includes('PRESENT')) day.present += 1;
      else if (states.includes('AWAY')) day.away += 1;
      const doing = new Set<string>();
      for (const t of tasks) {
        const own = sessions.find((s) => s.id === t.workSessionId);
        if (own && own.start <= m && m < own.until && t.start <= m && m < (t.end ?? h.asOf)) doing.add(t.taskId);
      }
      for (const taskId of doing) day.tasks[taskId] = (day.tasks[taskId] ?? 0) + 1;
    }
    result.set(workerId, days);
  }
  return result;
}
