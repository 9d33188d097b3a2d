import { describe, expect, it } from 'vitest';
import { SUPPORT_MINUTES_PER_DAY, addBusinessMinutes, businessMinutesBetween, isWithinSupportHours, nextSupportOpening } from './support-hours';

const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);
const wall = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('仕様書 4(2)① support clock: business days 9:00–11:45 and 13:00–17:00 JST', () => {
  it('has 405 minutes a day', () => {
    expect(SUPPORT_MINUTES_PER_DAY).toBe(405);
  });

  it.each([
    ['2026-11-27 09:00', true],
    ['2026-11-27 08:59', false],
    ['2026-11-27 11:44', true],
    ['2026-11-27 11:45', false],
    ['2026-11-27 12:59', false],
    ['2026-11-27 13:00', true],
    ['2026-11-27 16:59', true],
    ['2026-11-27 17:00', false],
    ['2026-11-28 10:00', false], // Saturday
    ['2026-11-23 10:00', false], // 勤労感謝の日
    ['2026-12-29 10:00', true], // no year-end closure in the source
  ])('仕様書 4(2)①: %s JST open = %s', (at, open) => {
    expect(isWithinSupportHours(jst(at))).toBe(open);
  });

  it.each([
    // received (JST), business minutes, due (JST)
    ['2026-11-27 10:00', 180, '2026-11-27 14:15'], // across lunch
    ['2026-11-27 16:00', 180, '2026-11-30 11:00'], // 60 on Friday, 120 on Monday after the weekend
    ['2026-11-28 10:00', 180, '2026-11-30 13:15'], // received on Saturday: 165 from Monday 9:00, then 15 after lunch
    ['2026-11-20 16:00', 180, '2026-11-24 11:00'], // Monday 11/23 is a holiday
    ['2026-11-27 11:45', 180, '2026-11-27 16:00'], // at closing: starts at 13:00
    ['2026-11-27 12:30', 60, '2026-11-27 14:00'], // during lunch
    ['2026-11-27 09:00', 165, '2026-11-27 11:45'], // uses the morning exactly: due at closing
    ['2026-11-27 08:00', 0, '2026-11-27 09:00'],
    ['2026-11-27 17:30', 1, '2026-11-30 09:01'],
    ['2026-05-01 16:30', 180, '2026-05-07 11:30'], // Golden Week 5/2–5/6
    ['2026-12-31 16:00', 180, '2027-01-04 11:00'], // 元日, then the weekend
    ['2026-11-27 00:00', 405, '2026-11-27 17:00'],
    ['2026-11-27 00:00', 406, '2026-11-30 09:01'],
  ])('仕様書 4(2)①: received %s + %i business minutes → due %s', (received, minutes, due) => {
    expect(wall(addBusinessMinutes(jst(received), minutes))).toBe(due);
  });

  it('仕様書 4(2)①: JST, not UTC, decides the day (Thu 23:00 UTC is Fri 08:00 JST)', () => {
    expect(wall(addBusinessMinutes(new Date('2026-11-26T23:00:00Z'), 180))).toBe('2026-11-27 13:15');
  });

  it.each([
    ['2026-11-27 10:00', '2026-11-27 14:15', 180],
    ['2026-11-27 16:00', '2026-11-30 11:00', 180],
    ['2026-11-27 16:00', '2026-11-30 13:15', 240],
    ['2026-11-30 00:00', '2026-12-07 00:00', 5 * 405],
    ['2026-11-28 00:00', '2026-11-30 00:00', 0],
    ['2026-11-27 14:15', '2026-11-27 10:00', -180],
    ['2026-11-27 11:00', '2026-11-27 11:00', 0],
  ])('仕様書 4(2)①: support minutes from %s to %s = %i', (a, b, minutes) => {
    expect(businessMinutesBetween(jst(a), jst(b))).toBe(minutes);
  });

  it('仕様書 4(2)①: adding then measuring gives back the same minutes (1,000 pseudo-random cases)', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const base = jst('2026-01-01 00:00').getTime();
    for (let i = 0; i < 1_000; i += 1) {
      const start = new Date(base + Math.floor(random() * 700 * 86_400_000));
      const minutes = Math.floor(random() * 5_000);
      const due = addBusinessMinutes(start, minutes);
      const measured = businessMinutesBetween(start, due);
      if (measured !== minutes) throw new Error(`${start.toISOString()} + ${minutes} → ${due.toISOString()} measures ${measured}`);
    }
    expect(seed).not.toBe(42);
  });

  it('next opening is the instant itself when open', () => {
    expect(wall(nextSupportOpening(jst('2026-11-27 10:00')))).toBe('2026-11-27 10:00');
    expect(wall(nextSupportOpening(jst('2026-11-27 17:00')))).toBe('2026-11-30 09:00');
  });

  it('refuses negative minutes', () => {
    expect(() => addBusinessMinutes(jst('2026-11-27 10:00'), -1)).toThrow(RangeError);
  });
});
