'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AuthPage, Field, ForgotPasswordLink, Select, TextInput, useErrorText, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

export default function SignInPage() {
  const t = useT();
  const trpc = useTRPC();
  const errorText = useErrorText();
  // Asking who we are also hands the browser its CSRF cookie before the form is sent.
  const me = useQuery(trpc.auth.me.queryOptions());
  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ onSuccess: () => window.location.assign('/') }));
  const [form, setForm] = useState({ kind: 'resellerStaff' as 'operator' | 'resellerStaff', email: '', password: '' });

  useEffect(() => {
    if (me.data) window.location.assign('/');
  }, [me.data]);

  const err = errorText(signIn.error);
  return (
    <AuthPage appName="app.resellerName" intro="auth.resellerIntro" error={err.message} pending={signIn.isPending} disabled={me.isLoading} onSubmit={() => signIn.mutate(form)} below={<ForgotPasswordLink />}>
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
    </AuthPage>
  );
}
