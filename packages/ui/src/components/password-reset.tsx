'use client';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { MessageKey } from '../i18n';
import { AuthFrame } from './auth-page';
import { useT } from './i18n-provider';
import { Alert, Button, Field, TextInput } from './primitives';
import { useDomainError, type DomainErrorRules, type ErrorText } from './use-error-text';

const REASONS = new Set(['RESET_LINK_INVALID', 'RESET_THROTTLED']);
const RULES: DomainErrorRules = {
  reason: (r) => (REASONS.has(r) ? (`reset.reason.${r}` as MessageKey) : undefined),
  fieldText: () => undefined,
};

/** useErrorText, plus the password-reset refusals (used, expired or foreign link; too many requests). */
export function usePasswordResetError(): (error: unknown) => ErrorText {
  return useDomainError(RULES);
}

/** The link under both sign-in forms. */
export function ForgotPasswordLink() {
  const t = useT();
  return (
    <p className="tw-muted" style={{ marginTop: '1rem', textAlign: 'center' }}>
      <a href="/forgot-password" data-testid="forgot-password-link">
        {t('reset.forgotLink')}
      </a>
    </p>
  );
}

/**
 * Asking for a link: the app's own fields (system ID + login ID, or kind + address). Whatever was typed,
 * a sent request shows the same sentence, as the API gives the same answer.
 */
export function ForgotPasswordForm({ intro, fields, onSubmit, pending, disabled, sent, error }: {
  intro: MessageKey;
  fields: ReactNode;
  onSubmit: () => void;
  pending: boolean;
  disabled?: boolean;
  sent: boolean;
  error: unknown;
}) {
  const t = useT();
  const err = usePasswordResetError()(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <AuthFrame title="reset.requestTitle">
      {sent ? (
        <div data-testid="reset-sent">
          <Alert tone="success">{t('reset.sent')}</Alert>
        </div>
      ) : (
        <>
          <p className="tw-muted">{t(intro)}</p>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <form onSubmit={submit} noValidate>
            {fields}
            <Button type="submit" disabled={pending || disabled} style={{ width: '100%' }}>
              {pending ? t('reset.sending') : t('reset.send')}
            </Button>
          </form>
        </>
      )}
      <p style={{ marginTop: '1rem', textAlign: 'center' }}>
        <a href="/sign-in">{t('reset.backToSignIn')}</a>
      </p>
    </AuthFrame>
  );
}

/** The mailed link's page: a new password twice; then back to sign-in. */
export function ResetPasswordForm({ onSubmit, pending, disabled, done, error }: {
  onSubmit: (password: string) => void;
  pending: boolean;
  disabled?: boolean;
  done: boolean;
  error: unknown;
}) {
  const t = useT();
  const err = usePasswordResetError()(error);
  const [form, setForm] = useState({ password: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.password !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    onSubmit(form.password);
  };
  return (
    <AuthFrame title="reset.confirmTitle">
      {done ? (
        <div data-testid="reset-done">
          <Alert tone="success">{t('reset.done')}</Alert>
          <a className="tw-button tw-button-primary" href="/sign-in">
            {t('reset.backToSignIn')}
          </a>
        </div>
      ) : (
        <>
          <p className="tw-muted">{t('reset.confirmIntro')}</p>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <form onSubmit={submit} noValidate>
            <Field label={t('reset.password')} htmlFor="reset-password" error={err.fields.password}>
              <TextInput id="reset-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
            </Field>
            <Field label={t('reset.confirm')} htmlFor="reset-confirm" error={mismatch ? t('reset.mismatch') : null}>
              <TextInput id="reset-confirm" type="password" autoComplete="new-password" value={form.confirm} onChange={(e) => setForm({ ...form, confirm: e.target.value })} />
            </Field>
            <Button type="submit" disabled={pending || disabled} style={{ width: '100%' }}>
              {t('reset.submit')}
            </Button>
          </form>
        </>
      )}
    </AuthFrame>
  );
}
