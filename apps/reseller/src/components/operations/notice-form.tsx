'use client';
import { useState, type FormEvent } from 'react';
import { Alert, Field, Select, TextArea, TextInput, FormActions, useT, type ErrorText } from '@telework/ui';
import { parseJstInput } from '@telework/ui/i18n';
import { NOTICE_KINDS, type NoticeKind, type TenantRow } from './types';

export interface NoticeInput {
  kind: NoticeKind;
  audience: 'ALL_TENANTS' | 'SELECTED_TENANTS';
  tenantIds?: string[];
  titleJa: string;
  titleEn: string | null;
  bodyJa: string;
  bodyEn: string | null;
  publishAt: Date | null;
  effectiveAt: Date | null;
  maintenanceStartAt: Date | null;
  maintenanceEndAt: Date | null;
  emergency: boolean;
  showOnLoginScreen: boolean;
}

const empty = {
  kind: 'GENERAL' as NoticeKind,
  audience: 'ALL_TENANTS' as NoticeInput['audience'],
  tenantIds: [] as string[],
  titleJa: '',
  bodyJa: '',
  titleEn: '',
  bodyEn: '',
  publishAt: '',
  effectiveAt: '',
  maintenanceStartAt: '',
  maintenanceEndAt: '',
  emergency: false,
  showOnLoginScreen: true,
};

/**
 * A notice to administrators (第4条4項). Dates are typed in Tokyo time. The timing rules (terms
 * changes 30 days ahead, 第3条; maintenance before it starts unless an emergency, 第18条) are the
 * API's to enforce; the hints say them up front and the refusal is shown above the form.
 */
export function NoticeForm({ tenants, err, pending, onSubmit, onCancel }: { tenants: TenantRow[]; err: ErrorText; pending: boolean; onSubmit: (v: NoticeInput) => void; onCancel: () => void }) {
  const t = useT();
  const [v, setV] = useState(empty);
  const [filter, setFilter] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const needsWindow = v.kind === 'MAINTENANCE';
  const needsEffective = v.kind === 'TERMS_CHANGE' || v.kind === 'SERVICE_END';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const date = (name: 'publishAt' | 'effectiveAt' | 'maintenanceStartAt' | 'maintenanceEndAt', required: boolean) => {
      const raw = v[name].trim();
      if (!raw) {
        if (required) bad[name] = t('error.field.required');
        return null;
      }
      const d = parseJstInput(raw);
      if (!d) bad[name] = t('error.field.invalid');
      return d;
    };
    if (!v.titleJa.trim()) bad.titleJa = t('error.field.required');
    if (!v.bodyJa.trim()) bad.bodyJa = t('error.field.required');
    if (v.audience === 'SELECTED_TENANTS' && v.tenantIds.length === 0) bad.tenantIds = t('ops.notice.chooseTenants');
    const publishAt = date('publishAt', false);
    const effectiveAt = needsEffective ? date('effectiveAt', true) : null;
    const maintenanceStartAt = needsWindow ? date('maintenanceStartAt', true) : null;
    const maintenanceEndAt = needsWindow ? date('maintenanceEndAt', true) : null;
    setLocal(bad);
    if (Object.keys(bad).length > 0) return;
    onSubmit({
      kind: v.kind,
      audience: v.audience,
      ...(v.audience === 'SELECTED_TENANTS' ? { tenantIds: v.tenantIds } : {}),
      titleJa: v.titleJa.trim(),
      bodyJa: v.bodyJa.trim(),
      titleEn: v.titleEn.trim() || null,
      bodyEn: v.bodyEn.trim() || null,
      publishAt,
      effectiveAt,
      maintenanceStartAt,
      maintenanceEndAt,
      emergency: needsWindow && v.emergency,
      showOnLoginScreen: v.showOnLoginScreen,
    });
  };
  const fields = { ...err.fields, ...local };
  const shown = tenants.filter((x) => !filter.trim() || `${x.name} ${x.systemId}`.toLowerCase().includes(filter.trim().toLowerCase()));
  const toggle = (id: string) => setV({ ...v, tenantIds: v.tenantIds.includes(id) ? v.tenantIds.filter((x) => x !== id) : [...v.tenantIds, id] });

  return (
    <form onSubmit={submit} noValidate>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: '0 1rem' }}>
        <Field label={t('ops.notice.kind')} htmlFor="nt-kind" hint={t(`ops.notice.rule.${v.kind}`)}>
          <Select id="nt-kind" value={v.kind} onChange={(e) => setV({ ...v, kind: NOTICE_KINDS.find((k) => k === e.target.value) ?? 'GENERAL' })}>
            {NOTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ops.notice.kind.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('ops.notice.audience')} htmlFor="nt-audience" error={fields.tenantIds}>
          <Select id="nt-audience" value={v.audience} onChange={(e) => setV({ ...v, audience: e.target.value === 'SELECTED_TENANTS' ? 'SELECTED_TENANTS' : 'ALL_TENANTS' })}>
            <option value="ALL_TENANTS">{t('ops.notice.audience.ALL_TENANTS')}</option>
            <option value="SELECTED_TENANTS">{t('ops.notice.audience.SELECTED_TENANTS')}</option>
          </Select>
        </Field>
      </div>
      {v.audience === 'SELECTED_TENANTS' ? (
        <fieldset style={box}>
          <legend>{t('ops.notice.tenants', { count: v.tenantIds.length })}</legend>
          <TextInput aria-label={t('common.search')} placeholder={t('common.search')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: '100%', marginBottom: 8 }} />
          <div style={{ maxHeight: 180, overflowY: 'auto' }}>
            {shown.map((x) => (
              <label key={x.id} style={{ display: 'flex', gap: 6, alignItems: 'center', padding: '2px 0' }}>
                <input type="checkbox" checked={v.tenantIds.includes(x.id)} onChange={() => toggle(x.id)} />
                {x.name}（{x.systemId}）
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Field label={t('ops.notice.titleJa')} htmlFor="nt-titleJa" error={fields.titleJa}>
        <TextInput id="nt-titleJa" maxLength={200} value={v.titleJa} onChange={(e) => setV({ ...v, titleJa: e.target.value })} />
      </Field>
      <Field label={t('ops.notice.bodyJa')} htmlFor="nt-bodyJa" error={fields.bodyJa}>
        <TextArea id="nt-bodyJa" rows={5} value={v.bodyJa} onChange={(e) => setV({ ...v, bodyJa: e.target.value })} />
      </Field>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: '0 1rem' }}>
        <Field label={t('ops.notice.titleEn')} htmlFor="nt-titleEn" error={fields.titleEn}>
          <TextInput id="nt-titleEn" maxLength={200} value={v.titleEn} onChange={(e) => setV({ ...v, titleEn: e.target.value })} />
        </Field>
        <Field label={t('ops.notice.bodyEn')} htmlFor="nt-bodyEn" error={fields.bodyEn}>
          <TextArea id="nt-bodyEn" rows={2} value={v.bodyEn} onChange={(e) => setV({ ...v, bodyEn: e.target.value })} />
        </Field>
        <Field label={t('ops.notice.publishAt')} htmlFor="nt-publishAt" error={fields.publishAt} hint={t('ops.notice.publishAtHint')}>
          <TextInput id="nt-publishAt" type="datetime-local" value={v.publishAt} onChange={(e) => setV({ ...v, publishAt: e.target.value })} />
        </Field>
        {needsWindow ? (
          <>
            <Field label={t('ops.notice.maintenanceStartAt')} htmlFor="nt-start" error={fields.maintenanceStartAt}>
              <TextInput id="nt-start" type="datetime-local" value={v.maintenanceStartAt} onChange={(e) => setV({ ...v, maintenanceStartAt: e.target.value })} />
            </Field>
            <Field label={t('ops.notice.maintenanceEndAt')} htmlFor="nt-end" error={fields.maintenanceEndAt}>
              <TextInput id="nt-end" type="datetime-local" value={v.maintenanceEndAt} onChange={(e) => setV({ ...v, maintenanceEndAt: e.target.value })} />
            </Field>
          </>
        ) : null}
        {needsEffective ? (
          <Field label={t('ops.notice.effectiveAtLabel')} htmlFor="nt-effective" error={fields.effectiveAt}>
            <TextInput id="nt-effective" type="datetime-local" value={v.effectiveAt} onChange={(e) => setV({ ...v, effectiveAt: e.target.value })} />
          </Field>
        ) : null}
      </div>
      {needsWindow ? (
        <label style={check}>
          <input type="checkbox" checked={v.emergency} onChange={(e) => setV({ ...v, emergency: e.target.checked })} />
          {t('ops.notice.emergencyLabel')}
        </label>
      ) : null}
      <label style={check}>
        <input type="checkbox" checked={v.showOnLoginScreen} onChange={(e) => setV({ ...v, showOnLoginScreen: e.target.checked })} />
        {t('ops.notice.showOnLoginScreen')}
      </label>
      {v.audience === 'SELECTED_TENANTS' && v.showOnLoginScreen ? <p className="tw-muted">{t('ops.notice.loginScreenAllOnly')}</p> : null}
      <FormActions onCancel={onCancel} disabled={pending} submitLabel={pending ? t('ops.sending') : t('ops.notice.publish')} />
    </form>
  );
}

const box = { border: '1px solid var(--tw-border)', borderRadius: 8, padding: '0.6rem 0.8rem', marginBottom: '0.9rem' } as const;
const check = { display: 'flex', gap: 6, alignItems: 'center', marginBottom: '0.6rem' } as const;
