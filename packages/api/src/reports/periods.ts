import { addDays, firstDayOfMonth, lastDayOfMonth, mondayOf, toJstDate, type IsoDate } from '../calendar';
import type { ReportPeriod } from '@telework/db';

/** The last complete period before `now` (JST): last Monday–Sunday, or last calendar month. */
export function lastCompletePeriod(period: ReportPeriod, now: Date): { from: IsoDate; to: IsoDate } {
  const today = toJstDate(now);
  if (period === 'WEEKLY') {
    const thisMonday = mondayOf(today);
    return { from: addDays(thisMonday, -7), to: addDays(thisMonday, -1) };
  }
  const lastMonthEnd = addDays(firstDayOfMonth(today), -1);
  return { from: firstDayOfMonth(lastMonthEnd), to: lastDayOfMonth(lastMonthEnd) };
}
