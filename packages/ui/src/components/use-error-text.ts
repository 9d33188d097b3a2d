'use client';
import { useCallback } from 'react';
import { formatJst } from '../i18n';
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
