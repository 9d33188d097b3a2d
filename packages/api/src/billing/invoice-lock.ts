import type { Tx } from '@telework/db';

/**
 * Takes the invoice row's lock until the transaction ends. Every path that reads what is owed and then
 * records a payment (operators' bank transfers, Stripe's webhooks) takes it first, so two of them at the
 * same moment are serialised: the second one reads the balance the first one left, never a stale one, and
 * together they can never exceed the invoice (第14条4項: nothing is paid back).
 */
export async function lockInvoice(tx: Tx, tenantId: string, invoiceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM invoices WHERE "tenantId" = ${tenantId}::uuid AND id = ${invoiceId}::uuid FOR UPDATE`;
}

/** The same lock, for Stripe's events, which name the invoice by Stripe's id. */
export async function lockStripeInvoice(tx: Tx, stripeInvoiceId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM invoices WHERE "stripeInvoiceId" = ${stripeInvoiceId} FOR UPDATE`;
}
