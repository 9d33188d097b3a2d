import { addDays, daysBetween } from '../../calendar/dates';
import type { IsoDate } from '../../calendar/day-number';

// 第14条3項: late payment bears damages at 14.6% a year for the days late. The year is 365 days
// (leap years too), the usual Japanese convention that makes 14.6% exactly 0.04% a day.
export const LATE_INTEREST_PER_MILLE = 146;
export const DAYS_PER_YEAR = 365;

/** Days after the due date until payment (paid on or before the due date → 0). */
export function daysLate(dueDate: IsoDate, paidDate: IsoDate): number {
  return Math.max(0, daysBetween(dueDate, paidDate));
}

/** Damages in yen for `principal` paid on `paidDate` instead of `dueDate`, floored to the yen. */
export function lateInterest(principal: number, dueDate: IsoDate, paidDate: IsoDate): number {
  if (!Number.isSafeInteger(principal) || principal < 0) throw new RangeError(`Principal must be a non-negative whole yen amount: ${principal}`);
  const days = daysLate(dueDate, paidDate);
  // BigInt keeps principal × 146 × days exact whatever the size.
  const yen = (BigInt(principal) * BigInt(LATE_INTEREST_PER_MILLE) * BigInt(days)) / BigInt(1000 * DAYS_PER_YEAR);
  return Number(yen);
}

/** Damages are not a charge for the service: outside consumption tax (第14条2項 taxes the usage fee only). */
export const LATE_INTEREST_TAX_RATE_PERCENT = 0;

export interface LateCharge {
  /** First and last day charged (inclusive); a payment's own day counts as late, as in `daysLate`. */
  from: IsoDate;
  through: IsoDate;
  days: number;
  yen: number;
}

/**
 * Damages on what was still unpaid on each day from `from` (at the earliest the day after the due date)
 * through `through`: a part payment lowers the base from the day after it arrives. One flooring at the
 * end, like `lateInterest`, to which this is equal for a single full payment. Null when no day is late.
 */
export function lateInterestOnBalance(input: {
  total: number;
  dueDate: IsoDate;
  payments: readonly { on: IsoDate; amount: number }[];
  from?: IsoDate;
  through: IsoDate;
}): LateCharge | null {
  if (!Number.isSafeInteger(input.total) || input.total < 0) throw new RangeError(`Total must be a non-negative whole yen amount: ${input.total}`);
  const firstLateDay = addDays(input.dueDate, 1);
  const from = input.from && input.from > firstLateDay ? input.from : firstLateDay;
  if (from > input.through) return null;
  let sum = 0n;
  let days = 0;
  for (let day = from; day <= input.through; day = addDays(day, 1)) {
    const paidBefore = input.payments.filter((p) => p.on < day).reduce((n, p) => n + p.amount, 0);
    const balance = Math.max(0, input.total - paidBefore);
    if (balance === 0) break;
    sum += BigInt(balance);
    days += 1;
  }
  if (days === 0) return null;
  const through = addDays(from, days - 1);
  return { from, through, days, yen: Number((sum * BigInt(LATE_INTEREST_PER_MILLE)) / BigInt(1000 * DAYS_PER_YEAR)) };
}
