import { AppError } from '../../errors/app-error';

/**
 * 第14条4項: whatever the reason (termination, suspension under 第19条, service end under 第21条,
 * …), the provider and resellers never pay back fees already received. Call this before any
 * operation that would move money back to a customer; it throws for any positive amount.
 */
export function assertNoRefund(refund: { amount: number; cause: string }): void {
  if (refund.amount > 0) {
    throw new AppError('RULE_VIOLATION', 'Fees already received are not refunded (第14条4項)', {
      reason: 'NO_REFUND',
      clause: '第14条4項',
      cause: refund.cause,
    });
  }
}

/**
 * What the customer still owes when a contract ends early: every billed and unpaid amount stays
 * due, and paid amounts create no credit.
 */
export function settlementOnEarlyEnd(input: { paid: number; billedUnpaid: number }): { refund: 0; stillDue: number } {
  if (!Number.isSafeInteger(input.paid) || !Number.isSafeInteger(input.billedUnpaid) || input.paid < 0 || input.billedUnpaid < 0) {
    throw new RangeError('Amounts must be non-negative whole yen');
  }
  return { refund: 0, stillDue: input.billedUnpaid };
}
