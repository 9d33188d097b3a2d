import { describe, expect, it } from 'vitest';
import { addBusinessDays, countBusinessDays, isBusinessDay, nextBusinessDay } from './business-days';

describe('business days (仕様書 弊社営業日: weekdays that are not public holidays)', () => {
  it.each([
    ['2026-11-27', true], // Friday
    ['2026-11-28', false], // Saturday
    ['2026-11-29', false], // Sunday
    ['2026-11-23', false], // 勤労感謝の日 (Monday)
    ['2026-05-06', false], // 振替休日
    ['2026-09-22', false], // 国民の休日
    ['2026-12-29', true], // no year-end closure in the source
    ['2026-12-31', true],
    ['2027-01-01', false], // 元日
    ['2027-01-04', true],
  ])('%s business day: %s', (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });

  it.each([
    ['2026-04-30', '2026-05-01'],
    ['2026-05-01', '2026-05-07'], // Golden Week: 2–6 May are weekend or holidays
    ['2026-09-18', '2026-09-24'], // Silver Week 19–23 Sep
    ['2026-11-20', '2026-11-24'],
  ])('nextBusinessDay(%s) = %s', (date, next) => {
    expect(nextBusinessDay(date)).toBe(next);
  });

  it.each([
    ['2026-05-01', 1, '2026-05-07'],
    ['2026-05-07', -1, '2026-05-01'],
    ['2026-11-28', 0, '2026-11-28'],
    ['2026-11-28', 5, '2026-12-04'],
  ])('addBusinessDays(%s, %i) = %s', (date, days, expected) => {
    expect(addBusinessDays(date, days)).toBe(expected);
  });

  it('counts business days in a range (both ends included)', () => {
    expect(countBusinessDays('2026-05-01', '2026-05-31')).toBe(18) // 21 weekdays − 4, 5, 6 May;
    expect(countBusinessDays('2026-01-01', '2026-12-31')).toBe(244) // 261 weekdays − 17 weekday holidays;
    expect(countBusinessDays('2026-05-02', '2026-05-06')).toBe(0);
  });
});
