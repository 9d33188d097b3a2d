'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { AuthPage, Field, ForgotPasswordLink, TextInput, rememberLanguage, useErrorText, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { LoginNotices } from '@/components/notices/login-notices';

export default function SignInPage() {
  const t = useT();
  const trpc = useTRPC();
  const errorText = useErrorText();
  // Asking who we are also hands the browser its CSRF cookie before the form is sent.
  const me = useQuery(trpc.auth.me.queryOptions());
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (user) => {
        // The language saved in the user's profile wins over the one picked on this page.
        rememberLanguage(user.language);
        window.location.assign(user.mustChangePassword ? '/change-password' : '/');
      },
    }),
  );
  const [form, setForm] = useState({ systemId: '', loginId: '', password: '' });

  useEffect(() => {
    if (me.data) window.location.assign(me.data.mustChangePassword ? '/change-password' : '/');
  }, [me.data]);

  const err = errorText(signIn.error);
  return (
    <AuthPage appName="app.consoleName" intro="auth.consoleIntro" error={err.message} pending={signIn.isPending} disabled={me.isLoading} onSubmit={() => signIn.mutate(form)} below={<ForgotPasswordLink />} footer={<LoginNotices />}>
      <Field label={t('auth.systemId')} htmlFor="systemId" error={err.fields.systemId}>
        <TextInput id="systemId" name="systemId" autoComplete="organization" value={form.systemId} onChange={(e) => setForm({ ...form, systemId: e.target.value })} required />
      </Field>
      <Field label={t('auth.loginId')} htmlFor="loginId" error={err.fields.loginId}>
        <TextInput id="loginId" name="loginId" autoComplete="username" value={form.loginId} onChange={(e) => setForm({ ...form, loginId: e.target.value })} required />
      </Field>
      <Field label={t('auth.password')} htmlFor="password" error={err.fields.password}>
        <TextInput id="password" name="password" type="password" autoComplete="current-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
      </Field>
    </AuthPage>
  );
}
