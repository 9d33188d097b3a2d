import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import Stripe from 'stripe';
import { withScope } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider } from '../testing/callers';
import { handleStripeWebhook } from '../http/stripe-webhook';
import { ensureAnnualInvoice, issueAnnualInvoice, issueLateInterestInvoice, issueMonthlyAddOnInvoice } from './invoices';
import { AppError } from '../errors/app-error';
import { TRPCError } from '@trpc/server';

const { db, adminDb } = useTestDatabase();

// Stripe's API answered by msw at the HTTP layer: the real SDK builds and sends its real form-encoded requests.
const calls: { path: string; body: URLSearchParams }[] = [];
let seq = 0;
const server = setupServer(
  http.post('https://api.stripe.com/v1/customers', async ({ request }) => {
    calls.push({ path: '/v1/customers', body: new URLSearchParams(await request.text()) });
    return HttpResponse.json({ id: `cus_test${++seq}`, object: 'customer' });
  }),
  http.post('https://api.stripe.com/v1/invoices', async ({ request }) => {
    calls.push({ path: '/v1/invoices', body: new URLSearchParams(await request.text()) });
    return HttpResponse.json({ id: `in_test${++seq}`, object: 'invoice', status: 'draft', currency: 'jpy' });
  }),
  http.post('https://api.stripe.com/v1/invoiceitems', async ({ request }) => {
    calls.push({ path: '/v1/invoiceitems', body: new URLSearchParams(await request.text()) });
    return HttpResponse.json({ id: `ii_test${++seq}`, object: 'invoiceitem' });
  }),
  http.post('https://api.stripe.com/v1/invoices/:id/finalize', async ({ params }) => {
    calls.push({ path: `/v1/invoices/${String(params.id)}/finalize`, body: new URLSearchParams() });
    return HttpResponse.json({ id: params.id, object: 'invoice', status: 'open' });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const stripe = new Stripe('sk_test_msw', { maxNetworkRetries: 0 });
const SECRET = 'whsec_test_secret';

async function contractOf(tenantId: string) {
  return adminDb.contract.findFirstOrThrow({ where: { tenantId } });
}

function signed(payload: string, secret = SECRET) {
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return new Request('http://localhost/api/stripe/webhook', { method: 'POST', body: payload, headers: { 'stripe-signature': header, 'content-type': 'application/json' } });
}

describe('billing (第14条)', () => {
  it('第14条1項: a reseller-sold annual licence is billed to the reseller through Stripe in JPY with 10% tax and the registration number', async () => {
    const reseller = await createResellerFixture(adminDb);
    const t = await createTenantFixture(adminDb, { resellerId: reseller.resellerId });
    const c = await contractOf(t.tenantId);
    await adminDb.contract.update({ where: { tenantId_id: { tenantId: t.tenantId, id: c.id } }, data: { annualFee: 123_457, resellerAnnualPrice: 150_000 } });
    calls.length = 0;
    const inv = await withScope(db, { operator: true }, (tx) =>
      issueAnnualInvoice(tx, stripe, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id, now: new Date('2026-04-01T00:00:00Z') }),
    );
    // Tax floored per rate: 123,457 × 10% = 12,345.7 → 12,345.
    expect(inv).toMatchObject({ billTo: 'RESELLER', subtotal: 123_457, tax: 12_345, total: 135_802, sentToStripe: true, registrationNumber: 'T9234567890123' });
    expect(inv.dueDate.toISOString().slice(0, 10)).toBe('2026-05-31');
    expect(calls.map((x) => x.path)).toEqual(['/v1/customers', '/v1/invoices', '/v1/invoiceitems', '/v1/invoiceitems', `/v1/invoices/${inv.stripeInvoiceId}/finalize`]);
    expect(calls[0]?.body.get('name')).toContain('販売店');
    expect(calls[1]?.body.get('currency')).toBe('jpy');
    expect(calls[1]?.body.get('collection_method')).toBe('send_invoice');
    expect(calls[1]?.body.get('custom_fields[0][value]')).toBe('T9234567890123');
    expect(calls[1]?.body.get('metadata[invoiceId]')).toBe(inv.id);
    expect([calls[2]?.body.get('amount'), calls[3]?.body.get('amount')]).toEqual(['123457', '12345']);
    // The same term is not invoiced twice.
    const again = withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id }));
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('embedded default: without Stripe the invoice is kept locally and marked as not sent; add-on seats are billed monthly; late interest 14.6%/year', async () => {
    const t = await createTenantFixture(adminDb);
    const c = await contractOf(t.tenantId);
    await adminDb.licence.create({ data: { tenantId: t.tenantId, contractId: c.id, seats: 7, isAddOn: true, termStart: new Date('2026-06-15'), termEnd: c.termEndDate } });
    calls.length = 0;
    const addOn = await withScope(db, { operator: true }, (tx) =>
      issueMonthlyAddOnInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id, month: '2026-07', now: new Date('2026-07-01T00:00:00Z') }),
    );
    expect(calls).toHaveLength(0);
    // 7 seats × 500 yen × 1 month = 3,500 + 350 tax.
    expect(addOn).toMatchObject({ kind: 'SEAT_ADD_ON', billTo: 'CUSTOMER', subtotal: 3_500, tax: 350, total: 3_850, sentToStripe: false, stripeInvoiceId: null });
    expect(await withScope(db, { operator: true }, (tx) => issueMonthlyAddOnInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id, month: '2026-05' }))).toBeNull();
    if (!addOn) throw new Error('add-on invoice expected');
    // Due 2026-08-31, still unpaid on 2026-10-30: 60 days late → 3,850 × 0.146 × 60 / 365 = 92.3 → 92 yen, no tax (第14条2項・3項).
    const late = await withScope(db, { operator: true }, (tx) =>
      issueLateInterestInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, invoiceId: addOn.id, now: new Date('2026-10-30T03:00:00Z') }),
    );
    expect(late).toMatchObject({ kind: 'LATE_INTEREST', subtotal: 92, tax: 0, total: 92, lateInterestForId: addOn.id });
    // The same days are not charged twice.
    const again = withScope(db, { operator: true }, (tx) => issueLateInterestInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, invoiceId: addOn.id, now: new Date('2026-10-30T05:00:00Z') }));
    await expect(again).rejects.toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'NOT_OVERDUE' } });
  });

  it('第14条4項: the refund procedure refuses any positive amount (RULE_VIOLATION NO_REFUND)', async () => {
    const t = await createTenantFixture(adminDb);
    const c = await contractOf(t.tenantId);
    const inv = await withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id }));
    const op = await createOperatorFixture(adminDb);
    const browser = await signedInProvider(db, 'operator', op.email);
    const err = await browser.reseller((x) => x.operator.billing.refund({ tenantId: t.tenantId, invoiceId: inv.id, amount: 1000, cause: 'termination' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    const cause = (err as TRPCError).cause;
    expect(cause instanceof AppError ? [cause.code, cause.details.reason] : null).toEqual(['RULE_VIOLATION', 'NO_REFUND']);
  });
});

describe('one invoice per term (第14条1項)', () => {
  it('the annual invoice issued on acceptance is issued once: ensuring it again returns it, issuing it again is refused', async () => {
    const t = await createTenantFixture(adminDb);
    const c = await contractOf(t.tenantId);
    const system = { kind: 'SYSTEM', id: null } as const;
    const first = await withScope(db, { operator: true }, (tx) => ensureAnnualInvoice(tx, null, system, { tenantId: t.tenantId, contractId: c.id }));
    const second = await withScope(db, { operator: true }, (tx) => ensureAnnualInvoice(tx, null, system, { tenantId: t.tenantId, contractId: c.id }));
    expect(second.id).toBe(first.id);
    const again = withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, null, system, { tenantId: t.tenantId, contractId: c.id }));
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'ALREADY_INVOICED' } });
    expect(await adminDb.invoice.count({ where: { tenantId: t.tenantId, kind: 'ANNUAL_LICENCE' } })).toBe(1);
  });

  it('two operators issuing the same term at the same moment leave one invoice (unique per contract, kind and period)', async () => {
    const t = await createTenantFixture(adminDb);
    const c = await contractOf(t.tenantId);
    const issueOnce = () => withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id }));
    const results = await Promise.allSettled([issueOnce(), issueOnce()]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await adminDb.invoice.count({ where: { tenantId: t.tenantId, kind: 'ANNUAL_LICENCE' } })).toBe(1);
  });
});

describe('Stripe webhook', () => {
  it('verifies the signature, marks the invoice paid once, ignores replays and acknowledges unknown events; refuses forged signatures', async () => {
    const t = await createTenantFixture(adminDb);
    const c = await contractOf(t.tenantId);
    const inv = await withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, stripe, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id }));
    const paid = JSON.stringify({
      id: `evt_paid_${inv.id}`, object: 'event', type: 'invoice.paid',
      data: { object: { id: inv.stripeInvoiceId, object: 'invoice', amount_paid: inv.total, status_transitions: { paid_at: 1_790_000_000 } } },
    });
    const deps = { db, secret: SECRET, stripe };

    const forged = await handleStripeWebhook(signed(paid, 'whsec_wrong'), deps);
    expect(forged.status).toBe(400);
    const tampered = signed(paid);
    const tamperedReq = new Request(tampered.url, { method: 'POST', headers: tampered.headers, body: paid.replace(String(inv.total), '1') });
    expect((await handleStripeWebhook(tamperedReq, deps)).status).toBe(400);
    expect((await adminDb.invoice.findFirstOrThrow({ where: { id: inv.id } })).status).toBe('OPEN');

    const first = await handleStripeWebhook(signed(paid), deps);
    expect([first.status, await first.json()]).toEqual([200, { received: true, outcome: 'processed' }]);
    const replay = await handleStripeWebhook(signed(paid), deps);
    expect(await replay.json()).toEqual({ received: true, outcome: 'replay' });
    // The same payment announced again under a new event id changes nothing either.
    const dup = await handleStripeWebhook(signed(paid.replace('evt_paid_', 'evt_again_')), deps);
    expect(await dup.json()).toEqual({ received: true, outcome: 'ignored' });
    const after = await adminDb.invoice.findFirstOrThrow({ where: { id: inv.id }, include: { payments: true } });
    expect(after.status).toBe('PAID');
    expect(after.payments.map((p) => p.amount)).toEqual([inv.total]);

    const unknown = JSON.stringify({ id: 'evt_unknown_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_x' } } });
    const u = await handleStripeWebhook(signed(unknown), deps);
    expect([u.status, await u.json()]).toEqual([200, { received: true, outcome: 'ignored' }]);
    expect((await handleStripeWebhook(signed(unknown), { ...deps, secret: undefined })).status).toBe(503);
  });
});

describe('Stripe webhook: the signed timestamp', () => {
  it('refuses one more than the 5-minute tolerance in the future or past, and takes one within it', async () => {
    const now = new Date('2026-12-07T12:00:00Z');
    const nowSec = Math.floor(now.getTime() / 1000);
    const event = JSON.stringify({ id: 'evt_clock_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_clock' } } });
    const at = (offsetSec: number) => {
      const header = stripe.webhooks.generateTestHeaderString({ payload: event, secret: SECRET, timestamp: nowSec + offsetSec });
      return new Request('http://localhost/api/stripe/webhook', { method: 'POST', body: event, headers: { 'stripe-signature': header, 'content-type': 'application/json' } });
    };
    const deps = { db, secret: SECRET, stripe, now: () => now };
    // The attack of issue 15: a request signed 10 minutes ahead, to be replayed later.
    expect((await handleStripeWebhook(at(600), deps)).status).toBe(400);
    expect((await handleStripeWebhook(at(301), deps)).status).toBe(400);
    expect((await handleStripeWebhook(at(-301), deps)).status).toBe(400);
    expect((await handleStripeWebhook(at(240), deps)).status).toBe(200);
    expect((await handleStripeWebhook(at(-240), deps)).status).toBe(200);
  });
});

describe('billing periods job (第14条1項)', () => {
  it('invoices last month’s add-on seats once, however often it runs', async () => {
    const { closeBillingPeriods } = await import('./jobs');
    const t = await createTenantFixture(adminDb);
    const c = await contractOf(t.tenantId);
    await adminDb.licence.create({ data: { tenantId: t.tenantId, contractId: c.id, seats: 2, isAddOn: true, termStart: new Date('2026-09-10'), termEnd: c.termEndDate } });
    const now = new Date('2026-11-01T00:00:00Z'); // 09:00 JST on 1 November → October
    await closeBillingPeriods(db, now, null);
    await closeBillingPeriods(db, now, null);
    const invoices = await adminDb.invoice.findMany({ where: { tenantId: t.tenantId, kind: 'SEAT_ADD_ON' }, orderBy: { periodStart: 'asc' } });
    // September (from the 10th: a whole month, billing/rules/fees.ts) and October; November is not over.
    expect(invoices.map((i) => [i.periodStart?.toISOString().slice(0, 10), i.subtotal, i.sentToStripe])).toEqual([['2026-09-01', 1000, false], ['2026-10-01', 1000, false]]);
    expect(await adminDb.invoice.count({ where: { tenantId: t.tenantId, kind: 'ANNUAL_LICENCE' } })).toBe(1);
  });
});

describe('Stripe webhook: failed payments', () => {
  it('invoice.payment_failed marks the invoice PAYMENT_FAILED with the time and the next retry; a later payment settles it; a late failure leaves a paid invoice paid', async () => {
    const t = await createTenantFixture(adminDb);
    const c = await contractOf(t.tenantId);
    const inv = await withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, stripe, { kind: 'SYSTEM', id: null }, { tenantId: t.tenantId, contractId: c.id }));
    const deps = { db, secret: SECRET, stripe };
    const failed = (id: string, created: number, next: number | null) =>
      JSON.stringify({ id, object: 'event', type: 'invoice.payment_failed', created, data: { object: { id: inv.stripeInvoiceId, object: 'invoice', attempt_count: 1, next_payment_attempt: next } } });

    // A forged failure changes nothing.
    expect((await handleStripeWebhook(signed(failed(`evt_fail_forged_${inv.id}`, 1_790_000_000, null), 'whsec_wrong'), deps)).status).toBe(400);
    expect((await adminDb.invoice.findFirstOrThrow({ where: { id: inv.id } })).status).toBe('OPEN');

    const first = await handleStripeWebhook(signed(failed(`evt_fail_1_${inv.id}`, 1_790_000_000, 1_790_259_200)), deps);
    expect(await first.json()).toEqual({ received: true, outcome: 'processed' });
    const afterFailure = await adminDb.invoice.findFirstOrThrow({ where: { id: inv.id } });
    expect([afterFailure.status, afterFailure.paymentFailedAt?.toISOString(), afterFailure.nextRetryAt?.toISOString()]).toEqual([
      'PAYMENT_FAILED', new Date(1_790_000_000_000).toISOString(), new Date(1_790_259_200_000).toISOString(),
    ]);
    expect(await (await handleStripeWebhook(signed(failed(`evt_fail_1_${inv.id}`, 1_790_000_000, 1_790_259_200)), deps)).json()).toEqual({ received: true, outcome: 'replay' });
    const audit = await adminDb.providerAuditLog.findMany({ where: { targetId: inv.id, action: 'invoice.paymentFailed' } });
    expect(audit.map((a) => a.actorKind)).toEqual(['SYSTEM']);

    const paid = JSON.stringify({
      id: `evt_paid_after_fail_${inv.id}`, object: 'event', type: 'invoice.paid',
      data: { object: { id: inv.stripeInvoiceId, object: 'invoice', amount_paid: inv.total, status_transitions: { paid_at: 1_790_300_000 } } },
    });
    expect(await (await handleStripeWebhook(signed(paid), deps)).json()).toEqual({ received: true, outcome: 'processed' });
    const settled = await adminDb.invoice.findFirstOrThrow({ where: { id: inv.id } });
    expect([settled.status, settled.nextRetryAt]).toEqual(['PAID', null]);

    // Stripe does not promise order: a failure delivered after the payment is acknowledged and ignored.
    const late = await handleStripeWebhook(signed(failed(`evt_fail_late_${inv.id}`, 1_789_990_000, null)), deps);
    expect(await late.json()).toEqual({ received: true, outcome: 'ignored' });
    expect((await adminDb.invoice.findFirstOrThrow({ where: { id: inv.id } })).status).toBe('PAID');
  });
});
