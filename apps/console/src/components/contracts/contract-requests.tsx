'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isIsoDate, numberOrMissing, SeatRequestDialog, TerminationRequestDialog, useContractError } from '@telework/ui';
import { useTRPC } from '@/trpc/client';

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.contracts.pathKey() });
}

/** 第11条: a direct customer's administrator asks the provider for more seats. */
export function SeatRequest({ contract, onClose }: { contract: { id: string; seatMonthlyFee: number }; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const contractError = useContractError();
  const request = useMutation(trpc.contracts.requestSeats.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <SeatRequestDialog
      seatMonthlyFee={contract.seatMonthlyFee}
      pending={request.isPending}
      err={contractError(request.error)}
      submittedSeats={request.data ? (request.data.seatsDelta ?? 0) : null}
      onSubmit={(v) => request.mutate({ contractId: contract.id, seats: numberOrMissing(v.seats), note: v.note.trim() || undefined })}
      onClose={onClose}
    />
  );
}

/** 第12条1項: a direct customer's administrator ends the contract; the rule's end date is shown before sending. */
export function TerminationRequest({ contract, onClose }: { contract: { id: string }; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const contractError = useContractError();
  const [desired, setDesired] = useState('');
  const preview = useQuery({ ...trpc.contracts.terminationPreview.queryOptions({ desiredEndDate: desired }), enabled: isIsoDate(desired) });
  const request = useMutation(trpc.contracts.requestTermination.mutationOptions({ onSuccess: () => void refresh() }));
  return (
    <TerminationRequestDialog
      desired={desired}
      onDesiredChange={setDesired}
      preview={isIsoDate(desired) ? preview.data : undefined}
      pending={request.isPending}
      err={contractError(request.error)}
      submittedEnd={request.data?.endDate ?? null}
      onSubmit={() => request.mutate({ contractId: contract.id, desiredEndDate: desired })}
      onClose={onClose}
    />
  );
}
