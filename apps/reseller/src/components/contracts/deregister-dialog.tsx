'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Dialog, dialogButtons, Field, TextInput, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import type { OverviewContract } from './types';
import { useRefreshContracts } from './use-refresh';

/**
 * 第28条2項: ties to anti-social forces end everything at once and cannot be undone, so the operator
 * types the tenant's system ID before the button works.
 */
export function DeregisterDialog({ tenant, contract, onClose }: { tenant: { id: string; systemId: string; name: string }; contract: OverviewContract; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const deregister = useMutation(trpc.operator.contracts.terminate.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(deregister.error);
  return (
    <Dialog title={t('provider.deregisterTitle')} onClose={onClose}>
      {deregister.data ? (
        <>
          <Alert tone="success">{t('provider.deregistered')}</Alert>
          <div style={dialogButtons}>
            <Button onClick={onClose}>{t('common.close')}</Button>
          </div>
        </>
      ) : (
        <>
          <Alert>
            <strong>{tenant.name}</strong>: {t('provider.deregisterWarning')}
          </Alert>
          {err.message ? <Alert>{err.message}</Alert> : null}
          <Field label={t('provider.note')} htmlFor="dereg-note" error={err.fields.note}>
            <TextInput id="dereg-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <Field label={t('provider.deregisterType', { systemId: tenant.systemId })} htmlFor="dereg-confirm">
            <TextInput id="dereg-confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </Field>
          <div style={dialogButtons}>
            <Button variant="secondary" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              variant="danger"
              disabled={typed.trim() !== tenant.systemId || deregister.isPending}
              data-testid="confirm"
              onClick={() => deregister.mutate({ tenantId: tenant.id, contractId: contract.id, cause: { kind: 'anti_social_forces' }, note: note.trim() || undefined })}
            >
              {t('provider.deregisterButton')}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
