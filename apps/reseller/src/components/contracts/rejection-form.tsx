'use client';
import { useState } from 'react';
import { Alert, FormActions, Field, REJECTION_REASONS, Select, TextInput, useT, type ErrorText, type RejectionReason } from '@telework/ui';

/** One of the six reasons of 第9条2項 and a note for the applicant's e-mail (applications and change requests). */
export function RejectionForm({
  initialReason = 'OTHER', pending, err, submitLabel, onSubmit, onCancel,
}: { initialReason?: RejectionReason; pending: boolean; err: ErrorText; submitLabel: string; onSubmit: (v: { reason: RejectionReason; note?: string }) => void; onCancel: () => void }) {
  const t = useT();
  const [value, setValue] = useState({ reason: initialReason, note: '' });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({ reason: value.reason, note: value.note.trim() || undefined });
      }}
    >
      <p className="tw-muted">{t('apps.rejectHint')}</p>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('apps.rejectReason')} htmlFor="reject-reason" error={err.fields.reason}>
        <Select id="reject-reason" value={value.reason} onChange={(e) => setValue({ ...value, reason: REJECTION_REASONS.find((r) => r === e.target.value) ?? 'OTHER' })}>
          {REJECTION_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`apps.reason.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('apps.rejectNote')} htmlFor="reject-note" error={err.fields.note}>
        <TextInput id="reject-note" value={value.note} onChange={(e) => setValue({ ...value, note: e.target.value })} />
      </Field>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={submitLabel} variant="danger" />
    </form>
  );
}
