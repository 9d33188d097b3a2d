// <input type="datetime-local"> speaks the browser's local time; the product speaks Tokyo time
// whatever the browser's zone, so these convert between the input's text and UTC instants.

const JST_OFFSET_MS = 9 * 60 * 60_000;

/** "2026-12-10T02:00" read as Tokyo time → the instant; null for an empty or malformed value. */
export function parseJstInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) - JST_OFFSET_MS;
  const back = new Date(utc + JST_OFFSET_MS);
  // Reject dates that roll over (2026-02-30) rather than silently moving them.
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d) || back.getUTCHours() !== Number(h)) return null;
  return new Date(utc);
}

/** An instant as the value of a datetime-local input (minutes) in Tokyo time. */
export function jstInputValue(date: Date): string {
  return new Date(date.getTime() + JST_OFFSET_MS).toISOString().slice(0, 16);
}

/** An instant as the value of a date input in Tokyo time. */
export function jstDateInputValue(date: Date): string {
  return jstInputValue(date).slice(0, 10);
}
