import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { assertNoticeTiming, isCurrentNotice, nextAttemptAt } from './notice-rules';

const at = (s: string) => new Date(s);
function reasonOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.details.reason ?? ''}`;
    throw e;
  }
  return 'OK';
}

describe('notice timing', () => {
  const publishAt = at('2026-11-28T00:00:00Z');
  it('terms change: 30 days exactly is enough, 29 days is refused (第3条)', () => {
    expect(reasonOf(() => assertNoticeTiming({ kind: 'TERMS_CHANGE', publishAt, effectiveAt: at('2026-12-28T00:00:00Z') }))).toBe('OK');
    expect(reasonOf(() => assertNoticeTiming({ kind: 'TERMS_CHANGE', publishAt, effectiveAt: at('2026-12-27T23:59:00Z') }))).toBe('RULE_VIOLATION:TERMS_CHANGE_NOTICE_TOO_SHORT');
    expect(reasonOf(() => assertNoticeTiming({ kind: 'TERMS_CHANGE', publishAt }))).toBe('VALIDATION:');
  });
  it('service end needs 30 days (第21条)', () => {
    expect(reasonOf(() => assertNoticeTiming({ kind: 'SERVICE_END', publishAt, effectiveAt: at('2026-12-10T00:00:00Z') }))).toBe('RULE_VIOLATION:SERVICE_END_NOTICE_TOO_SHORT');
  });
  it('maintenance in advance unless an emergency (第18条)', () => {
    const window = { maintenanceStartAt: at('2026-11-28T00:00:00Z'), maintenanceEndAt: at('2026-11-28T02:00:00Z') };
    expect(reasonOf(() => assertNoticeTiming({ kind: 'MAINTENANCE', publishAt, ...window }))).toBe('RULE_VIOLATION:MAINTENANCE_NOT_IN_ADVANCE');
    expect(reasonOf(() => assertNoticeTiming({ kind: 'MAINTENANCE', publishAt, ...window, emergency: true }))).toBe('OK');
    expect(reasonOf(() => assertNoticeTiming({ kind: 'MAINTENANCE', publishAt: at('2026-11-27T00:00:00Z'), ...window }))).toBe('OK');
    expect(reasonOf(() => assertNoticeTiming({ kind: 'MAINTENANCE', publishAt, maintenanceStartAt: window.maintenanceEndAt, maintenanceEndAt: window.maintenanceStartAt, emergency: true }))).toBe('VALIDATION:');
  });
  it('maintenance stays current until its window ends', () => {
    const n = { kind: 'MAINTENANCE' as const, publishAt, maintenanceStartAt: at('2026-12-01T00:00:00Z'), maintenanceEndAt: at('2026-12-01T02:00:00Z') };
    expect(isCurrentNotice(n, at('2026-11-30T00:00:00Z'))).toBe(true);
    expect(isCurrentNotice(n, at('2026-12-01T02:00:00Z'))).toBe(false);
    expect(isCurrentNotice(n, at('2026-11-27T00:00:00Z'))).toBe(false);
    expect(isCurrentNotice({ ...n, withdrawnAt: publishAt }, at('2026-11-30T00:00:00Z'))).toBe(false);
  });
  it('retries back off and stop', () => {
    expect(nextAttemptAt(publishAt, 0)).toEqual(publishAt);
    expect(nextAttemptAt(publishAt, 1)?.toISOString()).toBe('2026-11-28T00:01:00.000Z');
    expect(nextAttemptAt(publishAt, 2)?.toISOString()).toBe('2026-11-28T00:06:00.000Z');
    expect(nextAttemptAt(publishAt, 6)).toBeNull();
  });
});
