import { isoDateToDayNumber, dayNumberToIsoDate, type IsoDate } from './day-number';
import { isJapaneseHoliday } from './holidays';
import { weekdayOfDayNumber } from './jst';

// 営業日 (business days) as the service specification uses them for phone support: Monday to
// Friday except Japanese public holidays. The source names no year-end/New-Year closure
// (12/29–1/3), so those days stay business days unless they are holidays or weekends.

const businessDayCache = new Map<number, boolean>();

/** Day-number form for loops; results are cached because the support clock asks for the same days often. */
export function isBusinessDayNumber(dayNumber: number): boolean {
  const cached = businessDayCache.get(dayNumber);
  if (cached !== undefined) return cached;
  const weekday = weekdayOfDayNumber(dayNumber);
  const result = weekday !== 0 && weekday !== 6 && !isJapaneseHoliday(dayNumberToIsoDate(dayNumber));
  businessDayCache.set(dayNumber, result);
  return result;
}

export function isBusinessDay(date: IsoDate): boolean {
  return isBusinessDayNumber(isoDateToDayNumber(date));
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: IsoDate): IsoDate {
  let day = isoDateToDayNumber(date) + 1;
  while (!isBusinessDayNumber(day)) day += 1;
  return dayNumberToIsoDate(day);
}

/** `date` moved by `days` business days (negative goes back). `date` itself need not be one. */
export function addBusinessDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError('days must be an integer');
  let day = isoDateToDayNumber(date);
  const step = days >= 0 ? 1 : -1;
  for (let left = Math.abs(days); left > 0; ) {
    day += step;
    if (isBusinessDayNumber(day)) left -= 1;
  }
  return dayNumberToIsoDate(day);
}

/** Business days in `from`…`to`, both inclusive (0 when `to` is before `from`). */
export function countBusinessDays(from: IsoDate, to: IsoDate): number {
  let count = 0;
  const last = isoDateToDayNumber(to);
  for (let day = isoDateToDayNumber(from); day <= last; day += 1) {
    if (isBusinessDayNumber(day)) count += 1;
  }
  return count;
}
