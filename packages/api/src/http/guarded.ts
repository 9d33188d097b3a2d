import type { Db } from '@telework/db';
import { guardRequest } from '../access/http-guard';
import { clientIp } from './client-ip';

type RouteHandler = (req: Request) => Promise<Response>;

/**
 * Wraps a route that serves a tenant's data (images, exports, uploads) in the same Japan-only and
 * allow-list check as /api/trpc (第5条, 第22条6号): a stolen session used from abroad must not reach
 * an evidence image just because it bypasses tRPC. The Stripe webhook is deliberately not wrapped:
 * Stripe calls it from abroad and its signature is the check.
 */
export function withAccessGuard(db: () => Db, handle: RouteHandler): RouteHandler {
  return async (req) => (await guardRequest(db(), req, clientIp(req.headers))) ?? handle(req);
}
