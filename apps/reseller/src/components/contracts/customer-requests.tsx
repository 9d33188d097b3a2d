'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog, isIsoDate, numberOrMissing, SeatRequestDialog, TerminationRequestDialog, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import type { OverviewContract } from './types';
import { useRefreshContracts } from './use-refresh';

/** 第11条: the reseller asks for more seats on its customer's live contract; the provider decides. */
export function SeatRequest({ tenantId, contract, onClose }: { tenantId: string; contract: OverviewContract; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const request = useMutation(trpc.reseller.contracts.requestSeats.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <SeatRequestDialog
      seatMonthlyFee={contract.seatMonthlyFee}
      pending={request.isPending}
      err={contractError(request.error)}
      submittedSeats={request.data ? (request.data.seatsDelta ?? 0) : null}
      onSubmit={(v) => request.mutate({ tenantId, contractId: contract.id, seats: numberOrMissing(v.seats), note: v.note.trim() || undefined })}
      onClose={onClose}
    />
  );
}

/** 第10条: the reseller asks for its customer's next term; the provider accepts it like a change request. */
export function RenewalRequest({ tenantId, contract, onClose }: { tenantId: string; contract: OverviewContract; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const request = useMutation(trpc.reseller.contracts.requestRenewal.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <ConfirmDialog
      message={request.isSuccess ? t('renewal.submitted') : `${t('renewal.title')}: ${t('renewal.hint')}`}
      confirmLabel={t('renewal.request')}
      pending={request.isPending || request.isSuccess}
      error={contractError(request.error).message}
      onConfirm={() => request.mutate({ tenantId, contractId: contract.id })}
      onClose={onClose}
    />
  );
}

/** 第12条1項: the reseller files its customer's termination; the preview shows the rule's end date first. */
export function TerminationRequest({ tenantId, contract, onClose }: { tenantId: string; contract: OverviewContract; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [desired, setDesired] = useState('');
  const preview = useQuery({ ...trpc.reseller.contracts.terminationPreview.queryOptions({ desiredEndDate: desired }), enabled: isIsoDate(desired) });
  const request = useMutation(trpc.reseller.contracts.requestTermination.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <TerminationRequestDialog
      desired={desired}
      onDesiredChange={setDesired}
      preview={isIsoDate(desired) ? preview.data : undefined}
      pending={request.isPending}
      err={contractError(request.error)}
      submittedEnd={request.data?.endDate ?? null}
      onSubmit={() => request.mutate({ tenantId, contractId: contract.id, desiredEndDate: desired })}
      onClose={onClose}
    />
  );
}
