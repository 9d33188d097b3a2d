import { withScope, type Db } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { toJstDate } from '../calendar/jst';
import { dbDateToIso } from '../contracts/provider-actor';
import { daysLate } from './rules';

export type WebhookOutcome = 'processed' | 'replay' | 'ignored';

interface PaidInvoice {
  id: string;
  amount_paid: number;
  status_transitions?: { paid_at?: number | null } | null;
  metadata?: Record<string, string> | null;
}

/**
 * One Stripe event, exactly once: the StripeEvent row is written in the same transaction as its effect,
 * so a replay (or a concurrent duplicate, via the primary key) changes nothing.
 * invoice.paid → Payment + PAID; other types are acknowledged and recorded.
 */
export async function applyStripeEvent(db: Db, event: { id: string; type: string; data: { object: unknown } }): Promise<WebhookOutcome> {
  return withScope(db, { operator: true }, async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO stripe_events (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING`;
    if (inserted === 0) return 'replay';
    if (event.type !== 'invoice.paid') return 'ignored';
    const obj = event.data.object as PaidInvoice;
    const local = await tx.invoice.findFirst({ where: { stripeInvoiceId: obj.id } });
    if (!local || local.status === 'PAID') return 'ignored';
    const paidAt = obj.status_transitions?.paid_at ? new Date(obj.status_transitions.paid_at * 1000) : new Date();
    await tx.payment.create({
      // The Stripe invoice id keys the payment: one settlement per Stripe invoice, even if events repeat under new ids.
      data: { tenantId: local.tenantId, invoiceId: local.id, amount: obj.amount_paid, paidAt, method: 'stripe', stripePaymentIntentId: obj.id },
    });
    await tx.invoice.update({ where: { tenantId_id: { tenantId: local.tenantId, id: local.id } }, data: { status: 'PAID', paidAt } });
    await recordProviderAudit(tx, {
      actorKind: 'SYSTEM', actorId: null, tenantId: local.tenantId, resellerId: local.resellerId, action: 'invoice.paid', targetType: 'Invoice', targetId: local.id,
      details: { stripeEventId: event.id, amount: obj.amount_paid, daysLate: daysLate(dbDateToIso(local.dueDate), toJstDate(paidAt)) },
    });
    return 'processed';
  });
}
