'use client';
import { useState, type FormEvent } from 'react';
import { Alert, Field, Select, TextArea, TextInput, FormActions, useT, type ErrorText } from '@telework/ui';
import type { UserRow } from '@/components/people/types';

export type RequestKind = 'DISCLOSE' | 'CORRECT' | 'DELETE';
export const REQUEST_KINDS: RequestKind[] = ['DISCLOSE', 'CORRECT', 'DELETE'];

export interface PrivacyRequestValue {
  kind: RequestKind;
  subjectUserId: string;
  format: 'html' | 'json' | 'csv';
  details: string;
  /** CORRECT: only the fields whose new value differs from the record. */
  correction: { name?: string; department?: string; email?: string };
}

/** 第26条2項: what the administrator asks the provider to do with one person's data. */
export function PrivacyRequestForm({ users, err, pending, onSubmit, onCancel }: {
  users: UserRow[];
  err: ErrorText;
  pending: boolean;
  onSubmit: (v: PrivacyRequestValue) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [kind, setKind] = useState<RequestKind>('DISCLOSE');
  const [subjectUserId, setSubjectUserId] = useState('');
  const [format, setFormat] = useState<'html' | 'json' | 'csv'>('html');
  const [details, setDetails] = useState('');
  const [fix, setFix] = useState({ name: '', department: '', email: '' });
  const [local, setLocal] = useState<Record<string, string>>({});
  const subject = users.find((u) => u.id === subjectUserId);

  const pick = (id: string) => {
    setSubjectUserId(id);
    const u = users.find((x) => x.id === id);
    // A correction starts from the record as it is; the administrator changes what is wrong.
    setFix({ name: u?.name ?? '', department: u?.department ?? '', email: u?.email ?? '' });
  };
  const changed = () => {
    if (!subject) return {};
    const out: PrivacyRequestValue['correction'] = {};
    if (fix.name.trim() !== subject.name) out.name = fix.name.trim();
    if (fix.department.trim() !== (subject.department ?? '')) out.department = fix.department.trim();
    if (fix.email.trim() !== (subject.email ?? '')) out.email = fix.email.trim();
    return out;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    if (!subjectUserId) bad.subjectUserId = t('error.field.required');
    const correction = kind === 'CORRECT' ? changed() : {};
    if (kind === 'CORRECT' && !fix.name.trim()) bad['correction.name'] = t('error.field.required');
    if (kind === 'CORRECT' && fix.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(fix.email.trim())) bad['correction.email'] = t('error.field.email');
    if (kind === 'CORRECT' && subjectUserId && Object.keys(correction).length === 0 && !details.trim()) bad.correction = t('ops.privacy.nothingToCorrect');
    setLocal(bad);
    if (Object.keys(bad).length === 0) onSubmit({ kind, subjectUserId, format, details: details.trim(), correction });
  };
  const fields = { ...err.fields, ...local };
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('ops.privacy.kind')} htmlFor="pr-kind">
        <Select id="pr-kind" value={kind} onChange={(e) => setKind(REQUEST_KINDS.find((k) => k === e.target.value) ?? 'DISCLOSE')}>
          {REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`ops.privacy.kind.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('ops.privacy.subject')} htmlFor="pr-subject" error={fields.subjectUserId}>
        <Select id="pr-subject" value={subjectUserId} onChange={(e) => pick(e.target.value)}>
          <option value="">{t('ops.privacy.choosePerson')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}（{u.loginId}）
            </option>
          ))}
        </Select>
      </Field>
      {kind === 'DISCLOSE' ? (
        <Field label={t('ops.privacy.format')} htmlFor="pr-format" hint={t('ops.privacy.formatHint')}>
          <Select id="pr-format" value={format} onChange={(e) => setFormat(e.target.value === 'csv' ? 'csv' : e.target.value === 'json' ? 'json' : 'html')}>
            <option value="html">{t('ops.privacy.formatHtml')}</option>
            <option value="json">JSON</option>
            <option value="csv">CSV</option>
          </Select>
        </Field>
      ) : null}
      {kind === 'CORRECT' && subject ? (
        <fieldset style={{ border: '1px solid var(--tw-border)', borderRadius: 8, padding: '0.6rem 0.8rem', marginBottom: '0.9rem' }}>
          <legend>{t('ops.privacy.correctionLegend')}</legend>
          {fields.correction ? <Alert>{fields.correction}</Alert> : null}
          <Field label={t('ops.privacy.newName')} htmlFor="pr-name" error={fields['correction.name']}>
            <TextInput id="pr-name" value={fix.name} onChange={(e) => setFix({ ...fix, name: e.target.value })} />
          </Field>
          <Field label={t('ops.privacy.newDepartment')} htmlFor="pr-department" error={fields['correction.department']}>
            <TextInput id="pr-department" value={fix.department} onChange={(e) => setFix({ ...fix, department: e.target.value })} />
          </Field>
          <Field label={t('ops.privacy.newEmail')} htmlFor="pr-email" error={fields['correction.email']}>
            <TextInput id="pr-email" type="email" value={fix.email} onChange={(e) => setFix({ ...fix, email: e.target.value })} />
          </Field>
        </fieldset>
      ) : null}
      {kind === 'DELETE' ? <Alert tone="info">{t('ops.privacy.deleteWarning')}</Alert> : null}
      <Field label={t('ops.privacy.details')} htmlFor="pr-details" hint={t('ops.privacy.detailsHint')}>
        <TextArea id="pr-details" rows={4} value={details} onChange={(e) => setDetails(e.target.value)} />
      </Field>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={pending ? t('ops.sending') : t('ops.privacy.submit')} variant={kind === 'DELETE' ? 'danger' : 'primary'} />
    </form>
  );
}
