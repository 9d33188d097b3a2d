'use client';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { LANG_COOKIE, translate, type Language, type MessageKey, type Params } from '../i18n';

const LanguageContext = createContext<Language>('ja');

export function I18nProvider({ lang, children }: { lang: Language; children: ReactNode }) {
  return <LanguageContext.Provider value={lang}>{children}</LanguageContext.Provider>;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/** `t('key', { param })` in the current language. */
export function useT() {
  const lang = useLanguage();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}

/** Stores the UI language in the cookie the server reads; it applies from the next page load. */
export function rememberLanguage(lang: Language): void {
  document.cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** Switches the UI language now: stores it and reloads the page. */
export function setLanguage(lang: Language): void {
  rememberLanguage(lang);
  window.location.reload();
}
