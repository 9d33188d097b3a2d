'use client';
import type { MessageKey } from '../../i18n';
import { useDomainError, type DomainErrorRules, type ErrorText } from '../use-error-text';

// The contract rules the API names by `reason`, said in words the user can act on.
const REASONS = new Set([
  'ALREADY_DECIDED', 'NOT_DOMESTIC_ENTITY', 'THROUGH_RESELLER', 'CONTRACT_NOT_ACTIVE', 'ALREADY_ENDING', 'ALREADY_RENEWED', 'ALREADY_INVOICED',
  'NO_REFUND', 'NOTICE_TOO_SHORT', 'CURE_DEADLINE_NOT_PASSED', 'NO_CURE_PERIOD', 'END_DATE_REQUIRED', 'INVITATION_INVALID', 'PASSWORD_ALREADY_SET',
  'USER_DISABLED', 'NO_EMAIL', 'NOT_OVERDUE', 'BELOW_ONE_YEN', 'OVERPAYMENT', 'NOTHING_OWED', 'FUTURE_DATE', 'BEFORE_ISSUE', 'ENDS_AT_TERM_END',
  'TERMINATE_THE_RENEWAL', 'NOT_ALLOWED_IN_STATE', 'CONCURRENT_CHANGE', 'START_AFTER_TERM_END', 'ALREADY_REQUESTED', 'NOT_REGISTERED_ADMINISTRATOR', 'ADMINISTRATOR_GONE',
]);

// Field errors whose server text deserves its own sentence.
const FIELD_TEXTS: [RegExp, MessageKey][] = [
  [/check digit/i, 'contracts.field.corporateNumber'],
  [/^not allowed$/i, 'contracts.field.directPrice'],
  [/agree to the terms/i, 'contracts.field.agreeTerms'],
  [/established in Japan may apply/i, 'contracts.field.domestic'],
];

const RULES: DomainErrorRules = {
  reason: (r) => (REASONS.has(r) ? (`contracts.reason.${r}` as MessageKey) : undefined),
  fieldText: (m) => FIELD_TEXTS.find(([re]) => re.test(m))?.[1],
};

/** useErrorText, plus the contract rules' reasons and a few field texts. */
export function useContractError(): (error: unknown) => ErrorText {
  return useDomainError(RULES);
}
