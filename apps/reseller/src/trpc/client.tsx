'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { ResellerRouter } from '@telework/api/reseller';

export const { TRPCProvider, useTRPC } = createTRPCContext<ResellerRouter>();

/** The CSRF cookie set by the API, echoed on every call (double submit). */
function csrfToken(): string {
  const match = /(?:^|;\s*)tw_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

export function TrpcProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<ResellerRouter>({
      links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, headers: () => ({ 'x-csrf-token': csrfToken() }) })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
