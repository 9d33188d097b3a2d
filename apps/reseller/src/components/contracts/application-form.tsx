'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Field, TextInput, useContractError, useT } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';
import { applicationInput, emptyAdministrator, emptyApplication, MAX_ADMINISTRATORS, type AdministratorDraft, type ApplicationDraft } from './application-form-state';

/**
 * サービス申込書 (第9条1項): reseller staff enter it for their customer (with their own price), operators
 * for a direct customer. Every field error the API names appears under its field.
 */
export function ApplicationForm() {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const contractError = useContractError();
  const channel = me.kind === 'operator' ? 'DIRECT' : 'RESELLER';
  const [draft, setDraft] = useState<ApplicationDraft>(emptyApplication);
  const onSuccess = (app: { id: string }) => {
    void queryClient.invalidateQueries({ queryKey: me.kind === 'operator' ? trpc.operator.contracts.pathKey() : trpc.reseller.contracts.pathKey() });
    router.push(`/applications/${app.id}?submitted=1`);
  };
  const submit = useMutation(trpc.reseller.contracts.submit.mutationOptions({ onSuccess }));
  const submitDirect = useMutation(trpc.operator.contracts.submitDirect.mutationOptions({ onSuccess }));
  const sending = me.kind === 'operator' ? submitDirect : submit;
  const err = contractError(sending.error);

  const set = <K extends keyof ApplicationDraft>(key: K, value: ApplicationDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setAdmin = (i: number, patch: Partial<AdministratorDraft>) =>
    setDraft((d) => ({ ...d, administrators: d.administrators.map((a, j) => (j === i ? { ...a, ...patch } : a)) }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const input = applicationInput(draft, channel);
    if (me.kind === 'operator') submitDirect.mutate(input);
    else submit.mutate(input);
  };

  const text = (key: Exclude<keyof ApplicationDraft, 'administrators' | 'isDomesticEntity' | 'agreedToTerms'>, label: string, props: { type?: string; inputMode?: 'numeric' | 'tel'; hint?: string; autoComplete?: string } = {}) => (
    <Field label={label} htmlFor={`app-${key}`} error={err.fields[key]} hint={props.hint}>
      <TextInput
        id={`app-${key}`}
        name={key}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        value={draft[key]}
        onChange={(e) => set(key, e.target.value)}
      />
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate data-testid="application-form">
      <h1>{t(`apps.newTitle.${channel}`)}</h1>
      {err.message ? <Alert>{err.message}</Alert> : null}

      <Card title={t('apps.section.company')}>
        <div className="tw-form">
          {text('companyName', t('apps.companyName'), { autoComplete: 'organization' })}
          {text('companyNameKana', t('apps.companyNameKana'))}
          {text('corporateNumber', t('apps.corporateNumber'), { inputMode: 'numeric', hint: t('apps.corporateNumberHint') })}
          <div className="tw-field">
            <label className="tw-check" htmlFor="app-isDomesticEntity">
              <input id="app-isDomesticEntity" type="checkbox" checked={draft.isDomesticEntity} onChange={(e) => set('isDomesticEntity', e.target.checked)} />
              {t('apps.domestic')}
            </label>
            {!draft.isDomesticEntity ? (
              <p className="tw-field-hint" role="status">
                {t('apps.domesticWarning')}
              </p>
            ) : null}
            {err.fields.isDomesticEntity ? (
              <p className="tw-field-error" role="alert">
                {err.fields.isDomesticEntity}
              </p>
            ) : null}
          </div>
          {text('postalCode', t('apps.postalCode'), { inputMode: 'numeric', autoComplete: 'postal-code' })}
          {text('address', t('apps.address'), { autoComplete: 'street-address' })}
          {text('phone', t('apps.phone'), { type: 'tel', inputMode: 'tel', autoComplete: 'tel' })}
        </div>
      </Card>

      <Card
        title={t('apps.section.admins')}
        actions={
          draft.administrators.length < MAX_ADMINISTRATORS ? (
            <Button type="button" variant="secondary" onClick={() => set('administrators', [...draft.administrators, emptyAdministrator()])}>
              {t('apps.addAdmin')}
            </Button>
          ) : undefined
        }
      >
        <p className="tw-muted">{t('apps.adminsHint')}</p>
        {err.fields.administrators && !Object.keys(err.fields).some((k) => k.startsWith('administrators.')) ? <Alert>{err.fields.administrators}</Alert> : null}
        {draft.administrators.map((a, i) => (
          <fieldset key={i} className="tw-fieldset tw-form" data-testid={`administrator-${i + 1}`}>
            <legend>{t('apps.adminN', { n: i + 1 })}</legend>
            <Field label={t('apps.adminName')} htmlFor={`admin-${i}-name`} error={err.fields[`administrators.${i}.name`]}>
              <TextInput id={`admin-${i}-name`} value={a.name} onChange={(e) => setAdmin(i, { name: e.target.value })} />
            </Field>
            <Field label={t('apps.adminDepartment')} htmlFor={`admin-${i}-department`} error={err.fields[`administrators.${i}.department`]}>
              <TextInput id={`admin-${i}-department`} value={a.department} onChange={(e) => setAdmin(i, { department: e.target.value })} />
            </Field>
            <Field label={t('apps.adminEmail')} htmlFor={`admin-${i}-email`} error={err.fields[`administrators.${i}.email`]}>
              <TextInput id={`admin-${i}-email`} type="email" autoComplete="off" value={a.email} onChange={(e) => setAdmin(i, { email: e.target.value })} />
            </Field>
            {draft.administrators.length > 1 ? (
              <p>
                <Button type="button" variant="link" onClick={() => set('administrators', draft.administrators.filter((_, j) => j !== i))}>
                  {t('apps.removeAdmin', { n: i + 1 })}
                </Button>
              </p>
            ) : null}
          </fieldset>
        ))}
      </Card>

      <Card title={t('apps.section.licence')}>
        <div className="tw-form">
          {text('seats', t('apps.seats'), { type: 'number', inputMode: 'numeric' })}
          {text('termMonths', t('apps.termMonths'), { type: 'number', inputMode: 'numeric', hint: t('apps.termHint', { months: draft.termMonths || '…' }) })}
          {text('desiredStartDate', t('apps.desiredStartDate'), { type: 'date', hint: t('apps.desiredStartHint') })}
        </div>
      </Card>

      <Card title={t('apps.section.prices')}>
        <div className="tw-form">
          <p className="tw-muted">{t('apps.pricesHint')}</p>
          {text('annualFee', t(`apps.annualFee.${channel}`), { type: 'number', inputMode: 'numeric' })}
          {channel === 'RESELLER' ? text('resellerAnnualPrice', t('apps.resellerAnnualPrice'), { type: 'number', inputMode: 'numeric' }) : null}
        </div>
      </Card>

      <Card title={t('apps.agreeTerms')}>
        <div className="tw-field">
          <label className="tw-check" htmlFor="app-agreedToTerms">
            <input id="app-agreedToTerms" type="checkbox" checked={draft.agreedToTerms} onChange={(e) => set('agreedToTerms', e.target.checked)} />
            {t('apps.agreeTerms')}
          </label>
          <p className="tw-field-hint">{t('apps.agreeTermsHint')}</p>
          {err.fields.agreedToTerms ? (
            <p className="tw-field-error" role="alert">
              {err.fields.agreedToTerms}
            </p>
          ) : null}
        </div>
      </Card>

      <div className="tw-actions">
        <Button type="submit" disabled={sending.isPending}>
          {sending.isPending ? t('apps.submitting') : t('apps.submit')}
        </Button>
        <a href="/applications">{t('apps.back')}</a>
      </div>
    </form>
  );
}
