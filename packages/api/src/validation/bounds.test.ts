import { afterEach, describe, expect, it, vi } from 'vitest';
import { businessDate, businessInstant, businessMonth, clientInstant } from './bounds';

afterEach(() => vi.useRealTimers());

describe('business dates (2000–2100)', () => {
  it('takes the first and last day and refuses the days around them, impossible days and other shapes', () => {
    for (const ok of ['2000-01-01', '2100-12-31', '2024-02-29']) expect(businessDate.safeParse(ok).success).toBe(true);
    for (const bad of ['1999-12-31', '2101-01-01', '0001-01-01', '9999-12-31', '+275760-09-13', '2026-02-29', '2026-13-01', '2026-1-1', '']) {
      expect(businessDate.safeParse(bad).success).toBe(false);
    }
    for (const ok of ['2000-01', '2100-12']) expect(businessMonth.safeParse(ok).success).toBe(true);
    for (const bad of ['1999-12', '2101-01', '2026-00', '2026-13']) expect(businessMonth.safeParse(bad).success).toBe(false);
  });

  it('instants: from 2000-01-01T00:00Z up to the last millisecond of 2100', () => {
    expect(businessInstant.safeParse(new Date('2000-01-01T00:00:00.000Z')).success).toBe(true);
    expect(businessInstant.safeParse(new Date('2100-12-31T23:59:59.999Z')).success).toBe(true);
    for (const bad of [new Date('1999-12-31T23:59:59.999Z'), new Date('2101-01-01T00:00:00.000Z'), new Date(8.64e15), new Date(Number.NaN), '0001-01-01']) {
      expect(businessInstant.safeParse(bad).success).toBe(false);
    }
  });
});

describe('client instants (± CLIENT_CLOCK_SKEW_MINUTES, a day by default)', () => {
  it('takes a day either side of the server clock and nothing beyond', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T03:00:00Z') });
    expect(clientInstant.safeParse(new Date('2026-12-06T03:00:00.000Z')).success).toBe(true);
    expect(clientInstant.safeParse(new Date('2026-12-08T03:00:00.000Z')).success).toBe(true);
    expect(clientInstant.safeParse(new Date('2026-12-06T02:59:59.999Z')).success).toBe(false);
    expect(clientInstant.safeParse(new Date('2026-12-08T03:00:00.001Z')).success).toBe(false);
    expect(clientInstant.safeParse('1900-01-01T00:00:00Z').success).toBe(false);
  });
});
