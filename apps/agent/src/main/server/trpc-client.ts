import { createTRPCClient, httpLink } from '@trpc/client';
import type { ConsoleRouter } from '@telework/api';
import superjson from 'superjson';

/** A slow line (256 kbps per PC) still moves a 150 KB image well inside this. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The agent's procedures live under `agent.*` of the console app's tRPC endpoint. */
export function createAgentClient(serverUrl: URL, token?: string) {
  const base = serverUrl.href.endsWith('/') ? serverUrl.href : `${serverUrl.href}/`;
  return createTRPCClient<ConsoleRouter>({
    links: [
      httpLink({
        url: new URL('api/trpc', base).href,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
      }),
    ],
  });
}
