import { createTRPCClient, httpLink } from '@trpc/client';
import type { ConsoleRouter } from '@telework/api';
import superjson from 'superjson';

/** A slow line (256 kbps per PC) still moves a 150 KB image well inside this. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface AgentClientOptions {
  /** Per request; uploads of large screenshots take longer than the default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The agent's procedures live under `agent.*` of the console app's tRPC endpoint. One link, httpLink:
 * it sends a FormData input (the image uploads) as multipart, without the transformer.
 */
export function createAgentClient(serverUrl: URL, token?: string, options: AgentClientOptions = {}) {
  const base = serverUrl.href.endsWith('/') ? serverUrl.href : `${serverUrl.href}/`;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  return createTRPCClient<ConsoleRouter>({
    links: [
      httpLink({
        url: new URL('api/trpc', base).href,
        transformer: superjson,
        headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
        fetch: (input, init) => doFetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
      }),
    ],
  });
}
