import { DAY_MS, MINUTE_MS, civilFromDays, daysFromCivil, dayNumberToIsoDate, isoDateToDayNumber, type IsoDate } from './day-number';

// Japan has kept UTC+9 all year since 1952 (no daylight saving), so a JST wall clock is the UTC
// instant shifted by a constant. That is exact and far cheaper than Intl on hot paths.
export const JST_OFFSET_MS = 9 * 60 * MINUTE_MS;

/** Day number (days since 1970-01-01) of the JST calendar day containing the instant `ms`. */
export function jstDayNumberOf(ms: number): number {
  return Math.floor((ms + JST_OFFSET_MS) / DAY_MS);
}

/** The instant (epoch ms) at which the JST day `dayNumber` starts (00:00 JST = 15:00 UTC the day before). */
export function jstDayStartMs(dayNumber: number): number {
  return dayNumber * DAY_MS - JST_OFFSET_MS;
}

/** The JST calendar day (`YYYY-MM-DD`) an instant falls on. */
export function toJstDate(instant: Date): IsoDate {
  return dayNumberToIsoDate(jstDayNumberOf(instant.getTime()));
}

/** Minutes since JST midnight, fractional when the instant has seconds. */
export function jstMinuteOfDay(instant: Date): number {
  const ms = instant.getTime();
  return (ms - jstDayStartMs(jstDayNumberOf(ms))) / MINUTE_MS;
}

/**
 * The instant at `minutes` after midnight JST on `date`. Minutes may exceed 1440 (e.g. a shift
 * ending at 25:00 means 01:00 the next day) or be negative.
 */
export function jstDateTimeToInstant(date: IsoDate, minutes: number): Date {
  return new Date(jstDayStartMs(isoDateToDayNumber(date)) + minutes * MINUTE_MS);
}

/** `YYYY-MM-DD HH:mm:ss` in JST, for people (exports, e-mails). */
export function formatJstDateTime(instant: Date): string {
  const ms = instant.getTime();
  const day = jstDayNumberOf(ms);
  const seconds = Math.floor((ms - jstDayStartMs(day)) / 1000);
  const hh = Math.floor(seconds / 3600);
  const mm = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  return `${dayNumberToIsoDate(day)} ${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
}

/** `YYYYMMDDHHmm` in JST, for file names (board-202612080156.csv is 01:56 in Tokyo). */
export function jstFileStamp(instant: Date): string {
  return formatJstDateTime(instant).slice(0, 16).replace(/[-: ]/g, '');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// Ranges below are half-open: `start` is the first instant inside, `end` the first instant after.

export function startOfJstDay(instant: Date): Date {
  return new Date(jstDayStartMs(jstDayNumberOf(instant.getTime())));
}

export function endOfJstDay(instant: Date): Date {
  return new Date(jstDayStartMs(jstDayNumberOf(instant.getTime()) + 1));
}

/** Weeks start on Monday (the usual convention for Japanese business weeks and ISO 8601). */
export function startOfJstWeek(instant: Date): Date {
  return new Date(jstDayStartMs(mondayDayNumber(jstDayNumberOf(instant.getTime()))));
}

export function endOfJstWeek(instant: Date): Date {
  return new Date(jstDayStartMs(mondayDayNumber(jstDayNumberOf(instant.getTime())) + 7));
}

export function startOfJstMonth(instant: Date): Date {
  const { year, month } = civilFromDays(jstDayNumberOf(instant.getTime()));
  return new Date(jstDayStartMs(daysFromCivil(year, month, 1)));
}

export function endOfJstMonth(instant: Date): Date {
  const { year, month } = civilFromDays(jstDayNumberOf(instant.getTime()));
  const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  return new Date(jstDayStartMs(next));
}

/** The instants bounding one JST calendar day. */
export function jstDayRange(date: IsoDate): { start: Date; end: Date } {
  const day = isoDateToDayNumber(date);
  return { start: new Date(jstDayStartMs(day)), end: new Date(jstDayStartMs(day + 1)) };
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

function mondayDayNumber(dayNumber: number): number {
  return dayNumber - ((weekdayOfDayNumber(dayNumber) + 6) % 7);
}
