import type { Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { toJstDate } from '../calendar/jst';
import { dbDateToIso } from '../contracts/provider-actor';
import { AppError } from '../errors/app-error';
import { lockInvoice } from './invoice-lock';

const OWED = new Set(['OPEN', 'PARTIALLY_PAID', 'PAYMENT_FAILED']);

/** The start of a JST calendar day as an instant: a transfer is dated, not timed. */
const jstDayStart = (iso: string) => new Date(`${iso}T00:00:00+09:00`);

/**
 * 消込: an operator records a bank transfer received for an invoice. Part payments leave it
 * PARTIALLY_PAID with the rest owed; the payment that completes it makes it PAID on its date. More than
 * is owed is refused, since nothing is ever paid back (第14条4項). Dates in the future, or before the
 * invoice was issued, are refused too.
 */
export async function recordBankTransfer(
  db: Tx,
  operator: { id: string },
  input: { tenantId: string; invoiceId: string; amount: number; receivedOn: string; payerName?: string; note?: string; now?: Date },
) {
  const today = toJstDate(input.now ?? new Date());
  // Locked before the balance is read: two transfers recorded at once must not both see the same balance.
  await lockInvoice(db, input.tenantId, input.invoiceId);
  const inv = await db.invoice.findFirst({ where: { tenantId: input.tenantId, id: input.invoiceId }, include: { payments: true } });
  if (!inv) throw new AppError('NOT_FOUND', 'No such invoice.');
  if (!OWED.has(inv.status)) throw new AppError('CONFLICT', 'Nothing is owed on this invoice.', { reason: 'NOTHING_OWED' });
  if (input.receivedOn > today) throw new AppError('VALIDATION', 'A transfer cannot be dated in the future.', { fieldErrors: { receivedOn: ['in the future'] }, reason: 'FUTURE_DATE' });
  if (input.receivedOn < dbDateToIso(inv.issueDate)) {
    throw new AppError('VALIDATION', 'The transfer is dated before the invoice was issued.', { fieldErrors: { receivedOn: ['before issue'] }, reason: 'BEFORE_ISSUE' });
  }
  const paid = inv.payments.reduce((n, p) => n + p.amount, 0);
  const balance = inv.total - paid;
  if (input.amount > balance) {
    throw new AppError('RULE_VIOLATION', `Only ${balance} yen is owed; fees are never paid back (第14条4項).`, { reason: 'OVERPAYMENT', balance });
  }
  const paidAt = jstDayStart(input.receivedOn);
  const payment = await db.payment.create({
    data: {
      tenantId: inv.tenantId, invoiceId: inv.id, amount: input.amount, paidAt, method: 'bank_transfer',
      payerName: input.payerName ?? null, note: input.note ?? null, recordedByOperatorId: operator.id,
    },
  });
  const settled = input.amount === balance;
  const updated = await db.invoice.update({
    where: { tenantId_id: { tenantId: inv.tenantId, id: inv.id } },
    data: settled ? { status: 'PAID', paidAt, nextRetryAt: null } : { status: 'PARTIALLY_PAID' },
    include: { payments: { orderBy: { paidAt: 'asc' } } },
  });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: inv.tenantId, resellerId: inv.resellerId, action: 'invoice.payment', targetType: 'Invoice', targetId: inv.id,
    details: { paymentId: payment.id, amount: input.amount, receivedOn: input.receivedOn, balance: balance - input.amount, method: 'bank_transfer' },
  });
  return { invoice: updated, balance: balance - input.amount };
}
