import { addMonthsClamped, lastDayOfMonth } from '../../calendar/dates';
import type { IsoDate } from '../../calendar/day-number';
import { toJstDate } from '../../calendar/jst';
import { NOTICE_DAYS, checkNotice } from './notice';

/**
 * 第12条1項 second sentence: once the provider (or a reseller) receives the termination request,
 * the contract ends on the last day of the month after the month of receipt (JST).
 * Received 2026-04-10 → 2026-05-31; received 2026-12-31 23:59 JST → 2027-01-31.
 */
export function terminationEndDate(receivedAt: Date): IsoDate {
  return lastDayOfMonth(addMonthsClamped(toJstDate(receivedAt), 1));
}

export type TerminationNoticeResult =
  | {
      ok: true;
      /** The day the contract ends (inclusive), fixed by 第12条1項 whatever date was asked for. */
      effectiveEnd: IsoDate;
      noticeDays: number;
      /** The customer asked for a later end than the clause gives; the UI must say so before filing. */
      endsBeforeDesired: boolean;
    }
  | {
      ok: false;
      reason: 'NOTICE_TOO_SHORT';
      noticeDays: number;
      /** The earliest desired end date this request could have named. */
      earliestDesiredEnd: IsoDate;
    };

/**
 * 第12条1項 first sentence: the request must arrive at least 30 days before the day the customer
 * wants the contract to end ("desired end date at least 30 calendar days after the JST day of
 * receipt"). A valid request then ends the contract per `terminationEndDate`; a desired date
 * earlier than that does not make the end earlier, and a later one does not postpone it.
 */
export function checkTerminationNotice(receivedAt: Date, desiredEnd: IsoDate): TerminationNoticeResult {
  const notice = checkNotice(receivedAt, desiredEnd, NOTICE_DAYS);
  if (!notice.sufficient) {
    return { ok: false, reason: 'NOTICE_TOO_SHORT', noticeDays: notice.noticeDays, earliestDesiredEnd: notice.earliestDate };
  }
  const effectiveEnd = terminationEndDate(receivedAt);
  return { ok: true, effectiveEnd, noticeDays: notice.noticeDays, endsBeforeDesired: effectiveEnd < desiredEnd };
}
