'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, Select, TextInput, setLanguage, useErrorText, useLanguage, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

export default function SignInPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const errorText = useErrorText();
  // Asking who we are also hands the browser its CSRF cookie before the form is sent.
  const me = useQuery(trpc.auth.me.queryOptions());
  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ onSuccess: () => window.location.assign('/') }));
  const [form, setForm] = useState({ kind: 'resellerStaff' as 'operator' | 'resellerStaff', email: '', password: '' });

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
        <h1>{t('app.resellerName')}</h1>
        <Card>
          <p className="tw-muted">{t('auth.resellerIntro')}</p>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <form onSubmit={submit} noValidate>
            <Field label={t('auth.kind')} htmlFor="kind">
              <Select id="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value === 'operator' ? 'operator' : 'resellerStaff' })}>
                <option value="resellerStaff">{t('auth.kind.resellerStaff')}</option>
                <option value="operator">{t('auth.kind.operator')}</option>
              </Select>
            </Field>
            <Field label={t('auth.email')} htmlFor="email" error={err.fields.email}>
              <TextInput id="email" name="email" type="email" autoComplete="username" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
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
