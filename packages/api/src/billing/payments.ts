import { withScope, type Db, type Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { toJstDate } from '../calendar/jst';
import { dbDateToIso } from '../contracts/provider-actor';
import { lockStripeInvoice } from './invoice-lock';
import { daysLate } from './rules';

export type WebhookOutcome = 'processed' | 'replay' | 'ignored';

interface PaidInvoice {
  id: string;
  amount_paid: number;
  status_transitions?: { paid_at?: number | null } | null;
  metadata?: Record<string, string> | null;
}

interface FailedInvoice {
  id: string;
  attempt_count?: number | null;
  next_payment_attempt?: number | null;
}

type StripeEventLike = { id: string; type: string; created?: number; data: { object: unknown } };

/**
 * One Stripe event, exactly once: the StripeEvent row is written in the same transaction as its effect,
 * so a replay (or a concurrent duplicate, via the primary key) changes nothing.
 * invoice.paid → Payment + PAID; invoice.payment_failed → PAYMENT_FAILED; other types are acknowledged and recorded.
 */
export async function applyStripeEvent(db: Db, event: StripeEventLike): Promise<WebhookOutcome> {
  return withScope(db, { operator: true }, async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO stripe_events (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) return 'replay';
    if (event.type === 'invoice.payment_failed') return recordPaymentFailure(tx, event);
    if (event.type !== 'invoice.paid') return 'ignored';
    const obj = event.data.object as PaidInvoice;
    await lockStripeInvoice(tx, obj.id);
    const local = await tx.invoice.findFirst({ where: { stripeInvoiceId: obj.id } });
    if (!local || local.status === 'PAID') return 'ignored';
    const paidAt = obj.status_transitions?.paid_at ? new Date(obj.status_transitions.paid_at * 1000) : new Date();
    await tx.payment.create({
      // The Stripe invoice id keys the payment: one settlement per Stripe invoice, even if events repeat under new ids.
      data: { tenantId: local.tenantId, invoiceId: local.id, amount: obj.amount_paid, paidAt, method: 'stripe', stripePaymentIntentId: obj.id },
    });
    await tx.invoice.update({ where: { tenantId_id: { tenantId: local.tenantId, id: local.id } }, data: { status: 'PAID', paidAt, nextRetryAt: null } });
    await recordProviderAudit(tx, {
      actorKind: 'SYSTEM', actorId: null, tenantId: local.tenantId, resellerId: local.resellerId, action: 'invoice.paid', targetType: 'Invoice', targetId: local.id,
      details: { stripeEventId: event.id, amount: obj.amount_paid, daysLate: daysLate(dbDateToIso(local.dueDate), toJstDate(paidAt)) },
    });
    return 'processed';
  });
}

/**
 * invoice.payment_failed: the collection attempt failed; the invoice stays owed, now PAYMENT_FAILED, with
 * the time of the failure and Stripe's next retry (none when Stripe has given up). A paid invoice stays
 * paid: Stripe may deliver an older failure after the payment.
 */
async function recordPaymentFailure(tx: Tx, event: StripeEventLike): Promise<WebhookOutcome> {
  const obj = event.data.object as FailedInvoice;
  await lockStripeInvoice(tx, obj.id);
  const local = await tx.invoice.findFirst({ where: { stripeInvoiceId: obj.id } });
  if (!local || local.status === 'PAID' || local.status === 'VOID') return 'ignored';
  const failedAt = event.created ? new Date(event.created * 1000) : new Date();
  const nextRetryAt = obj.next_payment_attempt ? new Date(obj.next_payment_attempt * 1000) : null;
  await tx.invoice.update({ where: { tenantId_id: { tenantId: local.tenantId, id: local.id } }, data: { status: 'PAYMENT_FAILED', paymentFailedAt: failedAt, nextRetryAt } });
  await recordProviderAudit(tx, {
    actorKind: 'SYSTEM', actorId: null, tenantId: local.tenantId, resellerId: local.resellerId, action: 'invoice.paymentFailed', targetType: 'Invoice', targetId: local.id,
    details: { stripeEventId: event.id, attemptCount: obj.attempt_count ?? null, nextRetryAt: nextRetryAt?.toISOString() ?? null },
  });
  return 'processed';
}
