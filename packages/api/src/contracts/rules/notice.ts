import { addDays, daysBetween } from '../../calendar/dates';
import type { IsoDate } from '../../calendar/day-number';
import { toJstDate } from '../../calendar/jst';

// "30 日以上前" (第3条, 第12条1項・3項, 第21条) is counted in calendar days between the JST day the
// notice is given or received and the day the change or end takes effect: a notice on 4/10 allows
// an end on 5/10 (30 days later) at the earliest. The time of day does not matter.
export const NOTICE_DAYS = 30;

export interface NoticeCheck {
  /** Calendar days from the JST notice day to `effectiveDate`. */
  noticeDays: number;
  sufficient: boolean;
  /** The earliest date that would have had the full notice. */
  earliestDate: IsoDate;
}

export function checkNotice(noticeAt: Date, effectiveDate: IsoDate, requiredDays: number = NOTICE_DAYS): NoticeCheck {
  const noticeDay = toJstDate(noticeAt);
  const noticeDays = daysBetween(noticeDay, effectiveDate);
  return { noticeDays, sufficient: noticeDays >= requiredDays, earliestDate: addDays(noticeDay, requiredDays) };
}
