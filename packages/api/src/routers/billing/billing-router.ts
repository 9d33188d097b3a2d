import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { Tx } from '@telework/db';
import { issueAnnualInvoice, issueLateInterestInvoice, issueMonthlyAddOnInvoice, listInvoices, requestRefund } from '../../billing/invoices';
import { stripeFromEnv } from '../../billing/stripe-client';
import { AppError } from '../../errors/app-error';
import { adminProcedure, operatorProcedure, resellerProcedure } from '../../trpc';

const optionalTenant = z.object({ tenantId: z.uuid().optional() }).default({});
const contractRef = z.object({ tenantId: z.uuid(), contractId: z.uuid() });

/** A tenant id the caller cannot see is NOT_FOUND, not an empty list. */
async function visibleInvoices(db: Tx, input: { tenantId?: string }) {
  if (input.tenantId && !(await db.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such customer.');
  return listInvoices(db, input);
}

/** Operators issue the provider's invoices (Stripe when configured, else kept locally, sentToStripe=false). */
export const operatorBillingRouter = {
  invoices: operatorProcedure.input(optionalTenant).query(({ ctx, input }) => visibleInvoices(ctx.db, input)),
  issueAnnual: operatorProcedure.input(contractRef).mutation(({ ctx, input }) => issueAnnualInvoice(ctx.db, stripeFromEnv(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  issueAddOn: operatorProcedure
    .input(contractRef.extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }))
    .mutation(({ ctx, input }) => issueMonthlyAddOnInvoice(ctx.db, stripeFromEnv(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  issueLateInterest: operatorProcedure
    .input(z.object({ tenantId: z.uuid(), invoiceId: z.uuid(), paidOn: z.iso.date() }))
    .mutation(({ ctx, input }) => issueLateInterestInvoice(ctx.db, stripeFromEnv(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  // 第14条4項: any positive amount is refused (RULE_VIOLATION, reason NO_REFUND).
  refund: operatorProcedure
    .input(z.object({ tenantId: z.uuid(), invoiceId: z.uuid(), amount: z.number().int().min(0), cause: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) => requestRefund(ctx.db, { kind: 'OPERATOR', id: ctx.operator.id }, input)),
} satisfies TRPCRouterRecord;

/** Reseller staff: the wholesale invoices for their customers' contracts (RLS). */
export const resellerBillingRouter = {
  invoices: resellerProcedure.input(optionalTenant).query(({ ctx, input }) => visibleInvoices(ctx.db, input)),
} satisfies TRPCRouterRecord;

/** Console: the tenant's own invoices. Reseller-sold contracts are billed to the reseller at wholesale: not shown. */
export const consoleBillingRouter = {
  invoices: adminProcedure.query(({ ctx }) => listInvoices(ctx.db, { tenantId: ctx.tenantId, billTo: 'CUSTOMER' })),
} satisfies TRPCRouterRecord;
