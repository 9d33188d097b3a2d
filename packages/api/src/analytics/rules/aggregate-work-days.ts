import { DAY_MS, MINUTE_MS, dayNumberToIsoDate, isoDateToDayNumber, type IsoDate } from '../../calendar/day-number';
import { jstDayStartMs } from '../../calendar/jst';
import { accumulateByJstDay, boundsWithin, intersectMerged, mergeIntervals, overlapMs, subtractMerged } from './intervals';
import type {
  PresenceIntervalInput,
  ScheduleInput,
  ScheduleResult,
  TaskIntervalInput,
  WorkSessionInput,
  WorkerDay,
} from './types';

// Per worker and JST day: worked, present and away minutes, minutes per task, and the comparison
// with the day's schedule. Work is the union of the worker's sessions; presence and task time
// count only inside it, and a state or task reported in a session ends with that session (the
// agent's last state of the day is never closed by an event, so without this it would run on
// through every later session). Present wins where present and away overlap (duplicates and
// offline re-deliveries), so present + away ≤ worked. Open intervals run until `asOf`. Times are
// summed in milliseconds and floored to whole minutes once per figure. The rules every figure
// obeys are listed in docs/attendance-rules.md and checked by property tests.

export interface AggregateInput {
  /** First and last JST day to report, both inclusive. */
  from: IsoDate;
  to: IsoDate;
  /** "Now": open sessions and intervals are counted up to here. */
  asOf: Date;
  sessions: readonly WorkSessionInput[];
  presence?: readonly PresenceIntervalInput[];
  tasks?: readonly TaskIntervalInput[];
  schedules?: readonly ScheduleInput[];
}

interface WorkerInputs {
  sessions: number[];
  sessionIds: (string | undefined)[];
  corrected: boolean[];
  open: boolean[];
  presence: PresenceIntervalInput[];
  tasks: TaskIntervalInput[];
  schedules: ScheduleInput[];
}

const NIGHT_START_MS = 22 * 60 * MINUTE_MS;
const NIGHT_END_MS = 29 * 60 * MINUTE_MS;

function toMinutes(ms: number): number {
  return Math.floor(ms / MINUTE_MS);
}

export function aggregateWorkDays(input: AggregateInput): WorkerDay[] {
  const firstDay = isoDateToDayNumber(input.from);
  const lastDay = isoDateToDayNumber(input.to);
  if (lastDay < firstDay) throw new RangeError(`Empty range: ${input.from} … ${input.to}`);
  const days = lastDay - firstDay + 1;
  const rangeStart = jstDayStartMs(firstDay);
  const rangeEnd = Math.min(jstDayStartMs(lastDay + 1), input.asOf.getTime());
  const asOf = input.asOf.getTime();

  const byWorker = new Map<string, WorkerInputs>();
  const entry = (workerId: string): WorkerInputs => {
    let found = byWorker.get(workerId);
    if (found === undefined) {
      found = { sessions: [], sessionIds: [], corrected: [], open: [], presence: [], tasks: [], schedules: [] };
      byWorker.set(workerId, found);
    }
    return found;
  };
  for (const s of input.sessions) {
    const w = entry(s.workerId);
    w.sessions.push(s.startedAt.getTime(), s.endedAt === null ? asOf : s.endedAt.getTime());
    w.open.push(s.endedAt === null);
    w.sessionIds.push(s.id);
    w.corrected.push(s.corrected === true);
  }
  for (const p of input.presence ?? []) entry(p.workerId).presence.push(p);
  for (const t of input.tasks ?? []) entry(t.workerId).tasks.push(t);
  for (const s of input.schedules ?? []) entry(s.workerId).schedules.push(s);

  const result: WorkerDay[] = [];
  const worked = new Float64Array(days);
  const present = new Float64Array(days);
  const away = new Float64Array(days);
  const firstStart = new Float64Array(days);
  const lastEnd = new Float64Array(days);
  const stillOpen = new Uint8Array(days);
  const corrected = new Uint8Array(days);
  const night = new Float64Array(days);
  // 深夜 (Labour Standards Act art. 37): 22:00–05:00 JST. The windows of the day before the range
  // reach into its first morning.
  const nightWindows: number[] = [];
  for (let d = firstDay - 1; d <= lastDay; d += 1) nightWindows.push(jstDayStartMs(d) + NIGHT_START_MS, jstDayStartMs(d) + NIGHT_END_MS);

  for (const [workerId, w] of byWorker) {
    worked.fill(0);
    present.fill(0);
    away.fill(0);
    firstStart.fill(Number.POSITIVE_INFINITY);
    lastEnd.fill(Number.NEGATIVE_INFINITY);
    stillOpen.fill(0);
    corrected.fill(0);
    night.fill(0);

    // Sessions are merged once, up to now; the reported work is that list clipped to the range.
    const allWork: number[] = [];
    for (let i = 0; i < w.sessions.length; i += 2) {
      const s = Math.max(w.sessions[i] ?? 0, rangeStart);
      const e = Math.min(w.sessions[i + 1] ?? 0, rangeEnd);
      allWork.push(w.sessions[i] ?? 0, Math.min(w.sessions[i + 1] ?? 0, asOf));
      if (w.corrected[i / 2] === true) {
        for (let index = Math.floor((s - rangeStart) / DAY_MS); e > s && index <= Math.floor((e - 1 - rangeStart) / DAY_MS); index += 1) {
          if (index >= 0 && index < days) corrected[index] = 1;
        }
      }
      if (w.open[i / 2] === true && e > s && e === asOf) {
        const index = Math.floor((e - 1 - rangeStart) / DAY_MS);
        if (index >= 0 && index < days) stillOpen[index] = 1;
      }
    }
    // A shift that starts on a day and ends after midnight (夜勤) is compared with the work of its
    // whole window, which may lie beyond the reported range: the unclipped work (up to "now").
    const workAnyDay = mergeIntervals(allWork);
    const work = rangeEnd > rangeStart ? intersectMerged(workAnyDay, [rangeStart, rangeEnd]) : [];
    const openAtAsOf = w.open.some((o, i) => o && (w.sessions[2 * i + 1] ?? 0) === asOf);

    for (let i = 0; i < work.length; i += 2) {
      const s = work[i] ?? 0;
      const e = work[i + 1] ?? 0;
      accumulateByJstDay(worked, firstDay, s, e);
      // First start / last end per day come from the day pieces of each work interval.
      let pieceStart = s;
      while (pieceStart < e) {
        const index = Math.floor((pieceStart - rangeStart) / DAY_MS);
        const dayEnd = rangeStart + (index + 1) * DAY_MS;
        const pieceEnd = dayEnd < e ? dayEnd : e;
        if (pieceStart < (firstStart[index] ?? 0)) firstStart[index] = pieceStart;
        if (pieceEnd > (lastEnd[index] ?? 0)) lastEnd[index] = pieceEnd;
        pieceStart = pieceEnd;
      }
    }

    const nightWork = intersectMerged(work, nightWindows);
    for (let i = 0; i < nightWork.length; i += 2) accumulateByJstDay(night, firstDay, nightWork[i] ?? 0, nightWork[i + 1] ?? 0);

    const spans = new Map<string, [number, number]>();
    for (let i = 0; i < w.sessionIds.length; i += 1) {
      const id = w.sessionIds[i];
      if (id !== undefined) spans.set(id, [w.sessions[2 * i] ?? 0, w.sessions[2 * i + 1] ?? 0]);
    }
    // [start, end) of an interval cut to its own session; null when its session lies outside the range.
    const ownPiece = (workSessionId: string | null | undefined, start: number, end: number): [number, number] | null => {
      if (workSessionId === undefined || workSessionId === null) return [start, end];
      const span = spans.get(workSessionId);
      if (span === undefined) return null;
      return [Math.max(start, span[0]), Math.min(end, span[1])];
    };

    const presentPairs: number[] = [];
    const awayPairs: number[] = [];
    for (const p of w.presence) {
      const piece = ownPiece(p.workSessionId, p.startedAt.getTime(), p.endedAt === null ? asOf : p.endedAt.getTime());
      if (piece !== null) (p.state === 'PRESENT' ? presentPairs : awayPairs).push(piece[0], piece[1]);
    }
    const presentSpans = intersectMerged(mergeIntervals(presentPairs), work);
    const awaySpans = subtractMerged(intersectMerged(mergeIntervals(awayPairs), work), presentSpans);
    for (let i = 0; i < presentSpans.length; i += 2) accumulateByJstDay(present, firstDay, presentSpans[i] ?? 0, presentSpans[i + 1] ?? 0);
    for (let i = 0; i < awaySpans.length; i += 2) accumulateByJstDay(away, firstDay, awaySpans[i] ?? 0, awaySpans[i + 1] ?? 0);

    const taskPairs = new Map<string, number[]>();
    for (const t of w.tasks) {
      const piece = ownPiece(t.workSessionId, t.startedAt.getTime(), t.endedAt === null ? asOf : t.endedAt.getTime());
      if (piece === null) continue;
      const pairs = taskPairs.get(t.taskId);
      if (pairs === undefined) taskPairs.set(t.taskId, [piece[0], piece[1]]);
      else pairs.push(piece[0], piece[1]);
    }
    const perTask = new Map<string, Float64Array>();
    for (const [taskId, pairs] of taskPairs) {
      const target = new Float64Array(days);
      const spansInWork = intersectMerged(mergeIntervals(pairs), work);
      for (let i = 0; i < spansInWork.length; i += 2) accumulateByJstDay(target, firstDay, spansInWork[i] ?? 0, spansInWork[i + 1] ?? 0);
      perTask.set(taskId, target);
    }

    // The day before the range is kept too: its night shift may reach into the first day.
    const scheduleByIndex = new Map<number, ScheduleInput>();
    for (const s of w.schedules) {
      const index = isoDateToDayNumber(s.date) - firstDay;
      if (index >= -1 && index < days) scheduleByIndex.set(index, s);
    }

    for (let index = 0; index < days; index += 1) {
      const workedMs = worked[index] ?? 0;
      const schedule = scheduleByIndex.get(index);
      if (workedMs === 0 && schedule === undefined) continue;
      const dayStart = rangeStart + index * DAY_MS;
      // A day that has not begun yet as of `asOf` is not reported, nor is a planned shift not yet
      // due without any work: neither is absence, and neither belongs in the planned total yet.
      if (dayStart >= asOf) continue;
      if (workedMs === 0 && schedule !== undefined && !schedule.isDayOff && asOf < dayStart + schedule.startMinute * MINUTE_MS) continue;
      const previous = scheduleByIndex.get(index - 1);
      const previousEnd = previous === undefined || previous.isDayOff ? dayStart : Math.max(dayStart, dayStart - DAY_MS + previous.endMinute * MINUTE_MS);
      const taskMinutes: Record<string, number> = {};
      for (const [taskId, totals] of perTask) {
        const minutes = toMinutes(totals[index] ?? 0);
        if (minutes > 0) taskMinutes[taskId] = minutes;
      }
      const first = firstStart[index] ?? Number.POSITIVE_INFINITY;
      const last = lastEnd[index] ?? Number.NEGATIVE_INFINITY;
      const open = stillOpen[index] === 1;
      result.push({
        workerId,
        date: dayNumberToIsoDate(firstDay + index),
        workedMinutes: toMinutes(workedMs),
        presentMinutes: toMinutes(present[index] ?? 0),
        awayMinutes: toMinutes(away[index] ?? 0),
        nightMinutes: toMinutes(night[index] ?? 0),
        taskMinutes,
        firstStartAt: Number.isFinite(first) ? new Date(first) : null,
        lastEndAt: Number.isFinite(last) ? new Date(last) : null,
        stillOpen: open,
        corrected: corrected[index] === 1,
        schedule: schedule === undefined ? null : compareDay(schedule, dayStart, previousEnd, work, workAnyDay, workedMs, asOf, openAtAsOf),
      });
    }
  }
  return result;
}

/**
 * The day's plan against the work. A shift belongs to the JST day it starts on, even when it ends
 * after midnight (夜勤, end minute up to start + 1440): its planned minutes, absence and late /
 * early figures are that day's. They are compared with the work inside the shift's window: from
 * the day's midnight — or, when the previous day's shift runs past it, from that shift's planned
 * end — to the later of the next midnight and the planned end. Time outside the plan (overtime)
 * stays on the JST day it falls on, like worked time, so it never exceeds the day's worked time.
 */
function compareDay(
  schedule: ScheduleInput,
  dayStart: number,
  previousEnd: number,
  work: number[],
  workAnyDay: number[],
  workedMs: number,
  asOf: number,
  openAtAsOf: boolean,
): ScheduleResult {
  // Work inside the (merged, at most two) planned intervals of this day.
  const inPlanMs = (plan: number[]) => {
    let total = 0;
    for (let i = 0; i < plan.length; i += 2) total += overlapMs(work, plan[i] ?? 0, plan[i + 1] ?? 0);
    return total;
  };
  if (schedule.isDayOff) {
    return {
      dayOff: true,
      plannedStartAt: null,
      plannedEndAt: null,
      plannedMinutes: 0,
      absent: false,
      lateStartMinutes: 0,
      earlyEndMinutes: 0,
      // All work on a day off is out of plan, except the tail of the previous night's shift.
      overtimeMinutes: toMinutes(workedMs - (previousEnd > dayStart ? inPlanMs([dayStart, previousEnd]) : 0)),
    };
  }
  const { startMinute, endMinute, breakMinutes } = schedule;
  if (!isValidShift(startMinute, endMinute)) {
    throw new RangeError(`Schedule of ${schedule.workerId} on ${schedule.date} must satisfy 0 ≤ start < 1440, start < end ≤ start + 1440`);
  }
  const dayEnd = dayStart + DAY_MS;
  const plannedStart = dayStart + startMinute * MINUTE_MS;
  const plannedEnd = dayStart + endMinute * MINUTE_MS;
  const plannedMinutes = Math.max(0, endMinute - startMinute - breakMinutes);
  const windowStart = Math.min(previousEnd, plannedStart);
  const windowEnd = Math.max(dayEnd, plannedEnd);
  const bounds = boundsWithin(workAnyDay, windowStart, windowEnd);
  const workedInWindow = bounds !== null;
  const [first, last] = bounds ?? [0, 0];
  const open = openAtAsOf && asOf > windowStart && asOf <= windowEnd && last === asOf;
  // This day's part of the plan: its own shift up to midnight and the previous night shift's tail.
  const inPlanToday = inPlanMs(mergeIntervals([dayStart, previousEnd, plannedStart, Math.min(plannedEnd, dayEnd)]));
  return {
    dayOff: false,
    plannedStartAt: new Date(plannedStart),
    plannedEndAt: new Date(plannedEnd),
    plannedMinutes,
    // No work is absence only once the planned shift is over; before that the worker may still come.
    absent: !workedInWindow && asOf >= plannedEnd,
    lateStartMinutes: workedInWindow ? toMinutes(Math.max(0, Math.min(first, plannedEnd) - plannedStart)) : 0,
    earlyEndMinutes: !workedInWindow || open ? 0 : toMinutes(Math.max(0, plannedEnd - Math.max(last, plannedStart))),
    overtimeMinutes: workedMs === 0 ? 0 : toMinutes(workedMs - inPlanToday),
  };
}

/** A shift starts within its day and lasts at most 24 h; it may end on the next day (夜勤). */
export function isValidShift(startMinute: number, endMinute: number): boolean {
  return Number.isInteger(startMinute) && Number.isInteger(endMinute) && startMinute >= 0 && startMinute < 1440 && endMinute > startMinute && endMinute <= startMinute + 1440;
}
