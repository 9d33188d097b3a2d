'use client';
import type { ReactNode } from 'react';
import { setLanguage, useLanguage, useT } from './i18n-provider';
import type { Language, MessageKey } from '../i18n';

export interface NavItem {
  href: string;
  label: MessageKey;
}

/**
 * The authenticated frame of both apps: product name, navigation, who is signed in, the language
 * switch and sign-out. Links are plain anchors so the shell does not depend on a router.
 */
export function AppShell({
  appName,
  nav,
  currentPath,
  who,
  onSignOut,
  onLanguageChange,
  children,
}: {
  appName: MessageKey;
  nav: NavItem[];
  currentPath: string;
  who: ReactNode;
  onSignOut: () => void;
  /** Called before the switch takes effect, e.g. to save the choice in the user's profile. */
  onLanguageChange?: (lang: Language) => Promise<unknown>;
  children: ReactNode;
}) {
  const t = useT();
  const lang = useLanguage();
  // One entry is current: the longest one the path is or lies under (/faces/reenrol is not /faces).
  const activeHref = nav
    .filter((item) => (item.href === '/' ? currentPath === '/' : currentPath === item.href || currentPath.startsWith(`${item.href}/`)))
    .reduce<string | null>((best, item) => (best === null || item.href.length > best.length ? item.href : best), null);
  const switchLanguage = async () => {
    const next = lang === 'ja' ? 'en' : 'ja';
    // A failed save must not block the switch: the cookie alone still changes this browser's UI.
    await onLanguageChange?.(next).catch(() => undefined);
    setLanguage(next);
  };
  return (
    <div className="tw-shell">
      <header className="tw-topbar">
        <div className="tw-brand">
          <span className="tw-brand-product">{t('app.productName')}</span>
          <span className="tw-brand-app">{t(appName)}</span>
        </div>
        <div className="tw-topbar-right">
          <span className="tw-who" data-testid="who-am-i">
            {who}
          </span>
          <button type="button" className="tw-button tw-button-link" onClick={() => void switchLanguage()} data-testid="language-switch">
            {t('lang.switchTo')}
          </button>
          <button type="button" className="tw-button tw-button-secondary" onClick={onSignOut} data-testid="sign-out">
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      <div className="tw-body">
        <nav className="tw-nav" aria-label={t('nav.menu')}>
          <ul>
            {nav.map((item) => {
              const active = item.href === activeHref;
              return (
                <li key={item.href}>
                  <a href={item.href} className={active ? 'tw-nav-active' : undefined} aria-current={active ? 'page' : undefined}>
                    {t(item.label)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <main className="tw-main">{children}</main>
      </div>
    </div>
  );
}
