import { apiEnv } from '../env';

// Next's server sets X-Forwarded-For only when the request has none (`??=` on the socket address),
// so behind `next start` a client could name any address it likes. The apps are therefore served by
// scripts/serve-app.ts, which writes the header itself with `forwardedFor` before Next sees it: the
// socket address is always the last hop, and earlier hops are kept only behind a trusted proxy.

/** The X-Forwarded-For our server hands to Next: the socket peer, after the chain a trusted proxy sent. */
export function forwardedFor(sent: string | undefined, peer: string | undefined, trustProxy = apiEnv.TRUST_PROXY): string {
  const last = (peer ?? '').replace(/^::ffff:/, '');
  return trustProxy && sent ? `${sent}, ${last}` : last;
}

/**
 * The client's address. The last hop is the socket peer (see above); behind one trusted load
 * balancer (TRUST_PROXY) the peer is the balancer and the client is the hop it added before it.
 */
export function clientIp(headers: Headers, trustProxy = apiEnv.TRUST_PROXY): string | null {
  const xff = headers.get('x-forwarded-for');
  if (!xff) return headers.get('x-real-ip');
  const hops = xff.split(',').map((h) => h.trim()).filter(Boolean);
  const ip = trustProxy && hops.length > 1 ? hops[hops.length - 2] : hops[hops.length - 1];
  return ip ? ip.replace(/^::ffff:/, '') : null;
}
