'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, AuthFrame, Button, Field, TextInput, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

/**
 * An invited administrator sets a password (contracts.invitations.accept) and is led to sign in with
 * the system ID and user ID the API returns. The link works once; a used or expired one says so.
 */
export function InviteForm({ token }: { token: string }) {
  const t = useT();
  const trpc = useTRPC();
  const contractError = useContractError();
  // Asking who we are hands the browser its CSRF cookie before the form is sent (as on sign-in).
  const me = useQuery(trpc.auth.me.queryOptions());
  const accept = useMutation(trpc.contracts.invitations.accept.mutationOptions());
  const [form, setForm] = useState({ password: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const err = contractError(accept.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (form.password !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    accept.mutate({ token, password: form.password });
  };

  return (
    <AuthFrame title="invite.title">
      {accept.data ? (
        <div data-testid="invite-done">
          <Alert tone="success">{t('invite.done')}</Alert>
          <dl className="tw-facts">
            <dt>{t('auth.systemId')}</dt>
            <dd data-testid="invite-system-id">{accept.data.systemId}</dd>
            <dt>{t('auth.loginId')}</dt>
            <dd data-testid="invite-login-id">{accept.data.loginId}</dd>
          </dl>
          <a className="tw-button tw-button-primary" href="/sign-in">
            {t('invite.goSignIn')}
          </a>
        </div>
      ) : (
        <>
          <p className="tw-muted">{t('invite.intro')}</p>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <form onSubmit={submit} noValidate>
            <Field label={t('invite.password')} htmlFor="invite-password" error={err.fields.password}>
              <TextInput id="invite-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
            </Field>
            <Field label={t('invite.confirm')} htmlFor="invite-confirm" error={mismatch ? t('invite.mismatch') : null}>
              <TextInput id="invite-confirm" type="password" autoComplete="new-password" value={form.confirm} onChange={(e) => setForm({ ...form, confirm: e.target.value })} />
            </Field>
            <Button type="submit" disabled={accept.isPending || me.isLoading} style={{ width: '100%' }}>
              {t('invite.submit')}
            </Button>
          </form>
        </>
      )}
    </AuthFrame>
  );
}
