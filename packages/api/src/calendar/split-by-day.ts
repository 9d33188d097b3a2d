import { DAY_MS, MINUTE_MS, dayNumberToIsoDate, type IsoDate } from './day-number';
import { jstDayNumberOf, jstDayStartMs } from './jst';

export interface DayMinutes {
  date: IsoDate;
  /** Minutes of the interval inside this JST day; fractional only when the inputs have seconds. */
  minutes: number;
}

/**
 * Calls `visit(dayNumber, startMs, endMs)` for each JST-day piece of [startMs, endMs). Plain
 * numbers in, no allocation: analytics runs this millions of times.
 */
export function forEachJstDayPiece(
  startMs: number,
  endMs: number,
  visit: (dayNumber: number, pieceStartMs: number, pieceEndMs: number) => void,
): void {
  if (!(endMs > startMs)) return;
  let day = jstDayNumberOf(startMs);
  let pieceStart = startMs;
  while (pieceStart < endMs) {
    const dayEnd = jstDayStartMs(day) + DAY_MS;
    const pieceEnd = dayEnd < endMs ? dayEnd : endMs;
    visit(day, pieceStart, pieceEnd);
    pieceStart = pieceEnd;
    day += 1;
  }
}

/**
 * Splits [start, end) at JST midnights: one entry per JST day touched, in order. An empty or
 * reversed interval yields nothing.
 */
export function splitIntervalByJstDay(start: Date, end: Date): DayMinutes[] {
  const result: DayMinutes[] = [];
  forEachJstDayPiece(start.getTime(), end.getTime(), (day, from, to) => {
    result.push({ date: dayNumberToIsoDate(day), minutes: (to - from) / MINUTE_MS });
  });
  return result;
}
