'use client';
import { useCallback } from 'react';
import { useT, type ErrorText } from '@telework/ui';
import type { MessageKey } from '@telework/ui/i18n';
import { useErrorText } from '@/components/use-error-text';

interface ErrorData {
  appCode?: string | null;
  reason?: string | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

// Business rules the API names by `reason`, said in words the manager can act on.
const REASONS: Record<string, MessageKey> = {
  GROUP_CYCLE: 'groups.cycle',
  GROUP_HAS_CHILDREN: 'groups.hasChildren',
  SELF: 'users.self',
  OWN_ROLE: 'users.ownRole',
};

// Domain field errors whose English text deserves its own Japanese sentence.
const FIELD_TEXTS: [RegExp, MessageKey][] = [
  [/after the start/i, 'schedules.endBeforeStart'],
  [/longer than the day/i, 'schedules.breakTooLong'],
  [/not a manager with e-mail/i, 'reports.badRecipients'],
];

export interface PeopleErrorOptions {
  /** A unique-key conflict belongs to this field (e.g. a login ID already in use). */
  conflict?: { field: string; key: MessageKey };
  /** Current seat usage, to explain a SEAT_LIMIT refusal with figures. */
  seats?: { used: number; allowed: number } | undefined;
  /** Which field a reason's message belongs under, instead of the form's top. */
  reasonField?: Record<string, string>;
}

/** useErrorText, plus the people screens' reasons, conflicts and seat figures. */
export function usePeopleError(): (error: unknown, options?: PeopleErrorOptions) => ErrorText {
  const t = useT();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown, options: PeopleErrorOptions = {}) => {
      const base = errorText(error);
      if (!error) return base;
      const data = ((error as { data?: ErrorData | null }).data ?? {}) as ErrorData;
      const fields = { ...base.fields };
      for (const [name, messages] of Object.entries(data.fieldErrors ?? {})) {
        const hit = FIELD_TEXTS.find(([re]) => re.test(messages?.[0] ?? ''));
        if (hit) fields[name] = t(hit[1]);
      }
      if (data.appCode === 'CONFLICT' && options.conflict) {
        return { message: null, fields: { ...fields, [options.conflict.field]: t(options.conflict.key) } };
      }
      if (data.appCode === 'SEAT_LIMIT' && options.seats) {
        // The figures come from the seat query, refreshed after the refusal.
        return { message: t('users.seatLimit', { used: options.seats.used, allowed: options.seats.allowed }), fields };
      }
      const reasonKey = data.reason ? REASONS[data.reason] : undefined;
      if (reasonKey) {
        const field = data.reason ? options.reasonField?.[data.reason] : undefined;
        if (field) return { message: null, fields: { ...fields, [field]: t(reasonKey) } };
        return { message: t(reasonKey), fields };
      }
      // Every field's error is shown under its field; the top line only says what to do.
      return { message: base.message, fields };
    },
    [t, errorText],
  );
}
