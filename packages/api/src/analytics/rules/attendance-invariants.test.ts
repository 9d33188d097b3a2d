import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../../calendar/day-number';
import { HISTORY_BASE_MS, HISTORY_FROM, HISTORY_TO, at, eventInputs, historyArb, materialise, oracle, sessionInputs, taskInputs, type History } from '../../testing/attendance-history';
import { aggregateWorkDays } from './aggregate-work-days';
import { presenceEventsToIntervals } from './presence-intervals';
import type { WorkerDay } from './types';
import { addDayToTotals, emptyDayFigureTotals } from './worker-totals';

// The rules of docs/attendance-rules.md, each checked on 1,000 random histories (see
// testing/attendance-history.ts for what a history holds). Expected minutes come from a
// minute-by-minute oracle, not from the aggregation.

const RUNS = { numRuns: 1_000 };
const MINUTE = 60_000;

function aggregate(h: History): WorkerDay[] {
  return aggregateWorkDays({
    from: HISTORY_FROM,
    to: HISTORY_TO,
    asOf: at(h.asOf),
    sessions: sessionInputs(h),
    presence: presenceEventsToIntervals(eventInputs(h)),
    tasks: taskInputs(h),
    schedules: h.schedules,
  });
}

/** [start, end) in epoch ms of the window a day's shift is compared with (docs/attendance-rules.md). */
function shiftWindow(h: History, workerId: string, index: number, plannedStart: number, plannedEnd: number): [number, number] {
  const dayStart = HISTORY_BASE_MS + index * 1440 * MINUTE;
  const previousDate = dayNumberToIsoDate(isoDateToDayNumber(HISTORY_FROM) + index - 1);
  const previous = h.schedules.find((s) => s.workerId === workerId && s.date === previousDate && !s.isDayOff);
  const previousEnd = previous ? Math.max(dayStart, dayStart + (previous.endMinute - 1440) * MINUTE) : dayStart;
  return [Math.min(previousEnd, plannedStart), Math.max(dayStart + 1440 * MINUTE, plannedEnd)];
}

/** Minutes of [start, end) covered by any of the worker's sessions (open ones up to now), one by one. */
function workedMinutesIn(h: History, workerId: string, [start, end]: [number, number]): number {
  const mine = h.sessions.filter((s) => s.workerId === workerId);
  let count = 0;
  for (let ms = start; ms < end; ms += MINUTE) {
    const minute = (ms - HISTORY_BASE_MS) / MINUTE;
    if (minute >= h.asOf) break;
    if (mine.some((s) => s.start <= minute && minute < (s.end ?? h.asOf))) count += 1;
  }
  return count;
}

const dayIndex = (d: WorkerDay) => isoDateToDayNumber(d.date) - isoDateToDayNumber(HISTORY_FROM);
const history = historyArb.map(materialise);

describe('attendance invariants (docs/attendance-rules.md), 1,000 random histories each', () => {
  it('1. present + away ≤ worked, each equal to the minute-by-minute count', () => {
    fc.assert(
      fc.property(history, (h) => {
        const expected = oracle(h);
        for (const d of aggregate(h)) {
          expect(d.presentMinutes + d.awayMinutes).toBeLessThanOrEqual(d.workedMinutes);
          const o = expected.get(d.workerId)?.[dayIndex(d)];
          expect({ present: d.presentMinutes, away: d.awayMinutes }).toEqual({ present: o?.present, away: o?.away });
        }
      }),
      RUNS,
    );
  });

  it('2. worked ≤ the span of the sessions: ≤ last end − first start, ≤ the sessions’ summed length; equal to the count', () => {
    fc.assert(
      fc.property(history, (h) => {
        const expected = oracle(h);
        for (const d of aggregate(h)) {
          const o = expected.get(d.workerId)?.[dayIndex(d)];
          expect(d.workedMinutes).toBe(o?.worked);
          expect(d.workedMinutes).toBeLessThanOrEqual(o?.sessionMinutes ?? 0);
          if (d.workedMinutes > 0) {
            expect(d.firstStartAt).not.toBeNull();
            expect(d.lastEndAt).not.toBeNull();
            const span = ((d.lastEndAt?.getTime() ?? 0) - (d.firstStartAt?.getTime() ?? 0)) / MINUTE;
            expect(d.workedMinutes).toBeLessThanOrEqual(span);
          }
        }
        // No worked minute is left out of the rows.
        for (const [workerId, days] of expected) {
          days.forEach((o, index) => {
            if (o.worked > 0) expect(aggregate(h).some((d) => d.workerId === workerId && dayIndex(d) === index)).toBe(true);
          });
        }
      }),
      RUNS,
    );
  });

  it('3. no day holds more than 24 h of anything', () => {
    fc.assert(
      fc.property(history, (h) => {
        for (const d of aggregate(h)) {
          for (const minutes of [d.workedMinutes, d.presentMinutes, d.awayMinutes, d.presentMinutes + d.awayMinutes, ...Object.values(d.taskMinutes)]) {
            expect(minutes).toBeGreaterThanOrEqual(0);
            expect(minutes).toBeLessThanOrEqual(1440);
          }
          if (d.schedule) expect(d.schedule.overtimeMinutes).toBeLessThanOrEqual(d.workedMinutes);
        }
      }),
      RUNS,
    );
  });

  it('4. a day (or a planned shift) that has not begun is never absent, nor counted in the plan', () => {
    fc.assert(
      fc.property(history, (h) => {
        const asOfMs = at(h.asOf).getTime();
        for (const d of aggregate(h)) {
          const dayStart = HISTORY_BASE_MS + dayIndex(d) * 1440 * MINUTE;
          expect(dayStart).toBeLessThan(asOfMs);
          const s = d.schedule;
          if (s === null || s.dayOff) continue;
          const plannedStart = s.plannedStartAt?.getTime() ?? 0;
          const plannedEnd = s.plannedEndAt?.getTime() ?? 0;
          // A planned shift not yet due appears only when work was done.
          if (asOfMs < plannedStart) expect(d.workedMinutes).toBeGreaterThan(0);
          // The shift is compared with the work of its window (a night shift reaches into the next
          // morning; the previous night shift's tail is not this day's): counted minute by minute.
          const worked = workedMinutesIn(h, d.workerId, shiftWindow(h, d.workerId, dayIndex(d), plannedStart, plannedEnd));
          if (s.absent) {
            expect(asOfMs).toBeGreaterThanOrEqual(plannedEnd);
            expect(worked).toBe(0);
          }
          // And a finished shift without any work is absence.
          if (asOfMs >= plannedEnd && worked === 0) expect(s.absent).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('5. a task’s time lies inside its own session: equal to the count, never above worked', () => {
    fc.assert(
      fc.property(history, (h) => {
        const expected = oracle(h);
        for (const d of aggregate(h)) {
          const o = expected.get(d.workerId)?.[dayIndex(d)];
          const positive = Object.fromEntries(Object.entries(o?.tasks ?? {}).filter(([, m]) => m > 0));
          expect(d.taskMinutes).toEqual(positive);
          for (const minutes of Object.values(d.taskMinutes)) expect(minutes).toBeLessThanOrEqual(d.workedMinutes);
        }
      }),
      RUNS,
    );
  });

  it('6. totals equal the sum of their days', () => {
    fc.assert(
      fc.property(history, (h) => {
        const days = aggregate(h);
        const byWorker = new Map<string, ReturnType<typeof emptyDayFigureTotals>>();
        for (const d of days) {
          const t = byWorker.get(d.workerId) ?? emptyDayFigureTotals();
          addDayToTotals(t, d);
          byWorker.set(d.workerId, t);
        }
        for (const [workerId, t] of byWorker) {
          const mine = days.filter((d) => d.workerId === workerId);
          const sum = (f: (d: WorkerDay) => number) => mine.reduce((a, d) => a + f(d), 0);
          expect(t).toEqual({
            workedMinutes: sum((d) => d.workedMinutes),
            presentMinutes: sum((d) => d.presentMinutes),
            awayMinutes: sum((d) => d.awayMinutes),
            plannedMinutes: sum((d) => d.schedule?.plannedMinutes ?? 0),
            overtimeMinutes: sum((d) => d.schedule?.overtimeMinutes ?? 0),
            lateStartDays: sum((d) => ((d.schedule?.lateStartMinutes ?? 0) > 0 ? 1 : 0)),
            lateStartMinutes: sum((d) => d.schedule?.lateStartMinutes ?? 0),
            earlyEndDays: sum((d) => ((d.schedule?.earlyEndMinutes ?? 0) > 0 ? 1 : 0)),
            earlyEndMinutes: sum((d) => d.schedule?.earlyEndMinutes ?? 0),
            absentDays: sum((d) => (d.schedule?.absent ? 1 : 0)),
            workDays: sum((d) => (d.workedMinutes > 0 ? 1 : 0)),
          });
          // Totals obey the day rules too.
          expect(t.presentMinutes + t.awayMinutes).toBeLessThanOrEqual(t.workedMinutes);
          expect(t.workedMinutes).toBeLessThanOrEqual(mine.length * 1440);
        }
      }),
      RUNS,
    );
  });
});

describe('the two figures of issue 16, as worked examples', () => {
  const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);
  it('the last state of a session ends with it (before: 在席 ran on through every later session)', () => {
    const sessions = [
      { id: 's1', workerId: 'w', startedAt: jst('2026-12-03 09:00'), endedAt: jst('2026-12-03 18:00') },
      { id: 's2', workerId: 'w', startedAt: jst('2026-12-04 09:00'), endedAt: jst('2026-12-04 18:01') },
    ];
    const event = (sessionId: string, state: 'PRESENT' | 'AWAY', wall: string) => ({ workerId: 'w', workSessionId: sessionId, state, occurredAt: jst(wall) });
    const days = aggregateWorkDays({
      from: '2026-12-03',
      to: '2026-12-04',
      asOf: jst('2026-12-08 01:25'),
      sessions,
      presence: presenceEventsToIntervals([
        event('s1', 'PRESENT', '2026-12-03 09:00'),
        event('s1', 'AWAY', '2026-12-03 12:00'),
        event('s1', 'PRESENT', '2026-12-03 12:50'),
        event('s2', 'PRESENT', '2026-12-04 09:00'),
        event('s2', 'AWAY', '2026-12-04 12:00'),
        event('s2', 'PRESENT', '2026-12-04 12:50'),
      ]),
    });
    expect(days.map((d) => [d.date, d.workedMinutes, d.presentMinutes, d.awayMinutes])).toEqual([
      ['2026-12-03', 540, 490, 50],
      ['2026-12-04', 541, 491, 50],
    ]);
  });

  it('at 01:25 JST nobody is absent for a 09:00–18:00 shift, and the shift is not in the plan yet; after 18:00 without work they are', () => {
    const schedules = [{ workerId: 'w', date: '2026-12-08', startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: false }];
    const run = (now: string) => aggregateWorkDays({ from: '2026-12-01', to: '2026-12-31', asOf: jst(now), sessions: [], schedules });
    expect(run('2026-12-08 01:25')).toEqual([]);
    expect(run('2026-12-08 10:00').map((d) => [d.schedule?.absent, d.schedule?.plannedMinutes])).toEqual([[false, 480]]);
    expect(run('2026-12-08 18:00').map((d) => d.schedule?.absent)).toEqual([true]);
  });
});
