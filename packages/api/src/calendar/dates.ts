import {
  daysFromCivil,
  daysInMonth,
  dayNumberToIsoDate,
  isoDateToDayNumber,
  parseIsoDate,
  type IsoDate,
} from './day-number';
import { weekdayOfDayNumber } from './jst';

// Arithmetic on calendar days (`YYYY-MM-DD`), independent of time zones.

export function addDays(date: IsoDate, days: number): IsoDate {
  return dayNumberToIsoDate(isoDateToDayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return isoDateToDayNumber(to) - isoDateToDayNumber(from);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return isoDateToDayNumber(a) - isoDateToDayNumber(b);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): number {
  return weekdayOfDayNumber(isoDateToDayNumber(date));
}

export function mondayOf(date: IsoDate): IsoDate {
  const day = isoDateToDayNumber(date);
  return dayNumberToIsoDate(day - ((weekdayOfDayNumber(day) + 6) % 7));
}

export function firstDayOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return dayNumberToIsoDate(daysFromCivil(year, month, 1));
}

export function lastDayOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return dayNumberToIsoDate(daysFromCivil(year, month, daysInMonth(year, month)));
}

/**
 * Moves by whole months keeping the day of month, clamped to the target month's last day
 * (2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return dayNumberToIsoDate(daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))));
}

/** Calendar months from the month of `from` to the month of `to`, counting both (same month = 1). */
export function monthsSpanned(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return (b.year - a.year) * 12 + (b.month - a.month) + 1;
}
