import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/dates';
import { LATE_INTEREST_TAX_RATE_PERCENT, daysLate, lateInterest, lateInterestOnBalance } from './late-payment';

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

describe('第14条3項 damages on the unpaid balance, day by day', () => {
  it('第14条3項: 1,320,000 yen (1,200,000 + 10 % tax) due 2026-05-31, paid 2026-06-15: 15 days, 7,920 yen, no tax', () => {
    const charge = lateInterestOnBalance({ total: 1_320_000, dueDate: '2026-05-31', payments: [{ on: '2026-06-15', amount: 1_320_000 }], through: '2026-06-20' });
    expect(charge).toEqual({ from: '2026-06-01', through: '2026-06-15', days: 15, yen: 7_920 });
    expect(LATE_INTEREST_TAX_RATE_PERCENT).toBe(0);
  });

  it('第14条3項: a part payment lowers the base from the next day (10 days on 1,000,000, 10 days on 500,000 → 6,000 yen)', () => {
    const payments = [{ on: '2026-06-10', amount: 500_000 }, { on: '2026-06-20', amount: 500_000 }];
    expect(lateInterestOnBalance({ total: 1_000_000, dueDate: '2026-05-31', payments, through: '2026-07-31' })).toEqual({ from: '2026-06-01', through: '2026-06-20', days: 20, yen: 6_000 });
  });

  it('第14条3項: nothing before the due date has passed, nothing when paid on time, and a second charge starts where the first ended', () => {
    expect(lateInterestOnBalance({ total: 1_000_000, dueDate: '2026-05-31', payments: [], through: '2026-05-31' })).toBeNull();
    expect(lateInterestOnBalance({ total: 1_000_000, dueDate: '2026-05-31', payments: [{ on: '2026-05-30', amount: 1_000_000 }], through: '2026-07-01' })).toBeNull();
    const unpaid = { total: 1_000_000, dueDate: '2026-05-31', payments: [] };
    expect(lateInterestOnBalance({ ...unpaid, through: '2026-06-30' })).toMatchObject({ days: 30, yen: 12_000 });
    expect(lateInterestOnBalance({ ...unpaid, from: '2026-07-01', through: '2026-07-10' })).toEqual({ from: '2026-07-01', through: '2026-07-10', days: 10, yen: 4_000 });
  });

  it('第14条3項: for one full payment it equals the simple rule, over random amounts and dates', () => {
    const day = fc.integer({ min: 0, max: 3_000 }).map((n) => addDays('2026-01-01', n));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), day, fc.integer({ min: 0, max: 800 }), (total, due, late) => {
        const paid = addDays(due, late);
        const charge = lateInterestOnBalance({ total, dueDate: due, payments: [{ on: paid, amount: total }], through: addDays(paid, 40) });
        const simple = lateInterest(total, due, paid);
        expect(charge?.yen ?? 0).toBe(late === 0 || total === 0 ? 0 : simple);
        if (charge) expect(charge.days).toBe(daysLate(due, paid));
      }),
    );
  });

  it('第14条3項: splitting the late days into two charges never charges more than one charge would', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 2, max: 400 }), fc.integer({ min: 1, max: 399 }), (total, days, cut) => {
        fc.pre(cut < days);
        const base = { total, dueDate: '2026-05-31', payments: [] };
        const whole = lateInterestOnBalance({ ...base, through: addDays('2026-05-31', days) });
        const first = lateInterestOnBalance({ ...base, through: addDays('2026-05-31', cut) });
        const second = lateInterestOnBalance({ ...base, from: addDays('2026-05-31', cut + 1), through: addDays('2026-05-31', days) });
        expect((first?.yen ?? 0) + (second?.yen ?? 0)).toBeLessThanOrEqual(whole?.yen ?? 0);
        expect((first?.days ?? 0) + (second?.days ?? 0)).toBe(days);
      }),
    );
  });
});
