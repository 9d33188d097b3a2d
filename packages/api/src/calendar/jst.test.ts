import { describe, expect, it } from 'vitest';
import {
  endOfJstDay,
  endOfJstMonth,
  endOfJstWeek,
  formatJstDateTime,
  jstFileStamp,
  jstDateTimeToInstant,
  jstDayRange,
  jstMinuteOfDay,
  startOfJstDay,
  startOfJstMonth,
  startOfJstWeek,
  toJstDate,
} from './jst';

const at = (iso: string) => new Date(iso);

describe('JST calendar days (UTC+9, no DST)', () => {
  it.each([
    ['2026-04-09T14:59:59.999Z', '2026-04-09'],
    ['2026-04-09T15:00:00.000Z', '2026-04-10'],
    ['2026-12-31T15:00:00Z', '2027-01-01'],
    ['2028-02-28T15:00:00Z', '2028-02-29'],
    ['1969-12-31T15:00:00Z', '1970-01-01'],
    ['1969-12-31T14:59:59Z', '1969-12-31'],
  ])('toJstDate(%s) = %s', (instant, date) => {
    expect(toJstDate(at(instant))).toBe(date);
  });

  it('matches Intl (Asia/Tokyo) on an hourly sweep of two years', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 3_600_000 + 17_000) {
      const d = new Date(ms);
      if (toJstDate(d) !== fmt.format(d)) throw new Error(`${d.toISOString()}: ${toJstDate(d)} ≠ ${fmt.format(d)}`);
    }
    expect(toJstDate(at('2027-06-30T20:00:00Z'))).toBe(fmt.format(at('2027-06-30T20:00:00Z')));
  });

  it.each([
    ['2026-04-10', 0, '2026-04-09T15:00:00.000Z'],
    ['2026-04-10', 9 * 60, '2026-04-10T00:00:00.000Z'],
    ['2026-04-10', 17 * 60 + 30, '2026-04-10T08:30:00.000Z'],
    ['2026-04-10', 25 * 60, '2026-04-10T16:00:00.000Z'],
    ['2026-03-01', -60, '2026-02-28T14:00:00.000Z'],
  ])('jstDateTimeToInstant(%s, %i min) = %s', (date, minutes, iso) => {
    expect(jstDateTimeToInstant(date, minutes).toISOString()).toBe(iso);
  });

  it('minute of day and display format are JST wall time', () => {
    expect(jstMinuteOfDay(at('2026-04-10T00:30:30Z'))).toBe(9 * 60 + 30.5);
    expect(formatJstDateTime(at('2026-04-09T15:04:05Z'))).toBe('2026-04-10 00:04:05');
    // The example: 16:56 UTC on 7 December is 01:56 on the 8th in Tokyo.
    expect(jstFileStamp(at('2026-12-07T16:56:59Z'))).toBe('202612080156');
    expect(jstFileStamp(at('2026-12-31T14:59:00Z'))).toBe('202612312359');
    expect(jstFileStamp(at('2026-12-31T15:00:00Z'))).toBe('202701010000');
  });

  it.each([
    // instant, day start, day end, week start (Mon), week end, month start, month end
    ['2026-04-10T03:00:00Z', '2026-04-09T15:00:00.000Z', '2026-04-10T15:00:00.000Z', '2026-04-05T15:00:00.000Z', '2026-04-12T15:00:00.000Z', '2026-03-31T15:00:00.000Z', '2026-04-30T15:00:00.000Z'],
    // Sunday 23:59 JST still belongs to the week that began the Monday before.
    ['2026-04-12T14:59:00Z', '2026-04-11T15:00:00.000Z', '2026-04-12T15:00:00.000Z', '2026-04-05T15:00:00.000Z', '2026-04-12T15:00:00.000Z', '2026-03-31T15:00:00.000Z', '2026-04-30T15:00:00.000Z'],
    // 00:30 JST on 1 Jan is already the new year although UTC is still in December.
    ['2026-12-31T15:30:00Z', '2026-12-31T15:00:00.000Z', '2027-01-01T15:00:00.000Z', '2026-12-27T15:00:00.000Z', '2027-01-03T15:00:00.000Z', '2026-12-31T15:00:00.000Z', '2027-01-31T15:00:00.000Z'],
    ['2028-02-29T12:00:00Z', '2028-02-28T15:00:00.000Z', '2028-02-29T15:00:00.000Z', '2028-02-27T15:00:00.000Z', '2028-03-05T15:00:00.000Z', '2028-01-31T15:00:00.000Z', '2028-02-29T15:00:00.000Z'],
  ])('day/week/month bounds of %s', (instant, dayStart, dayEnd, weekStart, weekEnd, monthStart, monthEnd) => {
    const d = at(instant);
    expect(startOfJstDay(d).toISOString()).toBe(dayStart);
    expect(endOfJstDay(d).toISOString()).toBe(dayEnd);
    expect(startOfJstWeek(d).toISOString()).toBe(weekStart);
    expect(endOfJstWeek(d).toISOString()).toBe(weekEnd);
    expect(startOfJstMonth(d).toISOString()).toBe(monthStart);
    expect(endOfJstMonth(d).toISOString()).toBe(monthEnd);
  });

  it('jstDayRange gives the half-open range of a calendar day', () => {
    const { start, end } = jstDayRange('2026-05-31');
    expect([start.toISOString(), end.toISOString()]).toEqual(['2026-05-30T15:00:00.000Z', '2026-05-31T15:00:00.000Z']);
  });
});
