import { describe, expect, it } from 'vitest';
import { daysLate, lateInterest } from './late-payment';

describe('第14条3項 late payment: 14.6% a year on a 365-day year for the days late', () => {
  it.each([
    ['2026-05-31', '2026-05-31', 0],
    ['2026-05-31', '2026-05-20', 0],
    ['2026-05-31', '2026-06-01', 1],
    ['2026-05-31', '2026-06-30', 30],
    ['2027-12-31', '2028-12-31', 366],
  ])('第14条3項: due %s, paid %s → %i days late', (due, paid, days) => {
    expect(daysLate(due, paid)).toBe(days);
  });

  it.each([
    [1_000_000, '2026-05-31', '2026-06-01', 400], // 0.04% a day exactly
    [1_000_000, '2026-05-31', '2026-06-30', 12_000],
    [1_000_000, '2026-05-31', '2027-05-31', 146_000], // a full 365-day year
    [1_000_000, '2027-12-31', '2028-12-31', 146_400], // 366 days in a leap year, still /365
    [3_300, '2026-05-31', '2026-06-10', 13], // 13.2 → 13
    [2_499, '2026-05-31', '2026-06-01', 0], // 0.9996 → 0
    [2_500, '2026-05-31', '2026-06-01', 1],
    [1_000_000, '2026-05-31', '2026-05-31', 0],
  ])('第14条3項: %i yen due %s paid %s → %i yen', (principal, due, paid, yen) => {
    expect(lateInterest(principal, due, paid)).toBe(yen);
  });

  it('第14条3項: exact for very large principals', () => {
    expect(lateInterest(9_000_000_000_000, '2026-01-01', '2036-01-01')).toBe(13_147_200_000_000); // 3,652 days (two leap days);
  });

  it('第14条3項: refuses fractional principals', () => {
    expect(() => lateInterest(100.5, '2026-05-31', '2026-06-01')).toThrow(RangeError);
  });
});
