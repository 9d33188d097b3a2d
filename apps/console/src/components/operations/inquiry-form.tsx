'use client';
import { useState, type FormEvent } from 'react';
import { Alert, Field, TextArea, TextInput, FormActions, useT, type ErrorText } from '@telework/ui';

export interface InquiryFormValue {
  systemId: string;
  administratorName: string;
  subject: string;
  body: string;
}

/**
 * A new inquiry with the system ID and the administrator's registered name (仕様書 4: the provider
 * accepts an inquiry after checking both). For a signed-in registered administrator both come filled
 * in (`identity`) and stay editable; the API compares them, not this form.
 */
export function InquiryForm({ identity, err, pending, onSubmit, onCancel }: {
  identity: { systemId: string; administratorName: string } | null;
  err: ErrorText;
  pending: boolean;
  onSubmit: (v: InquiryFormValue) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [v, setV] = useState<InquiryFormValue>({ systemId: identity?.systemId ?? '', administratorName: identity?.administratorName ?? '', subject: '', body: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = Object.fromEntries(Object.entries(v).filter(([, value]) => !value.trim()).map(([k]) => [k, t('error.field.required')]));
    setLocal(missing);
    if (Object.keys(missing).length === 0) onSubmit(v);
  };
  const fields = { ...err.fields, ...local };
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      <p className="tw-muted">{t('ops.inquiry.formIntro')}</p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('ops.inquiry.systemId')} htmlFor="iq-systemId" error={fields.systemId}>
        <TextInput id="iq-systemId" autoComplete="organization" value={v.systemId} onChange={(e) => setV({ ...v, systemId: e.target.value })} />
      </Field>
      <Field label={t('ops.inquiry.administratorName')} htmlFor="iq-name" error={fields.administratorName} hint={t('ops.inquiry.administratorNameHint')}>
        <TextInput id="iq-name" autoComplete="name" value={v.administratorName} onChange={(e) => setV({ ...v, administratorName: e.target.value })} />
      </Field>
      <Field label={t('ops.inquiry.subject')} htmlFor="iq-subject" error={fields.subject}>
        <TextInput id="iq-subject" maxLength={200} value={v.subject} onChange={(e) => setV({ ...v, subject: e.target.value })} />
      </Field>
      <Field label={t('ops.inquiry.body')} htmlFor="iq-body" error={fields.body}>
        <TextArea id="iq-body" rows={8} value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} />
      </Field>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={pending ? t('ops.sending') : t('ops.inquiry.send')} />
    </form>
  );
}
