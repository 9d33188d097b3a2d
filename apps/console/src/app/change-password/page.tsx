'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, AuthFrame, Button, Field, TextInput, useErrorText, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

/**
 * The forced change screen: a member signed in with an issued password (a new user's, or one after a
 * reset) is sent here by the sign-in page and by the console shell, and the API refuses everything
 * else (PASSWORD_CHANGE_REQUIRED) until the password is changed.
 */
export default function ChangePasswordPage() {
  const t = useT();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [pw, setPw] = useState({ current: '', next: '' });
  const change = useMutation(trpc.profile.changePassword.mutationOptions({ onSuccess: () => window.location.assign('/') }));

  useEffect(() => {
    if (me.isSuccess && !me.data) window.location.assign('/sign-in');
  }, [me.isSuccess, me.data]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate(pw);
  };
  const err = errorText(change.error);
  return (
    <AuthFrame title="password.forcedTitle">
      <p className="tw-muted">{t('password.forcedIntro')}</p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <form onSubmit={submit} noValidate>
        <Field label={t('profile.currentPassword')} htmlFor="current" error={err.fields.current}>
          <TextInput id="current" type="password" autoComplete="current-password" value={pw.current} onChange={(e) => setPw({ ...pw, current: e.target.value })} required />
        </Field>
        <Field label={t('profile.newPassword')} htmlFor="next" error={err.fields.next}>
          <TextInput id="next" type="password" autoComplete="new-password" value={pw.next} onChange={(e) => setPw({ ...pw, next: e.target.value })} required />
        </Field>
        <Button type="submit" disabled={change.isPending || !me.data} style={{ width: '100%' }}>
          {t('password.forcedSubmit')}
        </Button>
      </form>
    </AuthFrame>
  );
}
