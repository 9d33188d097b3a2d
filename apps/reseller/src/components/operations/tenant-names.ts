'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/client';

/** Every customer, and a lookup from tenant id to "name（system ID）" for the tables of these screens. */
export function useTenants() {
  const trpc = useTRPC();
  const tenants = useQuery(trpc.operator.tenants.list.queryOptions());
  const rows = tenants.data ?? [];
  const byId = new Map(rows.map((t) => [t.id, `${t.name}（${t.systemId}）`]));
  return { rows, isLoading: tenants.isLoading, label: (id: string | null | undefined) => (id ? (byId.get(id) ?? id) : '—') };
}
