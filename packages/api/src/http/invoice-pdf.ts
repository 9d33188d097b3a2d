import { z } from 'zod';
import { TRPCError } from '@trpc/server';
import { renderInvoicePdf } from '../billing/invoice-pdf';
import { consoleRouter } from '../console-router';
import { createContext, type AppName } from '../context';
import { resellerRouter } from '../reseller-router';
import { clientIp } from './client-ip';
import { getServerDb } from './db';

const STATUS: Partial<Record<TRPCError['code'], number>> = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 };
const query = z.object({ invoiceId: z.uuid(), tenantId: z.uuid().optional() });

/**
 * GET /api/invoices/pdf?invoiceId[&tenantId] — the qualified invoice as a PDF. It reads the invoice
 * through the same procedure as the screens of the caller's app, so the same authorisation and row
 * scoping apply: a tenant administrator gets the tenant's own invoices (never the reseller's wholesale
 * ones), reseller staff their customers', operators every one.
 */
export async function handleInvoicePdf(req: Request, app: AppName): Promise<Response> {
  const params = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!params.success) return Response.json({ error: 'VALIDATION', fieldErrors: z.flattenError(params.error).fieldErrors }, { status: 400 });
  const ctx = await createContext({ db: getServerDb(), app, headers: req.headers, resHeaders: new Headers(), ip: clientIp(req.headers) });
  const { invoiceId, tenantId } = params.data;
  try {
    let invoice;
    if (app === 'console') invoice = await consoleRouter.createCaller(ctx).billing.invoice({ invoiceId });
    else {
      if (!tenantId) return Response.json({ error: 'VALIDATION', fieldErrors: { tenantId: ['required'] } }, { status: 400 });
      const caller = resellerRouter.createCaller(ctx);
      invoice = ctx.principal?.kind === 'operator' ? await caller.operator.billing.invoice({ tenantId, invoiceId }) : await caller.reseller.billing.invoice({ tenantId, invoiceId });
    }
    const pdf = await renderInvoicePdf(invoice);
    return new Response(new Uint8Array(pdf), {
      headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${invoice.number}.pdf"`, 'Cache-Control': 'no-store' },
    });
  } catch (error) {
    if (error instanceof TRPCError) return Response.json({ error: error.code }, { status: STATUS[error.code] ?? 500 });
    throw error;
  }
}
