'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Dialog, dialogButtons, Field, FormActions, numberOrMissing, TextInput, useContractError, useContractFormat, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import type { OverviewContract } from './types';
import { useRefreshContracts } from './use-refresh';

const DAY_MS = 86_400_000;

/** 第10条: no automatic renewal; the next term is a new purchase starting the day after the current one ends. */
export function RenewDialog({ tenantId, contract, onClose }: { tenantId: string; contract: OverviewContract; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const f = useContractFormat();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [form, setForm] = useState({ seats: String(contract.seatsAllowed), annualFee: String(contract.annualFee), licenceEndsOn: '' });
  const renew = useMutation(trpc.operator.contracts.renew.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(renew.error);
  const nextStart = new Date(contract.termEndDate.getTime() + DAY_MS);
  return (
    <Dialog title={t('provider.renewTitle')} onClose={onClose}>
      {renew.data ? (
        <>
          <Alert tone="success">{t('provider.renewed', { start: f.day(renew.data.startDate), end: f.day(renew.data.termEndDate), seats: renew.data.seats })}</Alert>
          <div style={dialogButtons}>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </div>
        </>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            renew.mutate({ tenantId, contractId: contract.id, seats: numberOrMissing(form.seats), annualFee: numberOrMissing(form.annualFee), licenceEndsOn: form.licenceEndsOn || undefined });
          }}
        >
          <p className="tw-muted">{t('provider.renewHint', { start: f.day(nextStart) })}</p>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <Field label={t('provider.renewSeats')} htmlFor="renew-seats" error={err.fields.seats}>
            <TextInput id="renew-seats" type="number" inputMode="numeric" value={form.seats} onChange={(e) => setForm({ ...form, seats: e.target.value })} />
          </Field>
          <Field label={t('provider.renewFee')} htmlFor="renew-fee" error={err.fields.annualFee}>
            <TextInput id="renew-fee" type="number" inputMode="numeric" value={form.annualFee} onChange={(e) => setForm({ ...form, annualFee: e.target.value })} />
          </Field>
          <Field label={t('provider.renewLicenceEnd')} htmlFor="renew-end" error={err.fields.licenceEndsOn}>
            <TextInput id="renew-end" type="date" value={form.licenceEndsOn} onChange={(e) => setForm({ ...form, licenceEndsOn: e.target.value })} />
          </Field>
          <FormActions onCancel={onClose} disabled={renew.isPending} submitLabel={t('provider.renew')} />
        </form>
      )}
    </Dialog>
  );
}
