'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Field, ForgotPasswordForm, Select, TextInput, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

// Outside the signed-in area: an operator or a reseller's staff member asks for a link by mail.
export default function ForgotPasswordPage() {
  const t = useT();
  const trpc = useTRPC();
  // Asking who we are hands the browser its CSRF cookie before the form is sent (as on sign-in).
  const me = useQuery(trpc.auth.me.queryOptions());
  const request = useMutation(trpc.auth.passwordReset.request.mutationOptions());
  const [form, setForm] = useState({ kind: 'resellerStaff' as 'operator' | 'resellerStaff', email: '' });
  return (
    <ForgotPasswordForm
      intro="reset.requestIntroProvider"
      onSubmit={() => request.mutate(form)}
      pending={request.isPending}
      disabled={me.isLoading}
      sent={request.isSuccess}
      error={request.error}
      fields={
        <>
          <Field label={t('auth.kind')} htmlFor="kind">
            <Select id="kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value === 'operator' ? 'operator' : 'resellerStaff' })}>
              <option value="resellerStaff">{t('auth.kind.resellerStaff')}</option>
              <option value="operator">{t('auth.kind.operator')}</option>
            </Select>
          </Field>
          <Field label={t('auth.email')} htmlFor="email">
            <TextInput id="email" name="email" type="email" autoComplete="username" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
          </Field>
        </>
      }
    />
  );
}
