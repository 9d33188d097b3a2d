'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, TextInput, rememberLanguage, setLanguage, useErrorText, useLanguage, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

export default function SignInPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const errorText = useErrorText();
  // Asking who we are also hands the browser its CSRF cookie before the form is sent.
  const me = useQuery(trpc.auth.me.queryOptions());
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (user) => {
        // The language saved in the user's profile wins over the one picked on this page.
        rememberLanguage(user.language);
        window.location.assign('/');
      },
    }),
  );
  const [form, setForm] = useState({ systemId: '', loginId: '', password: '' });

  useEffect(() => {
    if (me.data) window.location.assign('/');
  }, [me.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(form);
  };
  const err = errorText(signIn.error);

  return (
    <div className="tw-auth-page">
      <div className="tw-auth-box">
        <p className="tw-auth-lang">
          <button type="button" className="tw-button tw-button-link" onClick={() => setLanguage(lang === 'ja' ? 'en' : 'ja')} data-testid="language-switch">
            {t('lang.switchTo')}
          </button>
        </p>
        <p className="tw-auth-product">{t('app.productName')}</p>
        <h1>{t('app.consoleName')}</h1>
        <Card>
          <p className="tw-muted">{t('auth.consoleIntro')}</p>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <form onSubmit={submit} noValidate>
            <Field label={t('auth.systemId')} htmlFor="systemId" error={err.fields.systemId}>
              <TextInput id="systemId" name="systemId" autoComplete="organization" value={form.systemId} onChange={(e) => setForm({ ...form, systemId: e.target.value })} required />
            </Field>
            <Field label={t('auth.loginId')} htmlFor="loginId" error={err.fields.loginId}>
              <TextInput id="loginId" name="loginId" autoComplete="username" value={form.loginId} onChange={(e) => setForm({ ...form, loginId: e.target.value })} required />
            </Field>
            <Field label={t('auth.password')} htmlFor="password" error={err.fields.password}>
              <TextInput id="password" name="password" type="password" autoComplete="current-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
            </Field>
            <Button type="submit" disabled={signIn.isPending || me.isLoading} style={{ width: '100%' }}>
              {signIn.isPending ? t('auth.signingIn') : t('auth.signIn')}
            </Button>
          </form>
        </Card>
      </div>
    </div>
  );
}
