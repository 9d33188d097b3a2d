import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import type { Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { addMonthsClamped, lastDayOfMonth } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { dbDateToIso, isoToDbDate } from '../contracts/provider-actor';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';
import { addedSeatsLines, assertNoRefund, invoiceTotals, lateInterest, STANDARD_TAX_RATE_PERCENT } from './rules';
import { pushInvoiceToStripe } from './stripe-client';

type Line = { description: string; quantity: number; unitPrice: number; amount: number };
type Actor = { kind: 'OPERATOR'; id: string } | { kind: 'SYSTEM'; id: null };

const invoiceNumber = (issueDate: string) => `INV-${issueDate.replaceAll('-', '').slice(0, 6)}-${randomBytes(4).toString('hex').toUpperCase()}`;

async function contractOf(db: Tx, tenantId: string, contractId: string) {
  const c = await db.contract.findFirst({ where: { tenantId, id: contractId }, include: { tenant: { select: { name: true } }, licences: true } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  return c;
}

/** Who receives the provider's invoice: the customer (direct) or the reseller (wholesale, domain.md "Money"). */
async function billee(db: Tx, c: Awaited<ReturnType<typeof contractOf>>) {
  if (c.channel === 'RESELLER' && c.resellerId) {
    const r = await db.reseller.findUnique({ where: { id: c.resellerId }, select: { name: true, email: true } });
    return { billTo: 'RESELLER' as const, name: r?.name ?? 'reseller', email: r?.email ?? null };
  }
  const admin = await db.user.findFirst({ where: { tenantId: c.tenantId, isRegisteredAdministrator: true, disabledAt: null }, select: { email: true } });
  return { billTo: 'CUSTOMER' as const, name: c.tenant.name, email: admin?.email ?? null };
}

/**
 * Stores an invoice with per-rate tax (rules) and the provider's registration number; sends it to Stripe
 * when a client is given, else keeps it local with sentToStripe=false (the embedded default).
 */
async function issue(
  db: Tx,
  stripe: Stripe | null,
  actor: Actor,
  c: Awaited<ReturnType<typeof contractOf>>,
  input: { kind: 'ANNUAL_LICENCE' | 'SEAT_ADD_ON' | 'LATE_INTEREST'; lines: Line[]; now: Date; periodStart?: string; periodEnd?: string; lateInterestForId?: string },
) {
  const totals = invoiceTotals(input.lines.map((l) => ({ amount: l.amount, taxRatePercent: STANDARD_TAX_RATE_PERCENT })));
  const issueDate = toJstDate(input.now);
  // Due at the end of the month after issue (振込期限 翌月末).
  const dueDate = lastDayOfMonth(addMonthsClamped(issueDate, 1));
  const to = await billee(db, c);
  const invoice = await db.invoice.create({
    data: {
      tenantId: c.tenantId, contractId: c.id, number: invoiceNumber(issueDate), kind: input.kind, billTo: to.billTo, resellerId: c.resellerId,
      registrationNumber: apiEnv.INVOICE_REGISTRATION_NUMBER, issueDate: isoToDbDate(issueDate), dueDate: isoToDbDate(dueDate),
      periodStart: input.periodStart ? isoToDbDate(input.periodStart) : null, periodEnd: input.periodEnd ? isoToDbDate(input.periodEnd) : null,
      subtotal: totals.subtotal, tax: totals.tax, total: totals.total, lateInterestForId: input.lateInterestForId ?? null,
    },
  });
  await db.invoiceLine.createMany({ data: input.lines.map((l) => ({ tenantId: c.tenantId, invoiceId: invoice.id, ...l, taxRatePct: STANDARD_TAX_RATE_PERCENT })) });
  let result = invoice;
  if (stripe) {
    const days = Math.max(1, Math.round((isoToDbDate(dueDate).getTime() - isoToDbDate(issueDate).getTime()) / 86_400_000));
    const pushed = await pushInvoiceToStripe(stripe, {
      invoiceId: invoice.id, tenantId: c.tenantId, number: invoice.number, registrationNumber: invoice.registrationNumber, billToName: to.name,
      billToEmail: to.email, daysUntilDue: days, lines: input.lines, tax: totals.tax,
    });
    result = await db.invoice.update({ where: { tenantId_id: { tenantId: c.tenantId, id: invoice.id } }, data: { stripeInvoiceId: pushed.stripeInvoiceId, sentToStripe: true } });
  }
  await recordProviderAudit(db, {
    actorKind: actor.kind, actorId: actor.id, tenantId: c.tenantId, resellerId: c.resellerId, action: 'invoice.issue', targetType: 'Invoice', targetId: invoice.id,
    details: { kind: input.kind, total: totals.total, sentToStripe: result.sentToStripe },
  });
  return result;
}

function annualInvoiceOf(db: Tx, c: Awaited<ReturnType<typeof contractOf>>) {
  return db.invoice.findFirst({ where: { tenantId: c.tenantId, contractId: c.id, kind: 'ANNUAL_LICENCE', periodStart: c.startDate } });
}

function issueAnnual(db: Tx, stripe: Stripe | null, actor: Actor, c: Awaited<ReturnType<typeof contractOf>>, now: Date) {
  const start = dbDateToIso(c.startDate);
  const end = dbDateToIso(c.termEndDate);
  const seats = c.licences.filter((l) => !l.isAddOn).reduce((n, l) => n + l.seats, 0);
  const line = { description: `年間ライセンス料 ${start}〜${end} (${seats}席)`, quantity: 1, unitPrice: c.annualFee, amount: c.annualFee };
  return issue(db, stripe, actor, c, { kind: 'ANNUAL_LICENCE', lines: [line], now, periodStart: start, periodEnd: end });
}

/** 第14条1項: the annual licence fee for the contract's current term. Reseller sales are billed to the reseller. */
export async function issueAnnualInvoice(db: Tx, stripe: Stripe | null, actor: Actor, input: { tenantId: string; contractId: string; now?: Date }) {
  const c = await contractOf(db, input.tenantId, input.contractId);
  if (await annualInvoiceOf(db, c)) throw new AppError('CONFLICT', 'This term is already invoiced.', { reason: 'ALREADY_INVOICED' });
  return issueAnnual(db, stripe, actor, c, input.now ?? new Date());
}

/** The term's annual invoice, issued once: a second call returns the first invoice (used on acceptance). */
export async function ensureAnnualInvoice(db: Tx, stripe: Stripe | null, actor: Actor, input: { tenantId: string; contractId: string; now?: Date }) {
  const c = await contractOf(db, input.tenantId, input.contractId);
  return (await annualInvoiceOf(db, c)) ?? issueAnnual(db, stripe, actor, c, input.now ?? new Date());
}

/** 第14条1項: added seats are billed monthly; one invoice per month for the add-on licences in use. */
export async function issueMonthlyAddOnInvoice(db: Tx, stripe: Stripe | null, actor: Actor, input: { tenantId: string; contractId: string; month: string; now?: Date }) {
  const c = await contractOf(db, input.tenantId, input.contractId);
  const first = `${input.month}-01`;
  const last = lastDayOfMonth(first);
  const seats = c.licences.filter((l) => l.isAddOn && dbDateToIso(l.termStart) <= last && dbDateToIso(l.termEnd) >= first).reduce((n, l) => n + l.seats, 0);
  if (seats === 0) return null;
  const existing = await db.invoice.findFirst({ where: { tenantId: c.tenantId, contractId: c.id, kind: 'SEAT_ADD_ON', periodStart: isoToDbDate(first) } });
  if (existing) return existing;
  const [line] = addedSeatsLines({ seats, monthlyUnitPrice: c.seatMonthlyFee, addedOn: first, termEndsOn: last, description: `追加ライセンス ${input.month} (${seats}席)` });
  if (!line) return null;
  return issue(db, stripe, actor, c, { kind: 'SEAT_ADD_ON', lines: [{ description: line.description, quantity: line.quantity, unitPrice: line.unitPrice, amount: line.amount }], now: input.now ?? new Date(), periodStart: first, periodEnd: last });
}

/** 第14条3項: 14.6 %/year for the days late, invoiced separately. Nothing is issued when paid on time. */
export async function issueLateInterestInvoice(db: Tx, stripe: Stripe | null, actor: Actor, input: { tenantId: string; invoiceId: string; paidOn: string; now?: Date }) {
  const inv = await db.invoice.findFirst({ where: { tenantId: input.tenantId, id: input.invoiceId } });
  if (!inv) throw new AppError('NOT_FOUND', 'No such invoice.');
  const due = dbDateToIso(inv.dueDate);
  const amount = lateInterest(inv.total, due, input.paidOn);
  if (amount === 0) return null;
  const c = await contractOf(db, inv.tenantId, inv.contractId);
  const line = { description: `遅延損害金 ${inv.number} (${due}〜${input.paidOn}, 年14.6%)`, quantity: 1, unitPrice: amount, amount };
  return issue(db, stripe, actor, c, { kind: 'LATE_INTEREST', lines: [line], now: input.now ?? new Date(), lateInterestForId: inv.id });
}

/** 第14条4項: fees received are never refunded; the request is refused and the refusal recorded. */
export async function requestRefund(db: Tx, actor: { kind: 'OPERATOR' | 'RESELLER_STAFF' | 'USER'; id: string }, input: { tenantId: string; invoiceId: string; amount: number; cause: string }) {
  const inv = await db.invoice.findFirst({ where: { tenantId: input.tenantId, id: input.invoiceId }, select: { id: true } });
  if (!inv) throw new AppError('NOT_FOUND', 'No such invoice.');
  assertNoRefund({ amount: input.amount, cause: input.cause });
  return { refunded: 0 };
}

export function listInvoices(db: Tx, filter: { tenantId?: string; billTo?: 'CUSTOMER' | 'RESELLER' } = {}) {
  return db.invoice.findMany({
    where: { tenantId: filter.tenantId, billTo: filter.billTo },
    include: { lines: { orderBy: { id: 'asc' } }, payments: true, tenant: { select: { systemId: true, name: true } } },
    orderBy: [{ issueDate: 'desc' }, { number: 'desc' }],
    take: 500,
  });
}

