import type { AnyTRPCRouter } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { consoleRouter } from '../console-router';
import { createContext, type AppName } from '../context';
import { resellerRouter } from '../reseller-router';
import { newToken } from '../auth/tokens';
import { clientIp } from './client-ip';
import { CSRF_COOKIE, CookieJar, parseCookies } from './cookies';
import { getServerDb } from './db';
import * as exportRoutes from './export';
import { withAccessGuard } from './guarded';
import * as images from './images';
import { handleInvoicePdf } from './invoice-pdf';
import * as upload from './upload';
import { withBodyLimit } from './body-limit';
import { apiEnv } from '../env';
import { uploadBodyMax } from '../evidence/upload-form';

export { SESSION_COOKIE, CSRF_COOKIE, CSRF_HEADER } from './cookies';
export { getServerDb } from './db';
export { consoleMe, resellerMe } from './page-session';
export { handleStripeWebhook } from './stripe-webhook';

// Every route with tenant data passes the access rules first, /api/trpc too (below).
export const handleUpload = withAccessGuard(getServerDb, (req) => upload.handleUpload(req));
export const handleImage = withAccessGuard(getServerDb, (req) => images.handleImage(req));
export const handleWorkExport = withAccessGuard(getServerDb, exportRoutes.handleWorkExport);
export const handleBoardExport = withAccessGuard(getServerDb, exportRoutes.handleBoardExport);
export const handlePayrollExport = withAccessGuard(getServerDb, exportRoutes.handlePayrollExport);
export const handleIncidentExport = withAccessGuard(getServerDb, (req) => exportRoutes.handleIncidentExport(req));
export const handleConsoleInvoicePdf = withAccessGuard(getServerDb, (req) => handleInvoicePdf(req, 'console'));
export const handleResellerInvoicePdf = withAccessGuard(getServerDb, (req) => handleInvoicePdf(req, 'reseller'));

/**
 * Every tRPC request body is read through a hard limit: the largest is an agent's image upload
 * (agent.uploads.image), so nothing needs more than an upload's limit, and a chunked body that goes
 * past it is cut off there rather than read whole.
 */
export const limitTrpcBody = (req: Request) => withBodyLimit(req, uploadBodyMax(apiEnv.UPLOAD_MAX_BYTES));

function serve(router: AnyTRPCRouter, app: AppName, req: Request): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: limitTrpcBody(req),
    router,
    createContext: ({ req: r, resHeaders }) => {
      // Every browser gets a CSRF cookie on its first call, so the sign-in mutation can echo it.
      if (!parseCookies(r.headers.get('cookie')).has(CSRF_COOKIE) && !r.headers.get('authorization')) {
        new CookieJar(resHeaders).setCsrf(newToken());
      }
      return createContext({ db: getServerDb(), app, headers: r.headers, resHeaders, ip: clientIp(r.headers) });
    },
    responseMeta: () => ({ headers: new Headers({ 'Cache-Control': 'no-store' }) }),
  });
}

// Japan only (第5条, 第22条6号) and the tenant's own allow-list, before anything else runs.
const trpcRoutes = {
  console: withAccessGuard(getServerDb, (req) => serve(consoleRouter, 'console', req)),
  reseller: withAccessGuard(getServerDb, (req) => serve(resellerRouter, 'reseller', req)),
} satisfies Record<AppName, (req: Request) => Promise<Response>>;

/** Serves /api/trpc for one app. Mounted by the Next route handlers (GET and POST). */
export function handleTrpcRequest(req: Request, opts: { app: AppName }): Promise<Response> {
  return trpcRoutes[opts.app](req);
}
