'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Dialog, FormActions, Field, TextInput, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { useRefreshContracts } from './use-refresh';

/** 第19条: service stopped at once for non-compliance, with the reason on record; resuming is possible. */
export function SuspendDialog({ tenant, onClose }: { tenant: { id: string; name: string }; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [reason, setReason] = useState('');
  const suspend = useMutation(trpc.operator.contracts.suspend.mutationOptions({ onSuccess: () => void refresh().then(onClose) }));
  const err = contractError(suspend.error);
  return (
    <Dialog title={t('provider.suspendTitle')} onClose={onClose}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          suspend.mutate({ tenantId: tenant.id, reason });
        }}
      >
        <Alert>{t('provider.suspendWarning', { company: tenant.name })}</Alert>
        {err.message ? <Alert>{err.message}</Alert> : null}
        <Field label={t('provider.suspendReason')} htmlFor="suspend-reason" error={err.fields.reason}>
          <TextInput id="suspend-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <FormActions onCancel={onClose} disabled={suspend.isPending} submitLabel={t('provider.suspend')} variant="danger" testId="confirm" />
      </form>
    </Dialog>
  );
}
