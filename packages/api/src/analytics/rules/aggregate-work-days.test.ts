import { describe, expect, it } from 'vitest';
import { aggregateWorkDays } from './aggregate-work-days';
import type { PresenceIntervalInput, ScheduleInput, TaskIntervalInput, WorkSessionInput } from './types';

const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);
const session = (workerId: string, from: string, to: string | null): WorkSessionInput => ({
  workerId,
  startedAt: jst(from),
  endedAt: to === null ? null : jst(to),
});
const presence = (state: 'PRESENT' | 'AWAY', from: string, to: string | null): PresenceIntervalInput => ({
  workerId: 'w1',
  state,
  startedAt: jst(from),
  endedAt: to === null ? null : jst(to),
});
const task = (taskId: string, from: string, to: string | null): TaskIntervalInput => ({
  workerId: 'w1',
  taskId,
  startedAt: jst(from),
  endedAt: to === null ? null : jst(to),
});
const plan = (date: string, start: string, end: string, extra: Partial<ScheduleInput> = {}): ScheduleInput => {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return { workerId: 'w1', date, startMinute: minutes(start), endMinute: minutes(end), breakMinutes: 60, isDayOff: false, ...extra };
};

describe('仕様書 勤務状況分析/タスク管理: per JST day per worker', () => {
  const days = aggregateWorkDays({
    from: '2026-11-24',
    to: '2026-11-27',
    asOf: jst('2026-11-28 00:00'),
    sessions: [
      session('w1', '2026-11-23 09:00', '2026-11-23 18:00'), // before the range
      session('w1', '2026-11-24 09:10', '2026-11-24 12:00'),
      session('w1', '2026-11-24 13:00', '2026-11-24 18:30'),
      session('w1', '2026-11-25 22:00', '2026-11-26 02:00'), // across midnight
    ],
    presence: [
      presence('PRESENT', '2026-11-24 09:10', '2026-11-24 10:00'),
      presence('AWAY', '2026-11-24 10:00', '2026-11-24 10:20'),
      presence('PRESENT', '2026-11-24 10:20', '2026-11-24 12:00'),
      presence('AWAY', '2026-11-24 12:00', '2026-11-24 13:00'), // lunch, outside any session: not counted
      presence('PRESENT', '2026-11-24 13:00', null), // left open: clipped by the session end 18:30
    ],
    tasks: [task('t1', '2026-11-24 09:10', '2026-11-24 12:00'), task('t2', '2026-11-24 13:00', '2026-11-24 19:00'), task('t1', '2026-11-25 22:00', null)],
    schedules: [plan('2026-11-24', '09:00', '18:00'), plan('2026-11-25', '09:00', '18:00'), plan('2026-11-27', '09:00', '18:00')],
  });
  const day = (date: string) => days.find((d) => d.workerId === 'w1' && d.date === date);

  it('reports only days in range that had work or a schedule', () => {
    expect(days.map((d) => d.date)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  });

  it('worked, present, away and task minutes on a day with a lunch break', () => {
    expect(day('2026-11-24')).toMatchObject({
      workedMinutes: 500,
      presentMinutes: 480,
      awayMinutes: 20,
      taskMinutes: { t1: 170, t2: 330 },
      firstStartAt: jst('2026-11-24 09:10'),
      lastEndAt: jst('2026-11-24 18:30'),
      stillOpen: false,
    });
  });

  it('schedule vs actual: 10 min late, no early end, 30 min outside the plan', () => {
    expect(day('2026-11-24')?.schedule).toEqual({
      dayOff: false,
      plannedStartAt: jst('2026-11-24 09:00'),
      plannedEndAt: jst('2026-11-24 18:00'),
      plannedMinutes: 480,
      absent: false,
      lateStartMinutes: 10,
      earlyEndMinutes: 0,
      overtimeMinutes: 30,
    });
  });

  it('a session across midnight is split between the two JST days', () => {
    expect(day('2026-11-25')).toMatchObject({ workedMinutes: 120, taskMinutes: { t1: 120 }, lastEndAt: jst('2026-11-26 00:00') });
    expect(day('2026-11-26')).toMatchObject({ workedMinutes: 120, taskMinutes: { t1: 120 }, firstStartAt: jst('2026-11-26 00:00'), schedule: null });
  });

  it('working only outside the plan: late by the whole window, all of it overtime', () => {
    expect(day('2026-11-25')?.schedule).toMatchObject({ absent: false, lateStartMinutes: 540, earlyEndMinutes: 0, overtimeMinutes: 120 });
  });

  it('a scheduled day without work is an absence', () => {
    expect(day('2026-11-27')).toMatchObject({ workedMinutes: 0, firstStartAt: null, schedule: { absent: true, lateStartMinutes: 0, overtimeMinutes: 0 } });
  });
});

describe('schedule comparison details', () => {
  const run = (sessions: WorkSessionInput[], schedules: ScheduleInput[], asOf = '2026-11-25 00:00') =>
    aggregateWorkDays({ from: '2026-11-24', to: '2026-11-24', asOf: jst(asOf), sessions, schedules });

  it('early end: leaving at 16:00 against 18:00', () => {
    const [d] = run([session('w1', '2026-11-24 08:50', '2026-11-24 16:00')], [plan('2026-11-24', '09:00', '18:00')]);
    expect(d?.schedule).toMatchObject({ lateStartMinutes: 0, earlyEndMinutes: 120, overtimeMinutes: 10 });
  });

  it('an open session is not an early end yet', () => {
    const [d] = run([session('w1', '2026-11-24 09:00', null)], [plan('2026-11-24', '09:00', '18:00')], '2026-11-24 15:00');
    expect(d).toMatchObject({ workedMinutes: 360, stillOpen: true, schedule: { earlyEndMinutes: 0 } });
  });

  it('work on a day off is all overtime', () => {
    const [d] = run([session('w1', '2026-11-24 10:00', '2026-11-24 12:30')], [plan('2026-11-24', '09:00', '18:00', { isDayOff: true })]);
    expect(d?.schedule).toEqual({
      dayOff: true,
      plannedStartAt: null,
      plannedEndAt: null,
      plannedMinutes: 0,
      absent: false,
      lateStartMinutes: 0,
      earlyEndMinutes: 0,
      overtimeMinutes: 150,
    });
  });

  it('overlapping sessions (two PCs) are not counted twice', () => {
    const [d] = run([session('w1', '2026-11-24 09:00', '2026-11-24 12:00'), session('w1', '2026-11-24 11:00', '2026-11-24 13:00')], []);
    expect(d?.workedMinutes).toBe(240);
  });

  it('refuses a schedule longer than 24 h or starting on the next day; a night shift ending next morning is fine', () => {
    const worked = [session('w1', '2026-11-24 09:00', '2026-11-24 10:00')];
    expect(() => run(worked, [{ ...plan('2026-11-24', '22:00', '23:00'), endMinute: 1320 + 1441 }])).toThrow(RangeError);
    expect(() => run(worked, [{ ...plan('2026-11-24', '22:00', '23:00'), startMinute: 1440, endMinute: 1500 }])).toThrow(RangeError);
    expect(() => run(worked, [{ ...plan('2026-11-24', '22:00', '23:00'), endMinute: 1500 }])).not.toThrow();
  });

  it('seconds are summed before flooring to minutes', () => {
    const [d] = aggregateWorkDays({
      from: '2026-11-24',
      to: '2026-11-24',
      asOf: jst('2026-11-25 00:00'),
      sessions: [
        { workerId: 'w1', startedAt: new Date('2026-11-24T00:00:00Z'), endedAt: new Date('2026-11-24T00:00:40Z') },
        { workerId: 'w1', startedAt: new Date('2026-11-24T01:00:00Z'), endedAt: new Date('2026-11-24T01:00:40Z') },
      ],
    });
    expect(d?.workedMinutes).toBe(1);
  });

  it('keeps workers apart', () => {
    const days = aggregateWorkDays({
      from: '2026-11-24',
      to: '2026-11-24',
      asOf: jst('2026-11-25 00:00'),
      sessions: [session('a', '2026-11-24 09:00', '2026-11-24 10:00'), session('b', '2026-11-24 09:00', '2026-11-24 11:00')],
    });
    expect(days.map((d) => [d.workerId, d.workedMinutes])).toEqual([
      ['a', 60],
      ['b', 120],
    ]);
  });
});
