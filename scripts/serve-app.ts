/**
 * Serves one built Next app (`tsx scripts/serve-app.ts <console|reseller> <port> [host]`, from the
 * repository root or the app's folder): `next start` with one difference. Next keeps an
 * X-Forwarded-For the client sent, which would let a request from abroad pose as a Japanese address
 * (第22条6号) or dodge the per-address sign-in lock; here the header is rewritten from the socket
 * first (packages/api/src/http/client-ip.ts).
 */
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { forwardedFor } from '@telework/api/client-ip';

const [name, portArg, host = '127.0.0.1'] = process.argv.slice(2);
if (name !== 'console' && name !== 'reseller') throw new Error('usage: serve-app.ts <console|reseller> <port> [host]');
const port = Number(portArg);
if (!Number.isInteger(port) || port <= 0) throw new Error(`not a port: ${portArg}`);

const dir = path.resolve(import.meta.dirname, '..', 'apps', name);
// Next as the app itself resolves it.
const next = createRequire(path.join(dir, 'package.json'))('next') as typeof import('next').default;
const app = next({ dev: false, dir, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();
createServer((req, res) => {
  const sent = req.headers['x-forwarded-for'];
  req.headers['x-forwarded-for'] = forwardedFor(Array.isArray(sent) ? sent.join(', ') : sent, req.socket.remoteAddress);
  void handle(req, res);
}).listen(port, host, () => console.log(`- Local: http://${host}:${port}`));
