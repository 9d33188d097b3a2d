import { describe, expect, it } from 'vitest';
import { addDays, addMonthsClamped, daysBetween, lastDayOfMonth, mondayOf, monthsSpanned, weekdayOf } from './dates';

describe('calendar-day arithmetic', () => {
  it.each([
    ['2026-04-10', 30, '2026-05-10'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(daysBetween(date, expected)).toBe(days);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-04-10', 12, '2027-04-10'],
  ])('addMonthsClamped(%s, %i) = %s', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it.each([
    ['2026-02-10', '2026-02-28'],
    ['2028-02-10', '2028-02-29'],
    ['2026-12-01', '2026-12-31'],
  ])('lastDayOfMonth(%s) = %s', (date, expected) => {
    expect(lastDayOfMonth(date)).toBe(expected);
  });

  it('weekdays and Mondays', () => {
    expect(weekdayOf('2026-11-28')).toBe(6); // Saturday
    expect(mondayOf('2026-11-28')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // Sunday ends the week
  });

  it('monthsSpanned counts both end months', () => {
    expect(monthsSpanned('2026-04-10', '2026-04-30')).toBe(1);
    expect(monthsSpanned('2026-11-15', '2027-03-31')).toBe(5);
  });
});
