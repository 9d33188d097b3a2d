'use client';
import { useMemo } from 'react';
import { formatJst, type Language } from '../../i18n';
import { useLanguage } from '../i18n-provider';

/** Whole yen with thousands separators: 240,000円 / JPY 240,000. */
export function formatYen(amount: number, lang: Language): string {
  return lang === 'ja' ? `${amount.toLocaleString('ja-JP')}円` : `JPY ${amount.toLocaleString('en-US')}`;
}

/**
 * A calendar date: a @db.Date value (midnight UTC) or an ISO day, shown as that day. Going through
 * Asia/Tokyo is safe for both, since midnight UTC is 09:00 the same day in Tokyo.
 */
export function formatDay(day: Date | string, lang: Language): string {
  return formatJst(typeof day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day, lang, false);
}

/** The formatters in the current language. */
export function useContractFormat() {
  const lang = useLanguage();
  return useMemo(
    () => ({
      yen: (amount: number) => formatYen(amount, lang),
      day: (day: Date | string) => formatDay(day, lang),
      time: (instant: Date | string) => formatJst(instant, lang),
    }),
    [lang],
  );
}

/** Today in Tokyo as YYYY-MM-DD (the minimum of date inputs that look ahead). */
export function jstToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A number field as typed. An empty one is sent as missing on purpose (hence the assertion): the API's
 * schema then names it "required" under its field, together with every other problem of the form.
 */
export const numberOrMissing = (s: string): number => (s.trim() === '' ? (undefined as unknown as number) : Number(s.trim().replace(/[,，]/g, '')));

export const isIsoDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s);
