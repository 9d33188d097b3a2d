'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AnyTRPCRouter } from '@trpc/server';
import { useState, type ReactNode } from 'react';

type HTTPBatchLinkOptions<TRouter extends AnyTRPCRouter> = Parameters<typeof httpBatchLink<TRouter>>[0];
import superjson from 'superjson';

/** The CSRF cookie set by the API, echoed on every call (double submit). */
function csrfToken(): string {
  const match = /(?:^|;\s*)tw_csrf=([^;]+)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

/**
 * One app's tRPC hooks and providers, for the router it mounts at /api/trpc. Each app calls this once
 * with its router type; both apps then talk to their API the same way (superjson, batching, CSRF).
 */
export function createTrpcReact<TRouter extends AnyTRPCRouter>() {
  const { TRPCProvider, useTRPC } = createTRPCContext<TRouter>();

  function TrpcProviders({ children }: { children: ReactNode }) {
    const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }));
    const [trpcClient] = useState(() => {
      // Both routers use superjson; whether `transformer` is allowed is a conditional type that
      // stays unresolved for a generic router, hence the one cast.
      const options = { url: '/api/trpc', transformer: superjson, headers: () => ({ 'x-csrf-token': csrfToken() }) } as unknown as HTTPBatchLinkOptions<TRouter>;
      return createTRPCClient<TRouter>({ links: [httpBatchLink<TRouter>(options)] });
    });
    return (
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
        </TRPCProvider>
      </QueryClientProvider>
    );
  }

  return { TrpcProviders, useTRPC };
}
