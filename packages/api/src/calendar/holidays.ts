import holidayJp from '@holiday-jp/holiday_jp';
import { parseIsoDate, type IsoDate } from './day-number';

// Japanese public holidays (国民の祝日, 振替休日 and 国民の休日) from @holiday-jp/holiday_jp, which
// bundles the data (1970–2050) in the npm package. The Cabinet Office confirms each year's equinox
// days only in February of the year before, so years beyond the next one are the package's
// astronomical predictions; updating the package picks up official changes.
// The package's own isHoliday() scans every key on each call, so we index the data once.

export interface JapaneseHoliday {
  date: IsoDate;
  nameJa: string;
  nameEn: string;
}

const byDate = new Map<IsoDate, JapaneseHoliday>();
let firstYear = Number.POSITIVE_INFINITY;
let lastYear = Number.NEGATIVE_INFINITY;
for (const holiday of Object.values(holidayJp.holidays)) {
  byDate.set(holiday.date, { date: holiday.date, nameJa: holiday.name, nameEn: holiday.name_en });
  const year = Number(holiday.date.slice(0, 4));
  firstYear = Math.min(firstYear, year);
  lastYear = Math.max(lastYear, year);
}

/** The years the bundled data covers, both inclusive. */
export const HOLIDAY_DATA_YEARS = { first: firstYear, last: lastYear } as const;

function assertCovered(date: IsoDate): void {
  const { year } = parseIsoDate(date);
  if (year < firstYear || year > lastYear) {
    // Answering "not a holiday" for a year we know nothing about would silently shift deadlines.
    throw new RangeError(`No Japanese holiday data for ${year} (covered: ${firstYear}–${lastYear})`);
  }
}

export function isJapaneseHoliday(date: IsoDate): boolean {
  assertCovered(date);
  return byDate.has(date);
}

export function japaneseHoliday(date: IsoDate): JapaneseHoliday | null {
  assertCovered(date);
  return byDate.get(date) ?? null;
}

/** Holidays from `from` to `to`, both inclusive, in date order. */
export function japaneseHolidaysBetween(from: IsoDate, to: IsoDate): JapaneseHoliday[] {
  assertCovered(from);
  assertCovered(to);
  const result: JapaneseHoliday[] = [];
  for (const holiday of byDate.values()) {
    if (holiday.date >= from && holiday.date <= to) result.push(holiday);
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
