import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '@telework/db';
import { consoleRouter, type ConsoleRouter } from '../console-router';
import { createContext } from '../context';

/**
 * The console's tRPC endpoint over real HTTP on a loopback port, for tests that must send what an agent
 * sends (FormData uploads, a bearer token): every request comes from `ip`, as the console's proxy says.
 * Started before the file's own beforeAll hooks run, closed after its tests.
 */
export function useConsoleHttpServer(db: Db, ip: string) {
  let server: Server | undefined;
  let baseUrl = '';
  beforeAll(async () => {
    server = createServer(async (req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
      const response = await fetchRequestHandler({
        endpoint: '/api/trpc', req: request, router: consoleRouter,
        createContext: ({ req: r, resHeaders }) => createContext({ db, app: 'console', headers: r.headers, resHeaders, ip }),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  return {
    url: () => baseUrl,
    /** A client as the desktop agent makes it: the device token as a bearer token. */
    agent: (token: string) => createTRPCClient<ConsoleRouter>({ links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })] }),
  };
}

/** The typed refusal a call over HTTP ended with; throws when the call was accepted. */
export async function trpcRefusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof TRPCClientError)) throw e;
    const data = e.data as { code?: string; httpStatus?: number; appCode?: string; reason?: string };
    return { code: data.code, httpStatus: data.httpStatus, appCode: data.appCode, reason: data.reason };
  }
  throw new Error('accepted');
}
