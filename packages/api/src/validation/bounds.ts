import { z } from 'zod';
import { isValidIsoDate } from '../calendar';
import { apiEnv } from '../env';

// Shared schemas for every date a procedure or upload form accepts, so that no boundary lets through a
// date the database, the holiday tables or the retention job cannot handle (year 1, year 9999, 275760).

/** Business dates (schedules, holidays, reports, contracts, notices) lie within these years. */
export const BUSINESS_FIRST_DATE = '2000-01-01';
export const BUSINESS_LAST_DATE = '2100-12-31';
const FIRST_INSTANT = new Date(`${BUSINESS_FIRST_DATE}T00:00:00Z`);
const AFTER_LAST_INSTANT = new Date('2101-01-01T00:00:00Z');

const RANGE_MESSAGE = `between ${BUSINESS_FIRST_DATE} and ${BUSINESS_LAST_DATE}`;

/** A calendar day, "YYYY-MM-DD", valid and within 2000–2100 (ISO strings compare like the days they name). */
export const businessDate = z
  .string()
  .refine(isValidIsoDate, { message: 'YYYY-MM-DD', abort: true })
  .refine((d) => d >= BUSINESS_FIRST_DATE && d <= BUSINESS_LAST_DATE, RANGE_MESSAGE);

/** A month, "YYYY-MM", within 2000–2100. */
export const businessMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'YYYY-MM', abort: true })
  .refine((m) => m >= BUSINESS_FIRST_DATE.slice(0, 7) && m <= BUSINESS_LAST_DATE.slice(0, 7), RANGE_MESSAGE);

/** An instant of business meaning (publication time, a received payment, a search bound) within 2000–2100. */
export const businessInstant = z.coerce
  .date()
  .refine((d) => d >= FIRST_INSTANT && d < AFTER_LAST_INSTANT, RANGE_MESSAGE);

/** How far a client's clock may be from the server's (CLIENT_CLOCK_SKEW_MINUTES, default one day). */
export function clientClockSkewMs(): number {
  return apiEnv.CLIENT_CLOCK_SKEW_MINUTES * 60_000;
}

/** True when a client-reported instant lies within the allowed skew of the server clock `now`. */
export function withinClientSkew(at: Date, now: Date = new Date()): boolean {
  return Math.abs(at.getTime() - now.getTime()) <= clientClockSkewMs();
}

/**
 * An instant read from a client's clock (punches, presence, incidents, evidence capturedAt): within
 * CLIENT_CLOCK_SKEW_MINUTES of the server clock, so that a wrong or hostile clock cannot date a record
 * in 1900 (retention deletes it at once) or 9999 (it never expires).
 */
export const clientInstant = z.coerce.date().refine((d) => withinClientSkew(d), {
  message: 'The time is too far from the server clock.',
});
