'use client';
import { errorMessage, fieldErrors, useLanguage, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';

/** Turns an API error into the message and per-field messages to show, in the current language. */
export function useErrorText() {
  const t = useT();
  const lang = useLanguage();
  return (error: unknown) => {
    if (!error) return { message: null, fields: {} as Record<string, string> };
    const m = errorMessage(error, (iso) => formatJst(iso, lang));
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(fieldErrors(error))) fields[k] = v[0] && /required|too_small|>=1/i.test(v[0]) ? t('error.field.required') : t('error.field.invalid');
    return { message: t(m.key, m.params), fields };
  };
}
