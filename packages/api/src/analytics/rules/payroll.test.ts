import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBusinessDay } from '../../calendar/business-days';
import { dayNumberToIsoDate, isoDateToDayNumber } from '../../calendar/day-number';
import { HISTORY_DAYS, HISTORY_FROM, HISTORY_TO, at, eventInputs, historyArb, materialise, sessionInputs, taskInputs, type History } from '../../testing/attendance-history';
import { aggregateWorkDays } from './aggregate-work-days';
import { payrollDay, payrollTotals } from './payroll';
import { presenceEventsToIntervals } from './presence-intervals';
import type { ScheduleInput, WorkSessionInput } from './types';

const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);
const session = (workerId: string, from: string, to: string): WorkSessionInput => ({ workerId, startedAt: jst(from), endedAt: jst(to) });
const plan = (workerId: string, date: string, extra: Partial<ScheduleInput> = {}): ScheduleInput => ({ workerId, date, startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: false, ...extra });

// Worked example, hand-computed. December 2026: 12/01 Tue … 12/05 Sat, 12/06 Sun.
// Worker a (plan 09:00–18:00, break 60 on 12/01–12/04; 12/05 no schedule → Saturday, a non-work day):
//   12/01 09:00–18:00         worked 540, overtime 60, night 0
//   12/02 09:15–23:30         worked 855 (late 15), overtime 375, night 90 (22:00–23:30)
//   12/03 no work             absent
//   12/04 09:00–17:00, then 22:30 → 12/05 06:00
//         12/04: 480 + 90 = 570 worked (early end: plan ends 18:00, last end is 24:00 → not early), overtime 90, night 90
//         12/05: 360 worked (Saturday, no schedule → 休日出勤 360), overtime 0, night 300 (00:00–05:00)
//   totals: present 4 days, absent 1, late 1, early 0, worked 540+855+570+360 = 2325,
//           overtime 60+375+90 = 525, night 0+90+90+300 = 480, holiday 360.
// Worker b: 12/01 plan, 10:00–16:00 worked (late 60, early 120), 12/02 a planned day off with 21:00–23:00
//   worked: 120 worked, night 60, holiday 120 (day off by schedule though a Wednesday).
//   totals: present 2, absent 0, late 1, early 1, worked 480, overtime 0, night 60, holiday 120.
// Worker c: nothing at all: a row of zeros.
describe('payroll figures: worked example', () => {
  const days = aggregateWorkDays({
    from: '2026-12-01',
    to: '2026-12-05',
    asOf: jst('2026-12-08 12:00'),
    sessions: [
      session('a', '2026-12-01 09:00', '2026-12-01 18:00'),
      session('a', '2026-12-02 09:15', '2026-12-02 23:30'),
      session('a', '2026-12-04 09:00', '2026-12-04 17:00'),
      session('a', '2026-12-04 22:30', '2026-12-05 06:00'),
      session('b', '2026-12-01 10:00', '2026-12-01 16:00'),
      session('b', '2026-12-02 21:00', '2026-12-02 23:00'),
    ],
    schedules: [
      ...['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'].map((d) => plan('a', d)),
      plan('b', '2026-12-01'),
      plan('b', '2026-12-02', { isDayOff: true }),
    ],
  });
  const totals = payrollTotals([{ userId: 'a' }, { userId: 'b' }, { userId: 'c' }], days, isBusinessDay);

  it('night minutes per day, cut at JST midnight', () => {
    const night = Object.fromEntries(days.filter((d) => d.workerId === 'a').map((d) => [d.date, d.nightMinutes]));
    expect(night).toEqual({ '2026-12-01': 0, '2026-12-02': 90, '2026-12-03': 0, '2026-12-04': 90, '2026-12-05': 300 });
  });

  it('per worker, as computed by hand', () => {
    expect(totals).toEqual([
      { userId: 'a', presentDays: 4, absentDays: 1, lateDays: 1, earlyDays: 0, workedMinutes: 2325, overtimeMinutes: 525, nightMinutes: 480, holidayMinutes: 360 },
      { userId: 'b', presentDays: 2, absentDays: 0, lateDays: 1, earlyDays: 1, workedMinutes: 480, overtimeMinutes: 0, nightMinutes: 60, holidayMinutes: 120 },
      { userId: 'c', presentDays: 0, absentDays: 0, lateDays: 0, earlyDays: 0, workedMinutes: 0, overtimeMinutes: 0, nightMinutes: 0, holidayMinutes: 0 },
    ]);
  });

  it('a 24 h day: 480 legal, 960 overtime, 420 night (00:00–05:00 and 22:00–24:00)', () => {
    const [d] = aggregateWorkDays({ from: '2026-12-01', to: '2026-12-01', asOf: jst('2026-12-03 00:00'), sessions: [session('a', '2026-12-01 00:00', '2026-12-02 00:00')] });
    expect(d && payrollDay(d, isBusinessDay)).toMatchObject({ workedMinutes: 1440, overtimeMinutes: 960, nightMinutes: 420, holidayMinutes: 0 });
  });
});

// Random histories (the generator of the attendance invariants): the payroll totals equal a
// minute-by-minute count written here, independently of the aggregation, and night ≤ worked.
describe('payroll figures: 1,000 random histories', () => {
  const history = historyArb.map(materialise);
  const firstDay = isoDateToDayNumber(HISTORY_FROM);

  function expected(h: History, workerId: string) {
    const limit = Math.min(h.asOf, HISTORY_DAYS * 1440);
    const own = h.sessions.filter((s) => s.workerId === workerId);
    const out = { presentDays: 0, workedMinutes: 0, overtimeMinutes: 0, nightMinutes: 0, holidayMinutes: 0 };
    for (let day = 0; day < HISTORY_DAYS; day += 1) {
      let worked = 0;
      let night = 0;
      for (let m = day * 1440; m < Math.min(limit, (day + 1) * 1440); m += 1) {
        if (!own.some((s) => s.start <= m && m < (s.end ?? h.asOf))) continue;
        worked += 1;
        const clock = m % 1440;
        if (clock >= 22 * 60 || clock < 5 * 60) night += 1;
      }
      const date = dayNumberToIsoDate(firstDay + day);
      const schedule = h.schedules.find((s) => s.workerId === workerId && s.date === date);
      const offDay = schedule ? schedule.isDayOff : !isBusinessDay(date);
      out.workedMinutes += worked;
      out.nightMinutes += night;
      out.overtimeMinutes += Math.max(0, worked - 480);
      if (offDay) out.holidayMinutes += worked;
      if (worked > 0) out.presentDays += 1;
    }
    return out;
  }

  it('totals equal the sum of the days, and night ≤ worked for every person', () => {
    fc.assert(
      fc.property(history, (h) => {
        const days = aggregateWorkDays({
          from: HISTORY_FROM,
          to: HISTORY_TO,
          asOf: at(h.asOf),
          sessions: sessionInputs(h),
          presence: presenceEventsToIntervals(eventInputs(h)),
          tasks: taskInputs(h),
          schedules: h.schedules,
        });
        const workers = [...new Set(h.sessions.map((s) => s.workerId))].map((userId) => ({ userId }));
        for (const t of payrollTotals(workers, days, isBusinessDay)) {
          expect(t.nightMinutes).toBeLessThanOrEqual(t.workedMinutes);
          expect(t.overtimeMinutes).toBeLessThanOrEqual(t.workedMinutes);
          expect(t.holidayMinutes).toBeLessThanOrEqual(t.workedMinutes);
          expect({ presentDays: t.presentDays, workedMinutes: t.workedMinutes, overtimeMinutes: t.overtimeMinutes, nightMinutes: t.nightMinutes, holidayMinutes: t.holidayMinutes }).toEqual(expected(h, t.userId));
          const mine = days.filter((d) => d.workerId === t.userId);
          expect(t.absentDays).toBe(mine.filter((d) => d.schedule?.absent).length);
          expect(t.lateDays).toBe(mine.filter((d) => (d.schedule?.lateStartMinutes ?? 0) > 0).length);
          expect(t.earlyDays).toBe(mine.filter((d) => (d.schedule?.earlyEndMinutes ?? 0) > 0).length);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});
