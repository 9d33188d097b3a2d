import { isBusinessDayNumber } from '../../calendar/business-days';
import { DAY_MS, MINUTE_MS } from '../../calendar/day-number';
import { jstDayNumberOf, jstDayStartMs } from '../../calendar/jst';

// 仕様書 サービス提供水準 4(2)①: phone support answers on the provider's business days (営業日:
// weekdays that are not public holidays) from 9:00 to 11:45 and 13:00 to 17:00 JST. This module is
// the clock that counts only those minutes.

/** Opening windows as [from, to) minutes after JST midnight. */
export const SUPPORT_WINDOWS: readonly (readonly [number, number])[] = [
  [9 * 60, 11 * 60 + 45],
  [13 * 60, 17 * 60],
];

export const SUPPORT_MINUTES_PER_DAY = SUPPORT_WINDOWS.reduce((sum, [from, to]) => sum + to - from, 0);

// Enough for any real deadline (years of business time); stops a bad input from looping forever.
const MAX_DAYS_SCANNED = 366 * 5;

export function isWithinSupportHours(instant: Date): boolean {
  const ms = instant.getTime();
  const day = jstDayNumberOf(ms);
  if (!isBusinessDayNumber(day)) return false;
  const minute = (ms - jstDayStartMs(day)) / MINUTE_MS;
  return SUPPORT_WINDOWS.some(([from, to]) => minute >= from && minute < to);
}

/**
 * The instant `minutes` of support time after `start`. Time outside the windows does not count,
 * so a start outside hours effectively begins at the next opening; a deadline that uses up a
 * window exactly falls on its closing time (e.g. 11:45).
 */
export function addBusinessMinutes(start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a non-negative number: ${minutes}`);
  let remaining = minutes * MINUTE_MS;
  let cursor = start.getTime();
  let day = jstDayNumberOf(cursor);
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned += 1, day += 1) {
    if (!isBusinessDayNumber(day)) continue;
    const dayStart = jstDayStartMs(day);
    for (const [from, to] of SUPPORT_WINDOWS) {
      const windowEnd = dayStart + to * MINUTE_MS;
      if (cursor >= windowEnd) continue;
      const begin = Math.max(cursor, dayStart + from * MINUTE_MS);
      const available = windowEnd - begin;
      if (remaining <= available) return new Date(begin + remaining);
      remaining -= available;
      cursor = windowEnd;
    }
  }
  throw new RangeError(`No support time found within ${MAX_DAYS_SCANNED} days`);
}

/** Support minutes in [a, b); negative when b is before a. May be fractional when inputs have seconds. */
export function businessMinutesBetween(a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to < from) return -businessMinutesBetween(b, a);
  let total = 0;
  const lastDay = jstDayNumberOf(to);
  for (let day = jstDayNumberOf(from); day <= lastDay; day += 1) {
    if (!isBusinessDayNumber(day)) continue;
    const dayStart = jstDayStartMs(day);
    if (dayStart + DAY_MS <= from) continue;
    for (const [open, close] of SUPPORT_WINDOWS) {
      const overlap = Math.min(to, dayStart + close * MINUTE_MS) - Math.max(from, dayStart + open * MINUTE_MS);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}

/** The next instant support is open: `instant` itself when within hours. */
export function nextSupportOpening(instant: Date): Date {
  return addBusinessMinutes(instant, 0);
}
