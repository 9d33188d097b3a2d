export {
  DAY_MS,
  MINUTE_MS,
  daysInMonth,
  dayNumberToIsoDate,
  isLeapYear,
  isValidIsoDate,
  isoDateToDayNumber,
  parseIsoDate,
  type IsoDate,
} from './day-number';
export {
  JST_OFFSET_MS,
  endOfJstDay,
  endOfJstMonth,
  endOfJstWeek,
  formatJstDateTime,
  jstFileStamp,
  jstDateTimeToInstant,
  jstDayNumberOf,
  jstDayRange,
  jstDayStartMs,
  jstMinuteOfDay,
  startOfJstDay,
  startOfJstMonth,
  startOfJstWeek,
  toJstDate,
  weekdayOfDayNumber,
} from './jst';
export {
  addDays,
  addMonthsClamped,
  compareIsoDates,
  daysBetween,
  firstDayOfMonth,
  lastDayOfMonth,
  mondayOf,
  monthsSpanned,
  weekdayOf,
} from './dates';
export {
  HOLIDAY_DATA_YEARS,
  isJapaneseHoliday,
  japaneseHoliday,
  japaneseHolidaysBetween,
  type JapaneseHoliday,
} from './holidays';
export { addBusinessDays, countBusinessDays, isBusinessDay, isBusinessDayNumber, nextBusinessDay } from './business-days';
export { forEachJstDayPiece, splitIntervalByJstDay, type DayMinutes } from './split-by-day';
