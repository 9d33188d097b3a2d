import Stripe from 'stripe';
import { apiEnv } from '../env';

/** The Stripe client when STRIPE_SECRET_KEY is set; null in the embedded default (invoices stay local). */
export function stripeFromEnv(): Stripe | null {
  return apiEnv.STRIPE_SECRET_KEY ? new Stripe(apiEnv.STRIPE_SECRET_KEY, { maxNetworkRetries: 1 }) : null;
}

export interface StripeInvoiceInput {
  invoiceId: string;
  tenantId: string;
  number: string;
  registrationNumber: string;
  billToName: string;
  billToEmail: string | null;
  daysUntilDue: number;
  /** Tax-exclusive lines and the tax computed by our rules (one line per rate), all whole yen. */
  lines: { description: string; amount: number }[];
  tax: number;
}

/**
 * Creates the customer, one invoice item per line plus the consumption tax line (computed by our
 * rules: Stripe Tax is not used), and a finalized `send_invoice` invoice in JPY (a zero-decimal currency).
 */
export async function pushInvoiceToStripe(stripe: Stripe, input: StripeInvoiceInput): Promise<{ stripeInvoiceId: string; stripeCustomerId: string }> {
  const metadata = { invoiceId: input.invoiceId, tenantId: input.tenantId, number: input.number };
  const customer = await stripe.customers.create({ name: input.billToName, email: input.billToEmail ?? undefined, metadata });
  const invoice = await stripe.invoices.create({
    customer: customer.id,
    currency: 'jpy',
    collection_method: 'send_invoice',
    days_until_due: input.daysUntilDue,
    pending_invoice_items_behavior: 'exclude',
    metadata,
    custom_fields: [{ name: '登録番号', value: input.registrationNumber }],
  });
  const invoiceId = invoice.id;
  if (!invoiceId) throw new Error('Stripe returned an invoice without an id');
  for (const line of input.lines) {
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoiceId, currency: 'jpy', amount: line.amount, description: line.description, metadata });
  }
  if (input.tax > 0) {
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoiceId, currency: 'jpy', amount: input.tax, description: '消費税 (10%)', metadata });
  }
  await stripe.invoices.finalizeInvoice(invoiceId);
  return { stripeInvoiceId: invoiceId, stripeCustomerId: customer.id };
}
