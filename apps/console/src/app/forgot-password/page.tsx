'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, ForgotPasswordForm, TextInput, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

// Outside the signed-in area: a console user who forgot the password asks for a link by mail.
export default function ForgotPasswordPage() {
  const t = useT();
  const trpc = useTRPC();
  // Asking who we are hands the browser its CSRF cookie before the form is sent (as on sign-in).
  const me = useQuery(trpc.auth.me.queryOptions());
  const request = useMutation(trpc.auth.passwordReset.request.mutationOptions());
  const [form, setForm] = useState({ systemId: '', loginId: '' });
  return (
    <ForgotPasswordForm
      intro="reset.requestIntroConsole"
      onSubmit={() => request.mutate(form)}
      pending={request.isPending}
      disabled={me.isLoading}
      sent={request.isSuccess}
      error={request.error}
      fields={
        <>
          <Field label={t('auth.systemId')} htmlFor="systemId">
            <TextInput id="systemId" name="systemId" autoComplete="organization" value={form.systemId} onChange={(e) => setForm({ ...form, systemId: e.target.value })} required />
          </Field>
          <Field label={t('auth.loginId')} htmlFor="loginId">
            <TextInput id="loginId" name="loginId" autoComplete="username" value={form.loginId} onChange={(e) => setForm({ ...form, loginId: e.target.value })} required />
          </Field>
        </>
      }
    />
  );
}
