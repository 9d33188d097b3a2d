// Tokyo calendar days (YYYY-MM-DD) as the instants the API filters on: a day runs from its JST
// midnight up to (not including) the next one.

const DAY_MS = 86_400_000;

/** The instant a Tokyo day starts. */
export function jstDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+09:00`);
}

export function addDays(day: string, n: number): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The [from, to) instants of an inclusive range of Tokyo days, either end optional. `invalid` when
 * the end day comes before the start day (the screen says so instead of asking the API).
 */
export function jstDayRange(fromDay: string, toDay: string): { from?: Date; to?: Date; invalid: boolean } {
  const from = DAY_PATTERN.test(fromDay) ? jstDayStart(fromDay) : undefined;
  const to = DAY_PATTERN.test(toDay) ? jstDayStart(addDays(toDay, 1)) : undefined;
  const invalid = Boolean(from && to && to <= from);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), invalid };
}
