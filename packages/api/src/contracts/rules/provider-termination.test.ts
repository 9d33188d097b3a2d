import { describe, expect, it } from 'vitest';
import { checkServiceEndNotice, checkTermsChangeNotice, planProviderTermination, type ProviderTerminationCause } from './provider-termination';

const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`);
const decidedAt = jst('2026-06-01 15:00');

describe('provider termination', () => {
  it.each<[string, ProviderTerminationCause]>([
    ['第12条2項1号', { kind: 'prohibited_act' }],
    ['第12条2項2号', { kind: 'insolvency' }],
    ['第28条2項', { kind: 'anti_social_forces' }],
    ['第21条', { kind: 'licensor_contract_ended' }],
  ])('%s: ends immediately, without notice', (clause, cause) => {
    expect(planProviderTermination(cause, decidedAt)).toEqual({ ok: true, immediate: true, clause, effectiveAt: decidedAt });
  });

  it('第12条2項3号: only after the deadline of the demand to cure has passed', () => {
    const cause: ProviderTerminationCause = { kind: 'uncured_breach', demandSentAt: jst('2026-05-01 10:00'), cureDeadline: jst('2026-05-31 17:00') };
    expect(planProviderTermination(cause, jst('2026-05-31 16:59'))).toEqual({
      ok: false,
      clause: '第12条2項3号',
      reason: 'CURE_DEADLINE_NOT_PASSED',
      cureDeadline: cause.cureDeadline,
    });
    expect(planProviderTermination(cause, jst('2026-05-31 17:01'))).toMatchObject({ ok: true, immediate: true });
  });

  it('第12条2項3号: a demand whose deadline is not after the demand is no demand', () => {
    const at = jst('2026-05-01 10:00');
    expect(planProviderTermination({ kind: 'uncured_breach', demandSentAt: at, cureDeadline: at }, decidedAt)).toEqual({
      ok: false,
      clause: '第12条2項3号',
      reason: 'NO_CURE_PERIOD',
    });
  });

  it.each([
    ['2026-07-01', true, 30],
    ['2026-08-31', true, 91],
    ['2026-06-30', false, 29],
  ])('第12条3項: notice on 2026-06-01, end %s → ok=%s (%i days)', (endDate, ok, noticeDays) => {
    const plan = planProviderTermination({ kind: 'with_notice' }, decidedAt, endDate);
    if (ok) expect(plan).toEqual({ ok: true, immediate: false, clause: '第12条3項', endDate, noticeDays });
    else expect(plan).toEqual({ ok: false, clause: '第12条3項', reason: 'NOTICE_TOO_SHORT', noticeDays, earliestEndDate: '2026-07-01' });
  });

  it('第12条3項: termination with notice needs an end date', () => {
    expect(planProviderTermination({ kind: 'with_notice' }, decidedAt)).toEqual({ ok: false, clause: '第12条3項', reason: 'END_DATE_REQUIRED' });
  });
});

describe('advisory notices', () => {
  it.each([
    ['2026-07-01', true, 30],
    ['2026-06-20', false, 19],
  ])('第21条: service end on %s after notice 2026-06-01 → full notice %s', (endDate, full, days) => {
    expect(checkServiceEndNotice(decidedAt, endDate)).toEqual({
      clause: '第21条',
      noticeDays: days,
      fullNotice: full,
      earliestDateWithFullNotice: '2026-07-01',
    });
  });

  it('第3条: terms change posted 2026-06-01 23:30 JST applies on 2026-07-01 at the earliest', () => {
    expect(checkTermsChangeNotice(jst('2026-06-01 23:30'), '2026-06-30')).toMatchObject({ fullNotice: false, earliestDateWithFullNotice: '2026-07-01' });
    expect(checkTermsChangeNotice(jst('2026-06-01 23:30'), '2026-07-01')).toMatchObject({ fullNotice: true, noticeDays: 30 });
  });
});
