import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessDate, businessMonth } from '../../validation/bounds';
import type { Tx } from '@telework/db';
import { recordBankTransfer } from '../../billing/bank-transfers';
import { getInvoice, issueAnnualInvoice, issueLateInterestInvoice, issueMonthlyAddOnInvoice, lateInterestDue, listInvoices, requestRefund } from '../../billing/invoices';
import { paymentMethods } from '../../billing/payment-methods';
import { stripeFromEnv } from '../../billing/stripe-client';
import { AppError } from '../../errors/app-error';
import { adminProcedure, operatorProcedure, resellerProcedure } from '../../trpc';

const optionalTenant = z.strictObject({ tenantId: z.uuid().optional() }).default({});
const contractRef = z.strictObject({ tenantId: z.uuid(), contractId: z.uuid() });
const invoiceRef = z.strictObject({ tenantId: z.uuid(), invoiceId: z.uuid() });

/** A tenant id the caller cannot see is NOT_FOUND, not an empty list. */
async function visibleInvoices(db: Tx, input: { tenantId?: string }) {
  if (input.tenantId && !(await db.tenant.findUnique({ where: { id: input.tenantId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such customer.');
  return listInvoices(db, input);
}

/** Operators issue the provider's invoices (Stripe when configured, else kept locally, sentToStripe=false). */
export const operatorBillingRouter = {
  invoices: operatorProcedure.input(optionalTenant).query(({ ctx, input }) => visibleInvoices(ctx.db, input)),
  invoice: operatorProcedure.input(invoiceRef).query(({ ctx, input }) => getInvoice(ctx.db, input)),
  issueAnnual: operatorProcedure.input(contractRef).mutation(({ ctx, input }) => issueAnnualInvoice(ctx.db, stripeFromEnv(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  issueAddOn: operatorProcedure
    .input(contractRef.extend({ month: businessMonth }))
    .mutation(({ ctx, input }) => issueMonthlyAddOnInvoice(ctx.db, stripeFromEnv(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  // 第14条3項: what is late today, and the charge for it (only for overdue invoices, for the days actually late).
  lateInterestPreview: operatorProcedure.input(invoiceRef).query(async ({ ctx, input }) => {
    const due = await lateInterestDue(ctx.db, input);
    return due ? { from: due.from, through: due.through, days: due.days, yen: due.yen } : null;
  }),
  issueLateInterest: operatorProcedure.input(invoiceRef).mutation(({ ctx, input }) => issueLateInterestInvoice(ctx.db, stripeFromEnv(), { kind: 'OPERATOR', id: ctx.operator.id }, input)),
  // 消込: a bank transfer received, in full or in part.
  recordPayment: operatorProcedure
    .input(invoiceRef.extend({ amount: z.number().int().min(1).max(10_000_000_000), receivedOn: businessDate, payerName: z.string().trim().max(100).optional(), note: z.string().trim().max(500).optional() }))
    .mutation(({ ctx, input }) => recordBankTransfer(ctx.db, ctx.operator, input)),
  paymentMethods: operatorProcedure.query(() => paymentMethods()),
  // 第14条4項: any positive amount is refused (RULE_VIOLATION, reason NO_REFUND).
  refund: operatorProcedure
    .input(z.strictObject({ tenantId: z.uuid(), invoiceId: z.uuid(), amount: z.number().int().min(0), cause: z.string().trim().min(1).max(200) }))
    .mutation(({ ctx, input }) => requestRefund(ctx.db, { kind: 'OPERATOR', id: ctx.operator.id }, input)),
} satisfies TRPCRouterRecord;

/** Reseller staff: the wholesale invoices for their customers' contracts (RLS). */
export const resellerBillingRouter = {
  invoices: resellerProcedure.input(optionalTenant).query(({ ctx, input }) => visibleInvoices(ctx.db, input)),
  invoice: resellerProcedure.input(invoiceRef).query(({ ctx, input }) => getInvoice(ctx.db, input)),
  paymentMethods: resellerProcedure.query(() => paymentMethods()),
} satisfies TRPCRouterRecord;

/** Console: the tenant's own invoices. Reseller-sold contracts are billed to the reseller at wholesale: not shown. */
export const consoleBillingRouter = {
  invoices: adminProcedure.query(({ ctx }) => listInvoices(ctx.db, { tenantId: ctx.tenantId, billTo: 'CUSTOMER' })),
  invoice: adminProcedure.input(z.strictObject({ invoiceId: z.uuid() })).query(({ ctx, input }) => getInvoice(ctx.db, { ...input, tenantId: ctx.tenantId, billTo: 'CUSTOMER' })),
  paymentMethods: adminProcedure.query(() => paymentMethods()),
} satisfies TRPCRouterRecord;
