import { describe, expect, it } from 'vitest';
import { splitIntervalByJstDay } from './split-by-day';

const at = (iso: string) => new Date(iso);

describe('splitIntervalByJstDay', () => {
  it.each([
    ['same day 09:00–17:30 JST', '2026-04-10T00:00:00Z', '2026-04-10T08:30:00Z', [['2026-04-10', 510]]],
    ['across midnight 22:00–02:00 JST', '2026-04-10T13:00:00Z', '2026-04-10T17:00:00Z', [['2026-04-10', 120], ['2026-04-11', 120]]],
    ['ends exactly at midnight', '2026-04-10T13:00:00Z', '2026-04-10T15:00:00Z', [['2026-04-10', 120]]],
    ['starts exactly at midnight', '2026-04-10T15:00:00Z', '2026-04-10T16:00:00Z', [['2026-04-11', 60]]],
    ['month end 4/30 23:00 – 5/1 01:00 JST', '2026-04-30T14:00:00Z', '2026-04-30T16:00:00Z', [['2026-04-30', 60], ['2026-05-01', 60]]],
    ['leap day and three days', '2028-02-28T14:00:00Z', '2028-03-01T15:30:00Z', [['2028-02-28', 60], ['2028-02-29', 1440], ['2028-03-01', 1440], ['2028-03-02', 30]]],
    ['year end', '2026-12-31T14:30:00Z', '2026-12-31T15:30:00Z', [['2026-12-31', 30], ['2027-01-01', 30]]],
    ['seconds give fractional minutes', '2026-04-10T00:00:00Z', '2026-04-10T00:00:30Z', [['2026-04-10', 0.5]]],
    ['empty interval', '2026-04-10T00:00:00Z', '2026-04-10T00:00:00Z', []],
    ['reversed interval', '2026-04-10T01:00:00Z', '2026-04-10T00:00:00Z', []],
  ])('%s', (_name, start, end, expected) => {
    const pieces = splitIntervalByJstDay(at(start), at(end));
    expect(pieces.map((p) => [p.date, p.minutes])).toEqual(expected);
  });

  it('pieces always add up to the whole interval', () => {
    const start = at('2026-01-30T07:13:00Z');
    for (let hours = 0; hours < 24 * 40; hours += 7) {
      const end = new Date(start.getTime() + hours * 3_600_000 + 11 * 60_000);
      const total = splitIntervalByJstDay(start, end).reduce((sum, p) => sum + p.minutes, 0);
      expect(total).toBe(hours * 60 + 11);
    }
  });
});
