import { en } from './en';
import { ja, type MessageKey } from './ja';

export type { MessageKey };
export type Language = 'ja' | 'en';

export const LANG_COOKIE = 'tw_lang';
export const DEFAULT_LANGUAGE: Language = 'ja';

const catalogues: Record<Language, Record<MessageKey, string>> = { ja, en };

export function resolveLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : DEFAULT_LANGUAGE;
}

export type Params = Record<string, string | number>;

/** Whether `key` names a message (for keys built from recorded codes, e.g. audit actions). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(ja, key);
}

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Language, key: MessageKey, params?: Params): string {
  const text = catalogues[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** Dates are stored in UTC and always shown in Asia/Tokyo. */
export function formatJst(date: Date | string, lang: Language, withTime = true): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(d);
}

export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}
/** A rate (0..1) as a percentage with up to two decimals: 0.004 → "0.4%", 0 → "0%". */
export function formatRate(rate: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

export { jstDateInputValue, jstInputValue, parseJstInput } from './jst-input';
