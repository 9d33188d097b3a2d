import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../../calendar';
import { daysInMonth as monthLength, isoDateToDayNumber } from '../../calendar/day-number';

const daysInMonth = (first: IsoDate) => monthLength(Number(first.slice(0, 4)), Number(first.slice(5, 7)));
import { jstDayStartMs } from '../../calendar/jst';
import { aggregateWorkDays, isValidShift } from './aggregate-work-days';
import type { ScheduleInput, WorkSessionInput } from './types';

// Night shifts (夜勤) that end after JST midnight: the shift belongs to the day it starts on
// (docs/attendance-rules.md, "Schedules"). 1,000 random months per property.

const RUNS = { numRuns: 1_000 };
const MINUTE = 60_000;
const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);

const monthArb = fc.record({ year: fc.integer({ min: 2026, max: 2028 }), month: fc.integer({ min: 1, max: 12 }) }).map(({ year, month }) => `${year}-${String(month).padStart(2, '0')}`);

describe('night shifts, 1,000 random months each', () => {
  it('planned minutes over a month equal the sum of the shift lengths, each on the day its shift starts', () => {
    const shiftArb = fc.option(
      fc.record({ start: fc.integer({ min: 0, max: 1439 }), length: fc.integer({ min: 1, max: 1440 }), breakMinutes: fc.integer({ min: 0, max: 120 }), dayOff: fc.boolean() }),
      { nil: null },
    );
    fc.assert(
      fc.property(monthArb, fc.array(shiftArb, { minLength: 31, maxLength: 31 }), (month, plan) => {
        const from: IsoDate = `${month}-01`;
        const to = addDays(from, daysInMonth(from) - 1);
        const schedules: ScheduleInput[] = [];
        let expected = 0;
        for (let i = 0; i < daysInMonth(from); i += 1) {
          const p = plan[i];
          if (!p) continue;
          schedules.push({ workerId: 'w', date: addDays(from, i), startMinute: p.start, endMinute: p.start + p.length, breakMinutes: p.breakMinutes, isDayOff: p.dayOff });
          if (!p.dayOff) expected += Math.max(0, p.length - p.breakMinutes);
        }
        // Looked at two days after the month, when every shift (the last night's too) is over.
        const rows = aggregateWorkDays({ from, to, asOf: new Date(jstDayStartMs(isoDateToDayNumber(to) + 2)), sessions: [], schedules });
        expect(rows.reduce((sum, d) => sum + (d.schedule?.plannedMinutes ?? 0), 0)).toBe(expected);
        for (const d of rows) {
          const s = schedules.find((x) => x.date === d.date);
          expect(s).toBeDefined();
          if (!s || s.isDayOff) continue;
          expect(d.schedule?.plannedStartAt?.getTime()).toBe(jstDayStartMs(isoDateToDayNumber(d.date)) + s.startMinute * MINUTE);
          expect(d.schedule?.plannedEndAt?.getTime()).toBe(jstDayStartMs(isoDateToDayNumber(d.date)) + s.endMinute * MINUTE);
          expect(d.schedule?.absent).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('lateness and early leave are measured against the shift of the day it starts on, across midnight', () => {
    // Day and night shifts starting 10:00–23:00 and lasting 4–10 h: the previous night's shift ends
    // by 09:00, so each day's work is told apart; the worker comes up to 60 min early or 120 min late
    // and leaves up to 120 min early.
    const dayArb = fc.option(
      fc.record({ start: fc.integer({ min: 600, max: 1380 }), length: fc.integer({ min: 240, max: 600 }), arrive: fc.integer({ min: -60, max: 120 }), leaveEarly: fc.integer({ min: 0, max: 120 }) }),
      { nil: null },
    );
    fc.assert(
      fc.property(monthArb, fc.array(dayArb, { minLength: 31, maxLength: 31 }), (month, plan) => {
        const from: IsoDate = `${month}-01`;
        const days = daysInMonth(from);
        const to = addDays(from, days - 1);
        const schedules: ScheduleInput[] = [];
        const sessions: WorkSessionInput[] = [];
        for (let i = 0; i < days; i += 1) {
          const p = plan[i];
          if (!p) continue;
          const date = addDays(from, i);
          const midnight = jstDayStartMs(isoDateToDayNumber(date));
          schedules.push({ workerId: 'w', date, startMinute: p.start, endMinute: p.start + p.length, breakMinutes: 60, isDayOff: false });
          const start = midnight + (p.start + p.arrive) * MINUTE;
          const end = Math.max(start + MINUTE, midnight + (p.start + p.length - p.leaveEarly) * MINUTE);
          sessions.push({ workerId: 'w', startedAt: new Date(start), endedAt: new Date(end) });
        }
        const rows = aggregateWorkDays({ from, to, asOf: new Date(jstDayStartMs(isoDateToDayNumber(to) + 2)), sessions, schedules });
        for (let i = 0; i < days; i += 1) {
          const p = plan[i];
          if (!p) continue;
          const row = rows.find((d) => d.date === addDays(from, i));
          const endMinute = Math.max(p.start + p.arrive + 1, p.start + p.length - p.leaveEarly);
          expect(row?.schedule).toMatchObject({
            absent: false,
            plannedMinutes: p.length - 60,
            lateStartMinutes: Math.min(p.length, Math.max(0, p.arrive)),
            earlyEndMinutes: Math.max(0, p.start + p.length - endMinute),
          });
        }
      }),
      RUNS,
    );
  });
});

describe('a 22:00–07:00 night shift, worked example', () => {
  const schedules: ScheduleInput[] = ['2026-12-10', '2026-12-11'].map((date) => ({ workerId: 'w', date, startMinute: 22 * 60, endMinute: 31 * 60, breakMinutes: 60, isDayOff: false }));

  it('is late and leaves early against its own night; the next morning’s hours stay on that day', () => {
    const sessions = [
      { workerId: 'w', startedAt: jst('2026-12-10 22:15'), endedAt: jst('2026-12-11 06:30') },
      { workerId: 'w', startedAt: jst('2026-12-11 21:50'), endedAt: jst('2026-12-12 07:20') },
    ];
    const rows = aggregateWorkDays({ from: '2026-12-10', to: '2026-12-11', asOf: jst('2026-12-13 09:00'), sessions, schedules });
    expect(rows.map((d) => [d.date, d.workedMinutes, d.schedule?.plannedMinutes, d.schedule?.lateStartMinutes, d.schedule?.earlyEndMinutes, d.schedule?.absent])).toEqual([
      // 12/10: 22:15–24:00 worked that day; the shift is 15 min late and left 30 min early (06:30).
      ['2026-12-10', 105, 480, 15, 30, false],
      // 12/11: 00:00–06:30 (the previous night) + 21:50–24:00 worked; its own night on time and to the end.
      ['2026-12-11', 390 + 130, 480, 0, 0, false],
    ]);
    // 12/11's out-of-plan time: 21:50–22:00 (10 min); the morning 00:00–06:30 was the previous plan.
    expect(rows[1]?.schedule?.overtimeMinutes).toBe(10);
  });

  it('the night’s tail on a following day off is planned time, not out of plan', () => {
    const off: ScheduleInput = { workerId: 'w', date: '2026-12-12', startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: true };
    const sessions = [{ workerId: 'w', startedAt: jst('2026-12-11 22:00'), endedAt: jst('2026-12-12 08:00') }];
    const rows = aggregateWorkDays({ from: '2026-12-12', to: '2026-12-12', asOf: jst('2026-12-13 09:00'), sessions, schedules: [...schedules, off] });
    // 00:00–08:00 worked on the day off: 00:00–07:00 is the 12/11 night's plan, 07:00–08:00 is not.
    expect(rows.map((d) => [d.workedMinutes, d.schedule?.dayOff, d.schedule?.overtimeMinutes])).toEqual([[480, true, 60]]);
  });

  it('is not absent while the night is under way, absent after 07:00 next morning without work', () => {
    const run = (now: string) => aggregateWorkDays({ from: '2026-12-10', to: '2026-12-10', asOf: jst(now), sessions: [], schedules });
    expect(run('2026-12-10 21:00')).toEqual([]);
    expect(run('2026-12-11 03:00').map((d) => d.schedule?.absent)).toEqual([false]);
    expect(run('2026-12-11 07:00').map((d) => d.schedule?.absent)).toEqual([true]);
  });

  it('a session still open after midnight is not an early end', () => {
    const rows = aggregateWorkDays({ from: '2026-12-10', to: '2026-12-10', asOf: jst('2026-12-11 05:00'), sessions: [{ workerId: 'w', startedAt: jst('2026-12-10 22:00'), endedAt: null }], schedules });
    expect(rows[0]?.schedule).toMatchObject({ lateStartMinutes: 0, earlyEndMinutes: 0, absent: false });
  });

  it('accepts shifts of up to 24 h that start within the day', () => {
    expect([isValidShift(1320, 1860), isValidShift(0, 1440), isValidShift(600, 2040), isValidShift(600, 2041), isValidShift(1440, 1500), isValidShift(600, 600)]).toEqual([true, true, true, false, false, false]);
  });
});
