import { daysBetween } from '../../calendar/dates';
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
