'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, ConfirmDialog, Dialog, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { RejectionForm } from './rejection-form';
import type { ApplicationRow } from './types';

/** Operators decide a submitted application (第9条): accept, or reject for one of the six reasons of 第9条2項. */
export interface Acceptance {
  systemId: string;
  startDate: string;
  termEndDate: string;
  /** Administrators whose invitation mail was refused: the contract stands, the invitation is to be resent. */
  invitationMailFailed: string[];
}

export function DecisionPanel({ application, onAccepted }: { application: ApplicationRow; onAccepted: (result: Acceptance) => void }) {
  const t = useT();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const contractError = useContractError();
  const [open, setOpen] = useState<'accept' | 'reject' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.operator.pathKey() });
  const accept = useMutation(
    trpc.operator.contracts.accept.mutationOptions({
      onSuccess: (result) => {
        onAccepted(result);
        void refresh().then(() => setOpen(null));
      },
    }),
  );
  const reject = useMutation(trpc.operator.contracts.reject.mutationOptions({ onSuccess: () => void refresh().then(() => setOpen(null)) }));
  const close = () => {
    accept.reset();
    reject.reset();
    setOpen(null);
  };

  return (
    <Card title={t('apps.accept') + ' / ' + t('apps.reject')}>
      {!application.isDomesticEntity ? <Alert>{t('contracts.reason.NOT_DOMESTIC_ENTITY')}</Alert> : null}
      <div className="tw-actions">
        <Button onClick={() => setOpen('accept')} disabled={!application.isDomesticEntity} data-testid="accept-application">
          {t('apps.accept')}
        </Button>
        <Button variant="danger" onClick={() => setOpen('reject')} data-testid="reject-application">
          {t('apps.reject')}
        </Button>
      </div>

      {open === 'accept' ? (
        <ConfirmDialog
          message={t('apps.acceptConfirm', { company: application.companyName })}
          confirmLabel={t('apps.accept')}
          pending={accept.isPending}
          error={contractError(accept.error).message}
          onConfirm={() => accept.mutate({ id: application.id })}
          onClose={close}
        />
      ) : null}

      {open === 'reject' ? (
        <Dialog title={t('apps.rejectTitle')} onClose={close}>
          <RejectionForm
            initialReason={application.isDomesticEntity ? 'OTHER' : 'NOT_DOMESTIC_ENTITY'}
            pending={reject.isPending}
            err={contractError(reject.error)}
            submitLabel={t('apps.reject')}
            onSubmit={(v) => reject.mutate({ id: application.id, ...v })}
            onCancel={close}
          />
        </Dialog>
      ) : null}
    </Card>
  );
}
