import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';
import type { ConsoleRouter } from '@telework/api/console';

/** A desktop agent talking to the console's real HTTP API (no cookies, a bearer device token). */
export function agentClient(consoleUrl: string, token?: string) {
  return createTRPCClient<ConsoleRouter>({
    links: [httpBatchLink({ url: `${consoleUrl}/api/trpc`, transformer: superjson, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}
