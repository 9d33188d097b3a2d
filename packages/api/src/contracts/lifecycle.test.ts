import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertTransition, endReasonFor, restingState, TRANSITIONS } from './lifecycle';

// docs/contract-lifecycle.md is the lifecycle written out for people; it must say what the code does.
const doc = readFileSync(new URL('../../../../docs/contract-lifecycle.md', import.meta.url), 'utf8');

describe('the contract lifecycle table', () => {
  it('docs/contract-lifecycle.md lists exactly the transitions of the code, with the same action, audit entry and mail', () => {
    const rows = doc
      .split('\n')
      .filter((l) => /^\| (NONE|[A-Z_]+) \| [A-Z_]+ \| `/.test(l))
      .map((l) => l.split('|').slice(1, 7).map((c) => c.trim().replaceAll('`', '')))
      .map(([from, to, action, , audit, mail]) => `${from} ${to} ${action} ${audit} ${mail === '—' ? '' : mail}`.trim());
    const code = TRANSITIONS.map((t) => `${t.from} ${t.to} ${t.action} ${t.audit} ${t.mail ?? ''}`.trim());
    expect(rows.sort()).toEqual(code.sort());
  });

  it('refuses what the table does not list: nothing leaves ENDED, a renewed contract is not terminated by the customer, a suspended one is neither renewed nor suspended again', () => {
    for (const to of ['ACTIVE', 'SUSPENDED', 'TERMINATION_SCHEDULED', 'RENEWED'] as const) {
      for (const action of ['resumeTenant', 'suspendTenant', 'requestCustomerTermination', 'acceptRenewal', 'runContractLifecycle']) {
        expect(() => assertTransition('ENDED', to, action)).toThrow(/cannot move/);
      }
    }
    expect(() => assertTransition('RENEWED', 'TERMINATION_SCHEDULED', 'requestCustomerTermination')).toThrow(/cannot move/);
    expect(() => assertTransition('SUSPENDED', 'RENEWED', 'acceptRenewal')).toThrow(/cannot move/);
    expect(() => assertTransition('SUSPENDED', 'SUSPENDED', 'suspendTenant')).toThrow(/cannot move/);
    expect(() => assertTransition('TERMINATION_SCHEDULED', 'TERMINATION_SCHEDULED', 'requestCustomerTermination')).toThrow(/cannot move/);
    expect(() => assertTransition('ACTIVE', 'RENEWED', 'acceptRenewal')).not.toThrow();
  });

  it('a resumed contract returns to the state its facts give; a suspended one ends for the reason of that state', () => {
    const base = { endDate: null, serviceStartDate: '2026-04-01', renewalNoticeSentAt: null };
    expect(restingState(base, false, '2026-05-01')).toBe('ACTIVE');
    expect(restingState(base, false, '2026-03-31')).toBe('PENDING_START');
    expect(restingState({ ...base, renewalNoticeSentAt: new Date() }, false, '2027-02-01')).toBe('RENEWAL_OFFERED');
    expect(restingState({ ...base, renewalNoticeSentAt: new Date() }, true, '2027-02-01')).toBe('RENEWED');
    expect(restingState({ ...base, endDate: '2027-01-31' }, true, '2027-01-01')).toBe('TERMINATION_SCHEDULED');
    expect(endReasonFor('TERMINATION_SCHEDULED', 'PROVIDER_TERMINATION')).toBe('PROVIDER_TERMINATION');
    expect(endReasonFor('RENEWED', null)).toBe('RENEWED');
    expect(endReasonFor('RENEWAL_OFFERED', null)).toBe('TERM_END');
  });
});
