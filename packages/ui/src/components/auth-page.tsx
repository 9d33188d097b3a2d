'use client';
import type { FormEvent, ReactNode } from 'react';
import { setLanguage, useLanguage, useT } from './i18n-provider';
import { Alert, Button, Card } from './primitives';
import type { MessageKey } from '../i18n';

/** The frame of the pages before sign-in: language switch, product name, the page's title. */
export function AuthFrame({ title, children, footer }: { title: MessageKey; children: ReactNode; footer?: ReactNode }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <div className="tw-auth-page">
      <div className="tw-auth-box">
        <p className="tw-auth-lang">
          <button type="button" className="tw-button tw-button-link" onClick={() => setLanguage(lang === 'ja' ? 'en' : 'ja')} data-testid="language-switch">
            {t('lang.switchTo')}
          </button>
        </p>
        <p className="tw-auth-product">{t('app.productName')}</p>
        <h1>{t(title)}</h1>
        <Card>{children}</Card>
        {footer}
      </div>
    </div>
  );
}

/**
 * The sign-in page of both apps: an intro, the error of the last attempt, the app's own fields and
 * the submit button; `footer` goes below the form (notices).
 */
export function AuthPage({
  appName,
  intro,
  error,
  pending,
  disabled,
  onSubmit,
  children,
  footer,
  below,
}: {
  appName: MessageKey;
  intro: MessageKey;
  error: string | null;
  pending: boolean;
  disabled?: boolean;
  onSubmit: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Under the submit button, inside the card (the forgotten-password link). */
  below?: ReactNode;
}) {
  const t = useT();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <AuthFrame title={appName} footer={footer}>
      <p className="tw-muted">{t(intro)}</p>
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={submit} noValidate>
        {children}
        <Button type="submit" disabled={pending || disabled} style={{ width: '100%' }}>
          {pending ? t('auth.signingIn') : t('auth.signIn')}
        </Button>
      </form>
      {below}
    </AuthFrame>
  );
}
