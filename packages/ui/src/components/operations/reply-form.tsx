'use client';
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n-provider';
import { Alert, Button, Field, TextArea } from '../primitives';
import type { ErrorText } from '../use-error-text';

/** A message added to an open conversation; cleared once sent. */
export function ReplyForm({ id, label, submitLabel, err, pending, onSubmit }: {
  id: string;
  label: string;
  submitLabel: string;
  err: ErrorText;
  pending: boolean;
  onSubmit: (body: string, clear: () => void) => void;
}) {
  const t = useT();
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!body.trim());
    if (body.trim()) onSubmit(body, () => setBody(''));
  };
  return (
    <form onSubmit={submit} noValidate style={{ marginTop: '1rem' }}>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={label} htmlFor={id} error={missing ? t('error.field.required') : err.fields.body}>
        <TextArea id={id} rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? t('ops.sending') : submitLabel}
      </Button>
    </form>
  );
}
