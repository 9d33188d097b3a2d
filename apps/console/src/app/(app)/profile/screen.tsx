'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, Select, TextInput, setLanguage, useErrorText, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

export default function ProfilePage() {
  const t = useT();
  const trpc = useTRPC();
  const errorText = useErrorText();
  const profile = useQuery(trpc.profile.get.queryOptions());
  const [form, setForm] = useState({ name: '', email: '', department: '', language: 'ja' as 'ja' | 'en' });
  const [pw, setPw] = useState({ current: '', next: '' });
  useEffect(() => {
    if (profile.data) setForm({ name: profile.data.name, email: profile.data.email ?? '', department: profile.data.department ?? '', language: profile.data.language });
  }, [profile.data]);
  const update = useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: (saved) => {
        if (saved.language !== document.documentElement.lang) setLanguage(saved.language);
      },
    }),
  );
  const changePassword = useMutation(trpc.profile.changePassword.mutationOptions({ onSuccess: () => setPw({ current: '', next: '' }) }));

  const save = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ name: form.name, email: form.email || null, department: form.department || null, language: form.language });
  };
  const savePassword = (e: FormEvent) => {
    e.preventDefault();
    changePassword.mutate(pw);
  };
  const err = errorText(update.error);
  const pwErr = errorText(changePassword.error);

  return (
    <>
      <h1>{t('profile.title')}</h1>
      <Card>
        {err.message ? <Alert>{err.message}</Alert> : null}
        {update.isSuccess ? <Alert tone="success">{t('common.saved')}</Alert> : null}
        <form className="tw-form" onSubmit={save}>
          <Field label={t('profile.name')} htmlFor="name" error={err.fields.name}>
            <TextInput id="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field label={t('profile.department')} htmlFor="department" error={err.fields.department}>
            <TextInput id="department" value={form.department} onChange={(e) => setForm({ ...form, department: e.target.value })} />
          </Field>
          <Field label={t('profile.email')} htmlFor="email" error={err.fields.email}>
            <TextInput id="email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </Field>
          <Field label={t('profile.language')} htmlFor="language">
            <Select id="language" value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value === 'en' ? 'en' : 'ja' })}>
              <option value="ja">日本語</option>
              <option value="en">English</option>
            </Select>
          </Field>
          <Button type="submit" disabled={update.isPending}>{t('common.save')}</Button>
        </form>
      </Card>
      <Card title={t('profile.changePassword')}>
        {pwErr.message ? <Alert>{pwErr.message}</Alert> : null}
        {changePassword.isSuccess ? <Alert tone="success">{t('profile.passwordChanged')}</Alert> : null}
        <form className="tw-form" onSubmit={savePassword}>
          <Field label={t('profile.currentPassword')} htmlFor="current" error={pwErr.fields.current}>
            <TextInput id="current" type="password" autoComplete="current-password" value={pw.current} onChange={(e) => setPw({ ...pw, current: e.target.value })} />
          </Field>
          <Field label={t('profile.newPassword')} htmlFor="next" error={pwErr.fields.next}>
            <TextInput id="next" type="password" autoComplete="new-password" value={pw.next} onChange={(e) => setPw({ ...pw, next: e.target.value })} />
          </Field>
          <Button type="submit" disabled={changePassword.isPending}>{t('profile.changePassword')}</Button>
        </form>
      </Card>
    </>
  );
}
