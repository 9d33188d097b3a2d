'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Card, ConfirmDialog, Dialog, useContractError, useT } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';
import { RejectionForm } from './rejection-form';
import type { ApplicationRow } from './types';

/**
 * 第9条2項: the reseller that took an application may refuse it for one of the six reasons; either side may
 * withdraw it at the customer's request (operators for direct applications). The applicant is told by mail.
 */
export function WithdrawOrReject({ application, canReject }: { application: ApplicationRow; canReject: boolean }) {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const contractError = useContractError();
  const [open, setOpen] = useState<'reject' | 'withdraw' | null>(null);
  const isOperator = me.kind === 'operator';
  const refresh = () => queryClient.invalidateQueries({ queryKey: (isOperator ? trpc.operator : trpc.reseller).pathKey() });
  const done = { onSuccess: () => void refresh().then(() => setOpen(null)) };
  const reject = useMutation(trpc.reseller.contracts.reject.mutationOptions(done));
  const withdraw = useMutation((isOperator ? trpc.operator.contracts.withdraw : trpc.reseller.contracts.withdraw).mutationOptions(done));
  const close = () => {
    reject.reset();
    withdraw.reset();
    setOpen(null);
  };
  return (
    <Card title={t('apps.decide')}>
      <div className="tw-actions">
        {canReject ? (
          <Button variant="danger" onClick={() => setOpen('reject')} data-testid="reseller-reject-application">
            {t('apps.reject')}
          </Button>
        ) : null}
        <Button variant="secondary" onClick={() => setOpen('withdraw')} data-testid="withdraw-application">
          {t('apps.withdraw')}
        </Button>
      </div>
      {open === 'reject' ? (
        <Dialog title={t('apps.rejectTitle')} onClose={close}>
          <RejectionForm pending={reject.isPending} err={contractError(reject.error)} submitLabel={t('apps.reject')} onSubmit={(v) => reject.mutate({ id: application.id, ...v })} onCancel={close} />
        </Dialog>
      ) : null}
      {open === 'withdraw' ? (
        <ConfirmDialog
          message={t('apps.withdrawConfirm', { company: application.companyName })}
          confirmLabel={t('apps.withdraw')}
          pending={withdraw.isPending}
          error={contractError(withdraw.error).message}
          onConfirm={() => withdraw.mutate({ id: application.id })}
          onClose={close}
        />
      ) : null}
    </Card>
  );
}
