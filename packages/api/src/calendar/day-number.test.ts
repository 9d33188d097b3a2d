import { describe, expect, it } from 'vitest';
import { DAY_MS, dayNumberToIsoDate, isValidIsoDate, isoDateToDayNumber, parseIsoDate } from './day-number';

describe('day numbers', () => {
  it('agree with Date.UTC for every day from 1900 to 2100', () => {
    const first = Date.UTC(1900, 0, 1) / DAY_MS;
    const last = Date.UTC(2100, 11, 31) / DAY_MS;
    for (let day = first; day <= last; day += 1) {
      const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
      if (dayNumberToIsoDate(day) !== iso) throw new Error(`day ${day}: ${dayNumberToIsoDate(day)} ≠ ${iso}`);
      if (isoDateToDayNumber(iso) !== day) throw new Error(`${iso}: ${isoDateToDayNumber(iso)} ≠ ${day}`);
    }
    expect(last - first).toBe(73_413);
  });

  it.each([
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-4-1', false],
    ['2026-04-01', true],
  ])('validates %s → %s', (date, valid) => {
    expect(isValidIsoDate(date)).toBe(valid);
  });

  it('throws a RangeError naming the bad input', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(/No such calendar day: 2026-02-30/);
  });
});
