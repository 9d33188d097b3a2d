'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ConfirmDialog, Dialog, useContractError, useT, type ChangeRequestView } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { RejectionForm } from './rejection-form';
import { useRefreshContracts } from './use-refresh';

/** What a report of changed details asks for, in one line for the operator's confirmation. */
function describe(details: unknown): string {
  if (!details || typeof details !== 'object') return '';
  return Object.entries(details)
    .map(([k, v]) => (Array.isArray(v) ? `${k}: ${v.map((a: { name?: string; email?: string }) => `${a.name ?? ''} <${a.email ?? ''}>`).join(', ')}` : `${k}: ${String(v)}`))
    .join(' / ');
}

/** 第11条1項: a change request is decided like an application (第9条 applies): accept, or reject with a reason. */
export function ChangeDecision({ tenantId, request }: { tenantId: string; request: ChangeRequestView }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [open, setOpen] = useState<'accept' | 'reject' | null>(null);
  const done = () => void refresh().then(() => setOpen(null));
  const accept = useMutation(trpc.operator.contracts.acceptChange.mutationOptions({ onSuccess: done }));
  const reject = useMutation(trpc.operator.contracts.rejectChange.mutationOptions({ onSuccess: done }));
  const close = () => {
    accept.reset();
    reject.reset();
    setOpen(null);
  };
  if (request.status !== 'PENDING') return null;
  return (
    <span className="tw-actions">
      <Button variant="link" onClick={() => setOpen('accept')} data-testid={`accept-change-${request.id}`}>
        {t('changes.accept')}
      </Button>
      <Button variant="link" onClick={() => setOpen('reject')}>
        {t('changes.reject')}
      </Button>
      {open === 'accept' ? (
        <ConfirmDialog
          message={request.kind === 'ADD_SEATS' ? t('changes.acceptConfirm', { seats: request.seatsDelta ?? 0 }) : `${t(`changes.kind.${request.kind}`)}: ${describe(request.details)}`}
          confirmLabel={t('changes.accept')}
          pending={accept.isPending}
          error={contractError(accept.error).message}
          onConfirm={() => accept.mutate({ tenantId, id: request.id })}
          onClose={close}
        />
      ) : null}
      {open === 'reject' ? (
        <Dialog title={t('changes.rejectTitle')} onClose={close}>
          <RejectionForm
            pending={reject.isPending}
            err={contractError(reject.error)}
            submitLabel={t('changes.reject')}
            onSubmit={(v) => reject.mutate({ tenantId, id: request.id, ...v })}
            onCancel={close}
          />
        </Dialog>
      ) : null}
    </span>
  );
}
