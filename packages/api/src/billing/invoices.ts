import { randomBytes } from 'node:crypto';
import type Stripe from 'stripe';
import type { Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { addDays, addMonthsClamped, lastDayOfMonth } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { dbDateToIso, isoToDbDate } from '../contracts/provider-actor';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';
import { issuerSnapshot } from './issuer';
import { addedSeatsLines, assertNoRefund, invoiceTotals, LATE_INTEREST_TAX_RATE_PERCENT, lateInterestOnBalance, STANDARD_TAX_RATE_PERCENT } from './rules';
import { pushInvoiceToStripe } from './stripe-client';

type Line = { description: string; quantity: number; unitPrice: number; amount: number; taxRatePercent: number };
type Actor = { kind: 'OPERATOR'; id: string } | { kind: 'SYSTEM'; id: null };

const invoiceNumber = (issueDate: string) => `INV-${issueDate.replaceAll('-', '').slice(0, 6)}-${randomBytes(4).toString('hex').toUpperCase()}`;

async function contractOf(db: Tx, tenantId: string, contractId: string) {
  const c = await db.contract.findFirst({ where: { tenantId, id: contractId }, include: { tenant: { select: { name: true, postalCode: true, address: true } }, licences: true } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  return c;
}

/**
 * Who receives the provider's invoice: the customer (direct) or the reseller (wholesale, domain.md "Money"),
 * by its corporate name and address as printed on the qualified invoice (no person is named on it).
 */
async function billee(db: Tx, c: Awaited<ReturnType<typeof contractOf>>) {
  if (c.channel === 'RESELLER' && c.resellerId) {
    const r = await db.reseller.findUnique({ where: { id: c.resellerId }, select: { name: true, email: true, postalCode: true, address: true } });
    return { billTo: 'RESELLER' as const, name: r?.name ?? 'reseller', email: r?.email ?? null, postalCode: r?.postalCode ?? null, address: r?.address ?? null };
  }
  const admin = await db.user.findFirst({ where: { tenantId: c.tenantId, isRegisteredAdministrator: true, disabledAt: null }, select: { email: true } });
  return { billTo: 'CUSTOMER' as const, name: c.tenant.name, email: admin?.email ?? null, postalCode: c.tenant.postalCode, address: c.tenant.address };
}

/** The last day the contract runs: its end date when it is ending or ended, else its term end. */
export function lastDayOf(c: { endDate: Date | null; termEndDate: Date }): string {
  return dbDateToIso(c.endDate ?? c.termEndDate);
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
  input: {
    kind: 'ANNUAL_LICENCE' | 'SEAT_ADD_ON' | 'LATE_INTEREST'; lines: Line[]; now: Date; periodStart?: string; periodEnd?: string;
    late?: { forId: string; from: string; through: string };
  },
) {
  const totals = invoiceTotals(input.lines.map((l) => ({ amount: l.amount, taxRatePercent: l.taxRatePercent })));
  const issueDate = toJstDate(input.now);
  // Due at the end of the month after issue (振込期限 翌月末).
  const dueDate = lastDayOfMonth(addMonthsClamped(issueDate, 1));
  const to = await billee(db, c);
  const invoice = await db.invoice.create({
    data: {
      tenantId: c.tenantId, contractId: c.id, number: invoiceNumber(issueDate), kind: input.kind, billTo: to.billTo, resellerId: c.resellerId,
      registrationNumber: apiEnv.INVOICE_REGISTRATION_NUMBER, issueDate: isoToDbDate(issueDate), dueDate: isoToDbDate(dueDate),
      periodStart: input.periodStart ? isoToDbDate(input.periodStart) : null, periodEnd: input.periodEnd ? isoToDbDate(input.periodEnd) : null,
      subtotal: totals.subtotal, tax: totals.tax, total: totals.total,
      lateInterestForId: input.late?.forId ?? null, lateFrom: input.late ? isoToDbDate(input.late.from) : null, lateTo: input.late ? isoToDbDate(input.late.through) : null,
      recipientName: to.name, recipientPostalCode: to.postalCode, recipientAddress: to.address, issuer: issuerSnapshot(),
    },
  });
  await db.invoiceLine.createMany({
    data: input.lines.map(({ taxRatePercent, ...l }) => ({ tenantId: c.tenantId, invoiceId: invoice.id, ...l, taxRatePct: taxRatePercent })),
  });
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
  const line = { description: `年間ライセンス料 ${start}〜${end} (${seats}席)`, quantity: 1, unitPrice: c.annualFee, amount: c.annualFee, taxRatePercent: STANDARD_TAX_RATE_PERCENT };
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

/** Add-on seats usable in some day of [first, last]: each add-on licence from its start to its end or the contract's last day. */
export function addOnSeatsIn(c: { endDate: Date | null; termEndDate: Date; licences: { isAddOn: boolean; seats: number; termStart: Date; termEnd: Date }[] }, first: string, last: string): number {
  const contractLast = lastDayOf(c);
  return c.licences
    .filter((l) => {
      const end = dbDateToIso(l.termEnd) < contractLast ? dbDateToIso(l.termEnd) : contractLast;
      return l.isAddOn && dbDateToIso(l.termStart) <= last && end >= first;
    })
    .reduce((n, l) => n + l.seats, 0);
}

/**
 * 第14条1項: added seats are billed monthly, whole months (billing/rules/fees.ts); one invoice per month
 * for the add-on licences usable in it, up to the contract's last day whatever its state now.
 */
export async function issueMonthlyAddOnInvoice(db: Tx, stripe: Stripe | null, actor: Actor, input: { tenantId: string; contractId: string; month: string; now?: Date }) {
  const c = await contractOf(db, input.tenantId, input.contractId);
  const first = `${input.month}-01`;
  const last = lastDayOfMonth(first);
  const seats = addOnSeatsIn(c, first, last);
  if (seats === 0) return null;
  const existing = await db.invoice.findFirst({ where: { tenantId: c.tenantId, contractId: c.id, kind: 'SEAT_ADD_ON', periodStart: isoToDbDate(first) } });
  if (existing) return existing;
  const [line] = addedSeatsLines({ seats, monthlyUnitPrice: c.seatMonthlyFee, addedOn: first, termEndsOn: last, description: `追加ライセンス ${input.month} (${seats}席)` });
  if (!line) return null;
  return issue(db, stripe, actor, c, { kind: 'SEAT_ADD_ON', lines: [line], now: input.now ?? new Date(), periodStart: first, periodEnd: last });
}

/**
 * 第14条3項: damages at 14.6 %/year on what is still unpaid, for the days actually late: from the day
 * after the due date (or after the last day an earlier charge covered) to the day the invoice was paid
 * in full, or to today while it is not. Outside consumption tax (第14条2項, docs/domain.md). Refused for
 * an invoice that is not overdue, and for the damages themselves.
 */
export async function issueLateInterestInvoice(db: Tx, stripe: Stripe | null, actor: Actor, input: { tenantId: string; invoiceId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const charge = await lateInterestDue(db, input);
  if (!charge) throw new AppError('RULE_VIOLATION', 'The invoice is not overdue: there are no late days to charge.', { reason: 'NOT_OVERDUE' });
  if (charge.yen === 0) throw new AppError('RULE_VIOLATION', 'The damages for these days round down to 0 yen.', { reason: 'BELOW_ONE_YEN' });
  const c = await contractOf(db, charge.invoice.tenantId, charge.invoice.contractId);
  const line = {
    description: `遅延損害金 ${charge.invoice.number}（${charge.from}〜${charge.through}、${charge.days}日、年14.6%）`,
    quantity: 1, unitPrice: charge.yen, amount: charge.yen, taxRatePercent: LATE_INTEREST_TAX_RATE_PERCENT,
  };
  return issue(db, stripe, actor, c, { kind: 'LATE_INTEREST', lines: [line], now, late: { forId: charge.invoice.id, from: charge.from, through: charge.through } });
}

/** What `issueLateInterestInvoice` would charge today for one invoice, or null when nothing is late. */
export async function lateInterestDue(db: Tx, input: { tenantId: string; invoiceId: string; now?: Date }) {
  const inv = await db.invoice.findFirst({ where: { tenantId: input.tenantId, id: input.invoiceId }, include: { payments: true } });
  if (!inv) throw new AppError('NOT_FOUND', 'No such invoice.');
  if (inv.kind === 'LATE_INTEREST' || inv.status === 'VOID') return null;
  const previous = await db.invoice.findFirst({ where: { tenantId: inv.tenantId, lateInterestForId: inv.id }, orderBy: { lateTo: 'desc' }, select: { lateTo: true } });
  const payments = inv.payments.map((p) => ({ on: toJstDate(p.paidAt), amount: p.amount }));
  const charge = lateInterestOnBalance({
    total: inv.total,
    dueDate: dbDateToIso(inv.dueDate),
    payments,
    from: previous?.lateTo ? addDays(dbDateToIso(previous.lateTo), 1) : undefined,
    through: toJstDate(input.now ?? new Date()),
  });
  return charge ? { ...charge, invoice: inv } : null;
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


/** One invoice with its lines and payments, as the caller's scope shows it (NOT_FOUND otherwise). */
export async function getInvoice(db: Tx, input: { invoiceId: string; tenantId?: string; billTo?: 'CUSTOMER' | 'RESELLER' }) {
  const inv = await db.invoice.findFirst({
    where: { id: input.invoiceId, tenantId: input.tenantId, billTo: input.billTo },
    include: { lines: { orderBy: { id: 'asc' } }, payments: { orderBy: { paidAt: 'asc' } } },
  });
  if (!inv) throw new AppError('NOT_FOUND', 'No such invoice.');
  return inv;
}
