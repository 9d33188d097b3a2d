import { apiEnv } from '../env';

/**
 * The client's address. Next's server appends the socket address to X-Forwarded-For, so its last
 * entry is the peer we can vouch for; behind a trusted load balancer (TRUST_PROXY) the first is.
 */
export function clientIp(headers: Headers): string | null {
  const xff = headers.get('x-forwarded-for');
  if (!xff) return headers.get('x-real-ip');
  const hops = xff.split(',').map((h) => h.trim()).filter(Boolean);
  const ip = apiEnv.TRUST_PROXY ? hops[0] : hops[hops.length - 1];
  return ip ? ip.replace(/^::ffff:/, '') : null;
}
