'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Dialog, dialogButtons, Field, Select, TextInput, useContractError, useContractFormat, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import type { OverviewContract } from './types';
import { useRefreshContracts } from './use-refresh';

// 第28条2項 (anti-social forces) has its own dialog with a stronger confirmation.
const CAUSES = ['prohibited_act', 'insolvency', 'uncured_breach', 'licensor_contract_ended', 'with_notice'] as const;
type Cause = (typeof CAUSES)[number];

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const isLocalDateTime = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s);
/** A datetime-local value typed in Tokyo time. */
const jstInstant = (s: string) => new Date(`${s}:00+09:00`);

type CauseInput =
  | { kind: Exclude<Cause, 'uncured_breach'> }
  | { kind: 'uncured_breach'; demandSentAt: Date; cureDeadline: Date };

/**
 * The provider ends a contract: at once for the causes of 第12条2項 (and the 第21条 proviso), otherwise on a
 * date at least 30 days after notice (第12条3項). The API's plan is shown before anything is sent.
 */
export function ProviderTerminationDialog({ tenantId, company, contract, onClose }: { tenantId: string; company: string; contract: OverviewContract; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const f = useContractFormat();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [form, setForm] = useState({ cause: 'with_notice' as Cause, endDate: '', demandSentAt: '', cureDeadline: '', note: '' });
  const [confirming, setConfirming] = useState(false);
  const change = (patch: Partial<typeof form>) => {
    setForm({ ...form, ...patch });
    setConfirming(false);
  };

  const cause: CauseInput | null =
    form.cause === 'uncured_breach'
      ? isLocalDateTime(form.demandSentAt) && isLocalDateTime(form.cureDeadline)
        ? { kind: 'uncured_breach', demandSentAt: jstInstant(form.demandSentAt), cureDeadline: jstInstant(form.cureDeadline) }
        : null
      : { kind: form.cause };
  const endDate = form.cause === 'with_notice' && isIsoDate(form.endDate) ? form.endDate : undefined;
  const ready = cause !== null && (form.cause !== 'with_notice' || endDate !== undefined);
  const preview = useQuery({ ...trpc.operator.contracts.terminationPreview.queryOptions({ cause: cause ?? { kind: 'with_notice' }, endDate }), enabled: ready });
  const plan = ready ? preview.data : undefined;
  const terminate = useMutation(trpc.operator.contracts.terminate.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(terminate.error);

  if (terminate.data) {
    return (
      <Dialog title={t('provider.terminateTitle')} onClose={onClose}>
        <Alert tone="success">{t('provider.terminated', { end: f.day(terminate.data.endDate) })}</Alert>
        <div style={dialogButtons}>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </div>
      </Dialog>
    );
  }

  const planText = () => {
    if (!plan) return null;
    if (plan.ok) return <Alert tone="info">{plan.immediate ? t('provider.immediate') : t('provider.planNotice', { end: f.day(plan.endDate), days: plan.noticeDays })}</Alert>;
    switch (plan.reason) {
      case 'NOTICE_TOO_SHORT':
        return <Alert>{t('provider.plan.NOTICE_TOO_SHORT', { days: plan.noticeDays, earliest: f.day(plan.earliestEndDate) })}</Alert>;
      case 'CURE_DEADLINE_NOT_PASSED':
        return <Alert>{t('provider.plan.CURE_DEADLINE_NOT_PASSED', { deadline: f.time(plan.cureDeadline) })}</Alert>;
      default:
        return <Alert>{t(`provider.plan.${plan.reason}`)}</Alert>;
    }
  };

  return (
    <Dialog title={t('provider.terminateTitle')} onClose={onClose} wide>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('provider.cause')} htmlFor="pt-cause">
        <Select id="pt-cause" value={form.cause} onChange={(e) => change({ cause: CAUSES.find((c) => c === e.target.value) ?? 'with_notice' })}>
          {CAUSES.map((c) => (
            <option key={c} value={c}>
              {t(`provider.cause.${c}`)}
            </option>
          ))}
        </Select>
      </Field>
      {form.cause === 'with_notice' ? (
        <Field label={t('provider.endDate')} htmlFor="pt-end" error={err.fields.endDate}>
          <TextInput id="pt-end" type="date" value={form.endDate} onChange={(e) => change({ endDate: e.target.value })} />
        </Field>
      ) : null}
      {form.cause === 'uncured_breach' ? (
        <>
          <Field label={t('provider.demandSentAt')} htmlFor="pt-demand">
            <TextInput id="pt-demand" type="datetime-local" value={form.demandSentAt} onChange={(e) => change({ demandSentAt: e.target.value })} />
          </Field>
          <Field label={t('provider.cureDeadline')} htmlFor="pt-deadline">
            <TextInput id="pt-deadline" type="datetime-local" value={form.cureDeadline} onChange={(e) => change({ cureDeadline: e.target.value })} />
          </Field>
        </>
      ) : null}
      <Field label={t('provider.note')} htmlFor="pt-note" error={err.fields.note}>
        <TextInput id="pt-note" value={form.note} onChange={(e) => change({ note: e.target.value })} />
      </Field>
      <div data-testid="provider-termination-plan" aria-live="polite">
        {planText()}
      </div>
      {confirming ? <Alert>{t('provider.terminateConfirm', { company })}</Alert> : null}
      <div style={dialogButtons}>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        {confirming && cause ? (
          <Button
            variant="danger"
            disabled={terminate.isPending}
            data-testid="confirm"
            onClick={() => terminate.mutate({ tenantId, contractId: contract.id, cause, endDate, note: form.note.trim() || undefined })}
          >
            {t('provider.terminate')}
          </Button>
        ) : (
          <Button variant="danger" disabled={!plan?.ok} onClick={() => setConfirming(true)}>
            {t('provider.terminate')}
          </Button>
        )}
      </div>
    </Dialog>
  );
}
