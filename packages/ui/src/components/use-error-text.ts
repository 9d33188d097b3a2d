'use client';
import { useCallback } from 'react';
import { formatJst, type MessageKey } from '../i18n';
import { errorMessage, fieldErrorKey, fieldErrors } from './app-error';
import { useLanguage, useT } from './i18n-provider';

export interface ErrorText {
  /** The message for the whole form, or null when there is no error. */
  message: string | null;
  /** A message per field name, shown under that field. */
  fields: Record<string, string>;
}

/** Turns an API error into the form's message and per-field messages, in the current language. */
export function useErrorText(): (error: unknown) => ErrorText {
  const t = useT();
  const lang = useLanguage();
  return useCallback(
    (error: unknown) => {
      if (!error) return { message: null, fields: {} };
      const m = errorMessage(error, (iso) => formatJst(iso, lang));
      const fields: Record<string, string> = {};
      for (const [name, messages] of Object.entries(fieldErrors(error))) fields[name] = t(fieldErrorKey(messages));
      return { message: t(m.key, m.params), fields };
    },
    [t, lang],
  );
}

/** How a screen family says its domain's refusals: the API's `reason` codes and field texts that deserve their own sentence. */
export interface DomainErrorRules {
  reason: (reason: string) => MessageKey | undefined;
  fieldText: (serverMessage: string) => MessageKey | undefined;
}

export interface DomainErrorOptions {
  /** Which field a reason's message belongs under, instead of the form's top. */
  reasonField?: Record<string, string>;
}

interface DomainErrorData {
  reason?: string | null;
  fieldErrors?: Record<string, string[] | undefined> | null;
}

/** The error data tRPC carries from the API's AppError (code, reason, field errors), or an empty object. */
export function appErrorData(error: unknown): DomainErrorData & { appCode?: string | null } {
  return ((error as { data?: object | null } | null)?.data ?? {}) as DomainErrorData & { appCode?: string | null };
}

/** useErrorText, plus a domain's reasons and field texts; every field's error stays under its field. */
export function useDomainError(rules: DomainErrorRules): (error: unknown, options?: DomainErrorOptions) => ErrorText {
  const t = useT();
  const errorText = useErrorText();
  return useCallback(
    (error: unknown, options: DomainErrorOptions = {}) => {
      const base = errorText(error);
      if (!error) return base;
      const data = appErrorData(error);
      const fields = { ...base.fields };
      for (const [name, messages] of Object.entries(data.fieldErrors ?? {})) {
        const key = rules.fieldText(messages?.[0] ?? '');
        if (key) fields[name] = t(key);
      }
      const reasonKey = data.reason ? rules.reason(data.reason) : undefined;
      if (data.reason && reasonKey) {
        const field = options.reasonField?.[data.reason];
        if (field) return { message: null, fields: { ...fields, [field]: t(reasonKey) } };
        return { message: t(reasonKey), fields };
      }
      return { message: base.message, fields };
    },
    [t, errorText, rules],
  );
}
