'use client';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert, Field, Select, TextArea, TextInput, FormActions, useT, type ErrorText } from '@telework/ui';
import { jstInputValue, parseJstInput } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import type { TenantRow } from './types';

export interface PhoneInquiryInput {
  tenantId: string;
  administratorId: string;
  subject: string;
  body: string;
  receivedAt: Date | null;
}

/** A call from a customer's registered administrator (only they may contact the provider, 第4条2項), logged by the operator who took it. */
export function PhoneInquiryForm({ tenants, err, pending, onSubmit, onCancel }: { tenants: TenantRow[]; err: ErrorText; pending: boolean; onSubmit: (v: PhoneInquiryInput) => void; onCancel: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const [v, setV] = useState({ tenantId: '', administratorId: '', subject: '', body: '', receivedAt: jstInputValue(new Date()) });
  const [local, setLocal] = useState<Record<string, string>>({});
  const admins = useQuery({ ...trpc.operator.inquiries.administrators.queryOptions({ tenantId: v.tenantId }), enabled: v.tenantId !== '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    for (const k of ['tenantId', 'administratorId', 'subject', 'body'] as const) if (!v[k].trim()) bad[k] = t('error.field.required');
    const receivedAt = v.receivedAt.trim() ? parseJstInput(v.receivedAt) : null;
    if (v.receivedAt.trim() && !receivedAt) bad.receivedAt = t('error.field.invalid');
    setLocal(bad);
    if (Object.keys(bad).length === 0) onSubmit({ tenantId: v.tenantId, administratorId: v.administratorId, subject: v.subject.trim(), body: v.body.trim(), receivedAt });
  };
  const fields = { ...err.fields, ...local };
  const adminRows = admins.data ?? [];
  return (
    <form className="tw-form" onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('ops.tenant')} htmlFor="ph-tenant" error={fields.tenantId}>
        <Select id="ph-tenant" value={v.tenantId} onChange={(e) => setV({ ...v, tenantId: e.target.value, administratorId: '' })}>
          <option value="">{t('ops.chooseTenant')}</option>
          {tenants.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}（{x.systemId}）
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('ops.inquiry.caller')} htmlFor="ph-admin" error={fields.administratorId} hint={v.tenantId && !admins.isLoading && adminRows.length === 0 ? t('ops.inquiry.noAdministrators') : t('ops.inquiry.callerHint')}>
        <Select id="ph-admin" value={v.administratorId} disabled={!v.tenantId} onChange={(e) => setV({ ...v, administratorId: e.target.value })}>
          <option value="">{admins.isLoading && v.tenantId ? t('common.loading') : t('ops.inquiry.chooseCaller')}</option>
          {adminRows.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {a.department ? `（${a.department}）` : ''}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('ops.inquiry.receivedAtLabel')} htmlFor="ph-received" error={fields.receivedAt}>
        <TextInput id="ph-received" type="datetime-local" value={v.receivedAt} onChange={(e) => setV({ ...v, receivedAt: e.target.value })} />
      </Field>
      <Field label={t('ops.inquiry.subject')} htmlFor="ph-subject" error={fields.subject}>
        <TextInput id="ph-subject" maxLength={200} value={v.subject} onChange={(e) => setV({ ...v, subject: e.target.value })} />
      </Field>
      <Field label={t('ops.inquiry.callNotes')} htmlFor="ph-body" error={fields.body}>
        <TextArea id="ph-body" rows={6} value={v.body} onChange={(e) => setV({ ...v, body: e.target.value })} />
      </Field>
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={pending ? t('ops.sending') : t('ops.inquiry.logPhone')} />
    </form>
  );
}
