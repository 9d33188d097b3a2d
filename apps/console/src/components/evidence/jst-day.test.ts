import { describe, expect, it } from 'vitest';
import { addDays, jstDayRange, jstDayStart } from './jst-day';

describe('Tokyo day ranges', () => {
  it('starts a Tokyo day at 15:00 UTC the day before', () => {
    expect(jstDayStart('2026-11-29').toISOString()).toBe('2026-11-28T15:00:00.000Z');
  });

  it('walks days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('turns an inclusive range of days into [from, to) instants, either end optional', () => {
    expect(jstDayRange('2026-11-01', '2026-11-30')).toEqual({ from: new Date('2026-10-31T15:00:00Z'), to: new Date('2026-11-30T15:00:00Z'), invalid: false });
    expect(jstDayRange('', '2026-11-30')).toEqual({ to: new Date('2026-11-30T15:00:00Z'), invalid: false });
    expect(jstDayRange('2026-11-01', '')).toEqual({ from: new Date('2026-10-31T15:00:00Z'), invalid: false });
    expect(jstDayRange('', '')).toEqual({ invalid: false });
  });

  it('marks an end day before the start day as invalid; the same day is one whole day', () => {
    expect(jstDayRange('2026-11-02', '2026-11-01').invalid).toBe(true);
    const one = jstDayRange('2026-11-02', '2026-11-02');
    expect(one.invalid).toBe(false);
    expect((one.to?.getTime() ?? 0) - (one.from?.getTime() ?? 0)).toBe(86_400_000);
  });
});
