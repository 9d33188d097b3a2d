// Plain ISO dates (YYYY-MM-DD) of the Tokyo calendar, computed with UTC arithmetic only.

export function todayJst(now = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

export function addMonths(month: string, n: number): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The days of a month ('YYYY-MM') and the ISO weekday (1 = Monday) of its first day. */
export function monthDays(month: string): { days: string[]; firstWeekday: number } {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const days = Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
  const w = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  return { days, firstWeekday: w === 0 ? 7 : w };
}

export function isoWeekday(date: string): number {
  const w = new Date(`${date}T00:00:00Z`).getUTCDay();
  return w === 0 ? 7 : w;
}

/**
 * A time of day (or a duration, for breaks) as typed, in minutes; empty or malformed → null. "24:00"
 * is allowed as the end of a day. Typed with Japanese input on, digits and the colon arrive full
 * width (０９：３０), so the text is NFKC-normalised first. Accepted: "9:30" / "09:30", digits only
 * ("930", "0930" → 9:30; "9", "18" → whole hours), "9時30分" / "9時" / "9時半", "1時間30分", "90分",
 * and 午前/午後 before an hour of 12 or less ("午後6時" → 18:00, "午前0時" → 0:00, "午後0時" → 12:00).
 */
export function parseClock(text: string): number | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  let hours: number;
  let minutes: number;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2}):(\d{2})$/.exec(s))) {
    hours = Number(m[1]);
    minutes = Number(m[2]);
  } else if ((m = /^\d{1,4}$/.exec(s))) {
    // Up to two digits are hours; three or four are hours and two digits of minutes.
    hours = s.length <= 2 ? Number(s) : Number(s.slice(0, -2));
    minutes = s.length <= 2 ? 0 : Number(s.slice(-2));
  } else if ((m = /^(午前|午後)?(\d{1,2})時(?:間)?(?:(\d{1,2})分|(半))?$/.exec(s))) {
    hours = Number(m[2]);
    minutes = m[4] ? 30 : m[3] ? Number(m[3]) : 0;
    if (m[1]) {
      if (hours > 12) return null;
      if (m[1] === '午後' && hours < 12) hours += 12;
      if (m[1] === '午前' && hours === 12) hours = 0;
    }
  } else if ((m = /^(\d{1,4})分$/.exec(s))) {
    hours = 0;
    minutes = Number(m[1]);
    return minutes <= 1440 ? minutes : null;
  } else {
    return null;
  }
  const total = hours * 60 + minutes;
  return minutes < 60 && total <= 1440 ? total : null;
}

export function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A shift's end minute from the typed start and end: an end at or before the start is on the next
 * day (夜勤, 22:00–07:00 → 1320–1860), as the API stores it. At most 24 h.
 */
export function shiftEnd(start: number, end: number): number {
  return end <= start ? end + 1440 : end;
}

/** The end as typed back into the form: the clock time of the next day for a night shift. */
export function endClock(endMinute: number): string {
  return clock(endMinute > 1440 ? endMinute - 1440 : endMinute);
}

/** 年末年始: the customary company days off from 12/29 of `year` to 1/3 of the next, offered as a suggestion. */
export function yearEndDaysOff(year: number): string[] {
  return [`${year}-12-29`, `${year}-12-30`, `${year}-12-31`, `${year + 1}-01-01`, `${year + 1}-01-02`, `${year + 1}-01-03`];
}
