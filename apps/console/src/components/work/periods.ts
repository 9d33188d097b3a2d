// Report periods in JST calendar days (YYYY-MM-DD), computed in the browser from a reference day.
export type PeriodKind = 'day' | 'week' | 'month' | 'custom';

export function todayJst(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
}

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function periodRange(kind: Exclude<PeriodKind, 'custom'>, ref: string): { from: string; to: string } {
  if (kind === 'day') return { from: ref, to: ref };
  if (kind === 'week') {
    const weekday = new Date(`${ref}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    const monday = shift(ref, -((weekday + 6) % 7));
    return { from: monday, to: shift(monday, 6) };
  }
  const [y, m] = ref.split('-').map(Number);
  const first = `${ref.slice(0, 7)}-01`;
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).toISOString().slice(0, 10);
  return { from: first, to: last };
}
