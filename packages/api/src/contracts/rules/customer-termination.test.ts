import { describe, expect, it } from 'vitest';
import { checkTerminationNotice, terminationEndDate } from './customer-termination';

// JST wall-clock instant helper: '2026-04-10 10:00' → that moment in Tokyo.
const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);

describe('第12条1項 customer termination: ends on the last day of the month after receipt', () => {
  it.each([
    ['2026-04-10 10:00', '2026-05-31'],
    ['2026-04-01 00:00', '2026-05-31'],
    ['2026-04-30 23:59', '2026-05-31'],
    ['2026-01-15 12:00', '2026-02-28'],
    ['2028-01-15 12:00', '2028-02-29'],
    ['2026-11-30 09:00', '2026-12-31'],
    ['2026-12-31 23:59', '2027-01-31'],
    ['2027-01-01 00:00', '2027-02-28'],
  ])('第12条1項: received %s JST ends %s', (received, end) => {
    expect(terminationEndDate(jst(received))).toBe(end);
  });

  it('第12条1項: receipt is dated in JST (2026-04-30 16:00 UTC is 5/1 in Tokyo → ends 6/30)', () => {
    expect(terminationEndDate(new Date('2026-04-30T16:00:00Z'))).toBe('2026-06-30');
    expect(terminationEndDate(new Date('2026-04-30T14:59:59Z'))).toBe('2026-05-31');
  });
});

describe('第12条1項 notice: desired end at least 30 calendar days after the JST day of receipt', () => {
  it.each([
    // received, desired end, ok, notice days, effective end or earliest desired end
    ['2026-04-10 10:00', '2026-05-31', true, 51, '2026-05-31'],
    ['2026-04-10 10:00', '2026-05-10', true, 30, '2026-05-31'],
    ['2026-04-10 23:59', '2026-05-10', true, 30, '2026-05-31'],
    ['2026-04-10 10:00', '2026-05-09', false, 29, '2026-05-10'],
    ['2026-04-25 10:00', '2026-05-20', false, 25, '2026-05-25'],
    ['2026-04-10 10:00', '2026-04-01', false, -9, '2026-05-10'],
    ['2026-01-30 10:00', '2026-03-01', true, 30, '2026-02-28'],
    ['2026-12-15 10:00', '2027-01-31', true, 47, '2027-01-31'],
  ])('第12条1項: received %s, desired %s → ok=%s (%i days)', (received, desired, ok, days, date) => {
    const result = checkTerminationNotice(jst(received), desired);
    expect(result.ok).toBe(ok);
    expect(result.noticeDays).toBe(days);
    if (result.ok) expect(result.effectiveEnd).toBe(date);
    else expect(result.earliestDesiredEnd).toBe(date);
  });

  it('第12条1項: a desired end later than the clause allows is flagged, not honoured', () => {
    const result = checkTerminationNotice(jst('2026-04-10 10:00'), '2026-09-30');
    expect(result).toEqual({ ok: true, effectiveEnd: '2026-05-31', noticeDays: 173, endsBeforeDesired: true });
  });

  it('第12条1項: received 2026-04-10, desired 2026-05-31 ends exactly as asked', () => {
    expect(checkTerminationNotice(jst('2026-04-10 10:00'), '2026-05-31')).toEqual({
      ok: true,
      effectiveEnd: '2026-05-31',
      noticeDays: 51,
      endsBeforeDesired: false,
    });
  });
});
