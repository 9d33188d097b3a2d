import { describe, expect, it } from 'vitest';
import { closeForgottenSession, type ForgottenEndRule } from './forgotten-end';

const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);

describe('forgotten work end (Tenant.forgottenEndRule)', () => {
  it.each<[string, ForgottenEndRule, string, string | null, string, string | null]>([
    // name, rule, started, scheduled end, now, expected close (null = stays open)
    ['midnight: before midnight stays open', { kind: 'AT_JST_MIDNIGHT' }, '2026-11-27 09:00', null, '2026-11-27 23:59', null],
    ['midnight: closes at 00:00 JST', { kind: 'AT_JST_MIDNIGHT' }, '2026-11-27 09:00', null, '2026-11-28 00:00', '2026-11-28 00:00'],
    ['midnight: a session begun at 23:30 closes 30 min later', { kind: 'AT_JST_MIDNIGHT' }, '2026-11-27 23:30', null, '2026-11-28 08:00', '2026-11-28 00:00'],
    ['after 12 hours', { kind: 'AFTER_HOURS', hours: 12 }, '2026-11-27 09:00', null, '2026-11-28 08:00', '2026-11-27 21:00'],
    ['after 12 hours: not yet', { kind: 'AFTER_HOURS', hours: 12 }, '2026-11-27 09:00', null, '2026-11-27 20:59', null],
    ['scheduled end', { kind: 'AT_SCHEDULED_END' }, '2026-11-27 09:00', '2026-11-27 18:00', '2026-11-27 18:30', '2026-11-27 18:00'],
    ['scheduled end: no schedule falls back to midnight', { kind: 'AT_SCHEDULED_END' }, '2026-11-27 09:00', null, '2026-11-28 01:00', '2026-11-28 00:00'],
    ['scheduled end: began after the planned end → midnight', { kind: 'AT_SCHEDULED_END' }, '2026-11-27 19:00', '2026-11-27 18:00', '2026-11-27 23:00', null],
    ['scheduled end: began after the planned end → closes at midnight', { kind: 'AT_SCHEDULED_END' }, '2026-11-27 19:00', '2026-11-27 18:00', '2026-11-28 00:00', '2026-11-28 00:00'],
  ])('%s', (_name, rule, startedAt, scheduledEnd, now, expected) => {
    const decision = closeForgottenSession({ startedAt: jst(startedAt), endedAt: null }, rule, {
      now: jst(now),
      scheduledEnd: scheduledEnd === null ? null : jst(scheduledEnd),
    });
    expect(decision).toEqual(expected === null ? { endedAt: null, flaggedForgotten: false } : { endedAt: jst(expected), flaggedForgotten: true });
  });

  it('a punched end is kept and not flagged', () => {
    const endedAt = jst('2026-11-27 17:45');
    expect(closeForgottenSession({ startedAt: jst('2026-11-27 09:00'), endedAt }, { kind: 'AT_JST_MIDNIGHT' }, { now: jst('2026-11-29 00:00') })).toEqual({
      endedAt,
      flaggedForgotten: false,
    });
  });

  it('refuses a non-positive number of hours', () => {
    expect(() => closeForgottenSession({ startedAt: jst('2026-11-27 09:00'), endedAt: null }, { kind: 'AFTER_HOURS', hours: 0 }, { now: jst('2026-11-28 00:00') })).toThrow(
      RangeError,
    );
  });
});
