import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_ORIGIN } from '../src/main/security/app-origin';
import { appProtocolHandler } from '../src/main/security/app-protocol';
import { buildCsp } from '../src/main/security/csp';

/**
 * Serves dist/renderer over http://127.0.0.1 through the main process's own app:// handler (same
 * files, same content types, same CSP), since Electron cannot run here.
 */
export async function serveRenderer(rendererRoot: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const handle = appProtocolHandler(rendererRoot, buildCsp());
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', APP_ORIGIN);
    handle(new Request(url, { method: req.method ?? 'GET' }))
      .then(async (response) => {
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => (headers[name] = value));
        res.writeHead(response.status, headers);
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
