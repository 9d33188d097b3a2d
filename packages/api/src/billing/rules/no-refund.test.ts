import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error';
import { assertNoRefund, settlementOnEarlyEnd } from './no-refund';

describe('第14条4項 no refunds', () => {
  it.each(['customer termination (第12条1項)', 'provider termination (第12条2項)', 'suspension (第19条)', 'service end (第21条)'])(
    '第14条4項: refusing a refund after %s',
    (cause) => {
      let caught: unknown;
      try {
        assertNoRefund({ amount: 1, cause });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'NO_REFUND', clause: '第14条4項', cause } });
    },
  );

  it('第14条4項: a zero adjustment passes', () => {
    expect(() => assertNoRefund({ amount: 0, cause: 'termination' })).not.toThrow();
  });

  it('第14条4項: ending early leaves unpaid bills due and creates no credit', () => {
    expect(settlementOnEarlyEnd({ paid: 264_000, billedUnpaid: 12_100 })).toEqual({ refund: 0, stillDue: 12_100 });
  });
});
