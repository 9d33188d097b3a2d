import { addDays, addMonthsClamped, compareIsoDates } from '../../calendar/dates';
import { daysInMonth, formatIsoDate, parseIsoDate, type IsoDate } from '../../calendar/day-number';
import { jstDateTimeToInstant } from '../../calendar/jst';

export interface ContractTerm {
  /** First day of the term (inclusive). */
  startsOn: IsoDate;
  /** Last day of the term (inclusive). */
  endsOn: IsoDate;
  /** 第10条 gives two bases: one year from formation, or the purchased licence period. */
  basis: 'one_year' | 'licence_period';
}

/**
 * The last day of a one-year period that starts on `startsOn`, counted the way the Civil Code
 * counts periods (民法第143条): the day before the same date a year later, or, when that date
 * does not exist (a 29 February start), the last day of that month.
 * 2026-04-01 → 2027-03-31; 2027-03-01 → 2028-02-29; 2028-02-29 → 2029-02-28.
 */
export function oneYearEndDate(startsOn: IsoDate): IsoDate {
  const { year, month, day } = parseIsoDate(startsOn);
  const lastDay = daysInMonth(year + 1, month);
  if (day > lastDay) return formatIsoDate({ year: year + 1, month, day: lastDay });
  return addDays(formatIsoDate({ year: year + 1, month, day }), -1);
}

/**
 * 第10条: the contract runs from the day it is formed (the provider accepts the application,
 * 第9条3項) for one year, or until the purchased licence period ends when the application
 * names one.
 */
export function contractTerm(input: { formedOn: IsoDate; licenceEndsOn?: IsoDate | null }): ContractTerm {
  const { formedOn, licenceEndsOn } = input;
  if (licenceEndsOn !== undefined && licenceEndsOn !== null) {
    if (compareIsoDates(licenceEndsOn, formedOn) < 0) {
      throw new RangeError(`Licence period ends (${licenceEndsOn}) before the contract is formed (${formedOn})`);
    }
    return { startsOn: formedOn, endsOn: licenceEndsOn, basis: 'licence_period' };
  }
  return { startsOn: formedOn, endsOn: oneYearEndDate(formedOn), basis: 'one_year' };
}

/**
 * The term that follows `current` when the customer renews. The terms contain no automatic
 * renewal: a renewal is a new licence purchase, and its term starts the day after the current
 * one ends, under the same 第10条 rule.
 */
export function nextContractTerm(current: ContractTerm, licenceEndsOn?: IsoDate | null): ContractTerm {
  return contractTerm({ formedOn: addDays(current.endsOn, 1), licenceEndsOn });
}

export function isWithinTerm(term: ContractTerm, date: IsoDate): boolean {
  return compareIsoDates(date, term.startsOn) >= 0 && compareIsoDates(date, term.endsOn) <= 0;
}

/**
 * 第26条3項: personal data is erased once one month has passed after the contract end date, i.e.
 * from the returned day on. End 2026-05-31 → 2026-07-01; end 2026-01-30 → 2026-03-01.
 */
export function personalDataErasureDate(contractEndsOn: IsoDate): IsoDate {
  return addDays(addMonthsClamped(contractEndsOn, 1), 1);
}

/** The instant the erasure is due (Tenant.personalDataPurgeAt): the start of the erasure date in Japan. */
export function personalDataErasureInstant(contractEndsOn: IsoDate): Date {
  return jstDateTimeToInstant(personalDataErasureDate(contractEndsOn), 0);
}
