'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';

/** After a change, everything the caller's side of the API shows is read again (lists, overview, invoices). */
export function useRefreshContracts(): () => Promise<void> {
  const me = useMe();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: me.kind === 'operator' ? trpc.operator.pathKey() : trpc.reseller.pathKey() }),
    [me.kind, trpc, queryClient],
  );
}
