import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ja } from './ja';
import { DEFAULT_LANGUAGE, formatJst, formatMinutes, formatRate, resolveLanguage, translate } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('English has exactly the Japanese keys, none of them empty where Japanese is not', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    for (const [key, text] of Object.entries(ja)) {
      if (text) expect(en[key as keyof typeof en], key).not.toBe('');
    }
  });

  it('both languages use the same placeholders in every message', () => {
    const mismatched = Object.entries(ja)
      .filter(([key, text]) => placeholders(text).join() !== placeholders(en[key as keyof typeof en]).join())
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('ja', 'home.welcome', { name: '佐藤 一郎' })).toBe('ようこそ、佐藤 一郎 さん');
    expect(translate('en', 'home.welcome', { name: 'Ichiro' })).toBe('Welcome, Ichiro');
    expect(translate('en', 'home.welcome')).toBe('Welcome, {name}');
    expect(translate('en', 'home.customerCount', { count: 0 })).toBe('Customers: 0');
  });

  it('Japanese is the default and only "en" selects English', () => {
    expect(DEFAULT_LANGUAGE).toBe('ja');
    expect(resolveLanguage(undefined)).toBe('ja');
    expect(resolveLanguage('fr')).toBe('ja');
    expect(resolveLanguage('EN')).toBe('ja');
    expect(resolveLanguage('en')).toBe('en');
  });
});

describe('formatting', () => {
  it('shows UTC instants in Asia/Tokyo, across the date line', () => {
    expect(formatJst('2026-11-28T15:30:00Z', 'ja')).toBe('2026/11/29 00:30');
    expect(formatJst(new Date('2026-11-28T15:30:00Z'), 'ja', false)).toBe('2026/11/29');
    expect(formatJst('2026-11-28T15:30:00Z', 'en')).toBe('29/11/2026, 00:30');
  });

  it('prints minutes as h:mm', () => {
    expect(formatMinutes(0)).toBe('0:00');
    expect([formatRate(0.004, 'ja'), formatRate(140 / 4500, 'en'), formatRate(0, 'en'), formatRate(436 / 450, 'ja')]).toEqual(['0.4%', '3.11%', '0%', '96.89%']);
    expect(formatMinutes(61)).toBe('1:01');
    expect(formatMinutes(8 * 60 + 59.6)).toBe('9:00');
    expect(formatMinutes(-75)).toBe('-1:15');
  });
});
