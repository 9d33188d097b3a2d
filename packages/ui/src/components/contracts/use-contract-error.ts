'use client';
import { useCallback } from 'react';
import type { MessageKey } from '../../i18n';
import { useT } from '../i18n-provider';
import { useErrorText, type ErrorText } from '../use-error-text';

interface ErrorData {
  reason?: string | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

// The contract rules the API names by `reason`, said in words the user can act on.
const REASONS = new Set([
  'ALREADY_DECIDED', 'NOT_DOMESTIC_ENTITY', 'THROUGH_RESELLER', 'CONTRACT_NOT_ACTIVE', 'ALREADY_ENDING', 'ALREADY_RENEWED', 'ALREADY_INVOICED',
  'NO_REFUND', 'NOTICE_TOO_SHORT', 'CURE_DEADLINE_NOT_PASSED', 'NO_CURE_PERIOD', 'END_DATE_REQUIRED', 'INVITATION_INVALID', 'PASSWORD_ALREADY_SET',
  'USER_DISABLED', 'NO_EMAIL',
]);

// Field errors whose server text deserves its own sentence.
const FIELD_TEXTS: [RegExp, MessageKey][] = [
  [/check digit/i, 'contracts.field.corporateNumber'],
  [/^not allowed$/i, 'contracts.field.directPrice'],
];

/** useErrorText, plus the contract rules' reasons and a few field texts. */
export function useContractError(): (error: unknown) => ErrorText {
  const t = useT();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown) => {
      const base = errorText(error);
      if (!error) return base;
      const data = ((error as { data?: ErrorData | null }).data ?? {}) as ErrorData;
      const fields = { ...base.fields };
      for (const [name, messages] of Object.entries(data.fieldErrors ?? {})) {
        const hit = FIELD_TEXTS.find(([re]) => re.test(messages?.[0] ?? ''));
        if (hit) fields[name] = t(hit[1]);
      }
      const reason = data.reason && REASONS.has(data.reason) ? (`contracts.reason.${data.reason}` as MessageKey) : null;
      return { message: reason ? t(reason) : base.message, fields };
    },
    [t, errorText],
  );
}
