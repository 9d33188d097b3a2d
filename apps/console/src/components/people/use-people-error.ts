'use client';
import { useCallback } from 'react';
import { appErrorData, useDomainError, useT, type DomainErrorRules, type ErrorText } from '@telework/ui';
import type { MessageKey } from '@telework/ui/i18n';

// Business rules the API names by `reason`, said in words the manager can act on.
const REASONS: Record<string, MessageKey> = {
  GROUP_CYCLE: 'groups.cycle',
  GROUP_HAS_CHILDREN: 'groups.hasChildren',
  SELF: 'users.self',
  OWN_ROLE: 'users.ownRole',
  LAST_ADMIN: 'users.lastAdmin',
  IMPORT_ROWS: 'usersImport.rowsBad',
};

// Domain field errors whose English text deserves its own Japanese sentence.
const FIELD_TEXTS: [RegExp, MessageKey][] = [
  [/after the start/i, 'schedules.endBeforeStart'],
  [/longer than the day/i, 'schedules.breakTooLong'],
  [/not a manager with e-mail/i, 'reports.badRecipients'],
  // The user import file's own problems (people/import/parse-csv.ts).
  [/^empty$/, 'usersImport.fileEmpty'],
  [/^missing column/, 'usersImport.fileColumns'],
  [/^too large$/, 'usersImport.fileTooLarge'],
  [/^too many rows$/, 'usersImport.fileTooMany'],
  [/^unclosed quote$/, 'usersImport.fileQuote'],
  [/^not a workbook$/, 'usersImport.fileNotWorkbook'],
  [/^no rows$/, 'usersImport.noRows'],
];

const RULES: DomainErrorRules = { reason: (r) => REASONS[r], fieldText: (m) => FIELD_TEXTS.find(([re]) => re.test(m))?.[1] };

export interface PeopleErrorOptions {
  /** A unique-key conflict belongs to this field (e.g. a login ID already in use). */
  conflict?: { field: string; key: MessageKey };
  /** Current seat usage, to explain a SEAT_LIMIT refusal with figures. */
  seats?: { used: number; allowed: number } | undefined;
  /** Which field a reason's message belongs under, instead of the form's top. */
  reasonField?: Record<string, string>;
}

/** The people screens' domain errors, plus unique-key conflicts and seat figures. */
export function usePeopleError(): (error: unknown, options?: PeopleErrorOptions) => ErrorText {
  const t = useT();
  const domainError = useDomainError(RULES);
  return useCallback(
    (error: unknown, options: PeopleErrorOptions = {}) => {
      const text = domainError(error, options);
      if (!error) return text;
      const { appCode } = appErrorData(error);
      if (appCode === 'CONFLICT' && options.conflict) {
        return { message: null, fields: { ...text.fields, [options.conflict.field]: t(options.conflict.key) } };
      }
      if (appCode === 'SEAT_LIMIT' && options.seats) {
        // The figures come from the seat query, refreshed after the refusal.
        return { message: t('users.seatLimit', { used: options.seats.used, allowed: options.seats.allowed }), fields: text.fields };
      }
      return text;
    },
    [t, domainError],
  );
}
