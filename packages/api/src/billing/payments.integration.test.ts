import { describe, expect, it } from 'vitest';
import { withScope } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser } from '../testing/callers';
import { recordBankTransfer } from './bank-transfers';
import { issueAnnualInvoice, issueLateInterestInvoice } from './invoices';

// 第14条3項 late-payment damages and bank transfers (消込), with the dates of the issue's case 4.

const { db, adminDb } = useTestDatabase();
const jst = (day: string, time = '10:00') => new Date(`${day}T${time}:00+09:00`);
const iso = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;

async function annualInvoice(fee: number) {
  const t = await createTenantFixture(adminDb);
  const c = await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } });
  await adminDb.contract.update({ where: { tenantId_id: { tenantId: t.tenantId, id: c.id } }, data: { annualFee: fee } });
  const op = await createOperatorFixture(adminDb);
  const inv = await withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, null, { kind: 'OPERATOR', id: op.operatorId }, { tenantId: t.tenantId, contractId: c.id, now: jst('2026-04-01') }));
  return { t, op, inv };
}

const late = (tenantId: string, invoiceId: string, now: Date) => withScope(db, { operator: true }, (tx) => issueLateInterestInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId, invoiceId, now }));
const pay = (op: string, tenantId: string, invoiceId: string, amount: number, receivedOn: string, now = jst('2026-06-20')) =>
  withScope(db, { operator: true }, (tx) => recordBankTransfer(tx, { id: op }, { tenantId, invoiceId, amount, receivedOn, payerName: 'カ）サンプル', now }));

describe('第14条3項: late-payment damages', () => {
  it('1,320,000 yen due 2026-05-31 paid 2026-06-15: 7,920 yen for 15 days, no consumption tax, due after the days it charges', async () => {
    const { t, op, inv } = await annualInvoice(1_200_000);
    expect([inv.total, iso(inv.dueDate)]).toEqual([1_320_000, '2026-05-31']);
    // Not yet due, then not late: nothing to charge (the issue: a fee could be raised on an invoice not overdue).
    await expect(late(t.tenantId, inv.id, jst('2026-05-31', '23:00'))).rejects.toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'NOT_OVERDUE' } });
    await pay(op.operatorId, t.tenantId, inv.id, 1_320_000, '2026-06-15');
    const charge = await late(t.tenantId, inv.id, jst('2026-06-20'));
    expect(charge).toMatchObject({ kind: 'LATE_INTEREST', subtotal: 7_920, tax: 0, total: 7_920, lateInterestForId: inv.id });
    expect([iso(charge.lateFrom), iso(charge.lateTo), iso(charge.issueDate), iso(charge.dueDate)]).toEqual(['2026-06-01', '2026-06-15', '2026-06-20', '2026-07-31']);
    const lines = await adminDb.invoiceLine.findMany({ where: { invoiceId: charge.id } });
    expect(lines.map((l) => [l.amount, l.taxRatePct])).toEqual([[7_920, 0]]);
    // Paid in full: no day after the payment is late, so a second charge finds nothing.
    await expect(late(t.tenantId, inv.id, jst('2026-07-20'))).rejects.toMatchObject({ details: { reason: 'NOT_OVERDUE' } });
  });

  it('paid on time: no damages, ever', async () => {
    const { t, op, inv } = await annualInvoice(100_000);
    await pay(op.operatorId, t.tenantId, inv.id, inv.total, '2026-05-31');
    await expect(late(t.tenantId, inv.id, jst('2026-09-01'))).rejects.toMatchObject({ details: { reason: 'NOT_OVERDUE' } });
  });
});

describe('消込: bank transfers recorded by operators', () => {
  it('part payments leave the rest owed (PARTIALLY_PAID) and lower the base of the damages; the last one settles it; more than is owed, future dates and a paid invoice are refused', async () => {
    const { t, op, inv } = await annualInvoice(1_000_000);
    const first = await pay(op.operatorId, t.tenantId, inv.id, 500_000, '2026-06-10');
    expect([first.invoice.status, first.balance]).toEqual(['PARTIALLY_PAID', 600_000]);
    await expect(pay(op.operatorId, t.tenantId, inv.id, 600_001, '2026-06-20')).rejects.toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'OVERPAYMENT' } });
    await expect(pay(op.operatorId, t.tenantId, inv.id, 1, '2026-06-21', jst('2026-06-20'))).rejects.toMatchObject({ code: 'VALIDATION', details: { reason: 'FUTURE_DATE' } });
    await expect(pay(op.operatorId, t.tenantId, inv.id, 1, '2026-03-31')).rejects.toMatchObject({ code: 'VALIDATION', details: { reason: 'BEFORE_ISSUE' } });
    const last = await pay(op.operatorId, t.tenantId, inv.id, 600_000, '2026-06-20');
    expect([last.invoice.status, last.balance, last.invoice.paidAt?.toISOString()]).toEqual(['PAID', 0, jst('2026-06-20', '00:00').toISOString()]);
    await expect(pay(op.operatorId, t.tenantId, inv.id, 1, '2026-06-20')).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'NOTHING_OWED' } });
    // 10 days on 1,100,000 and 10 days on 600,000: (11,000,000 + 6,000,000) × 0.04 % = 6,800 yen.
    expect((await late(t.tenantId, inv.id, jst('2026-07-01'))).subtotal).toBe(6_800);
    const audit = await adminDb.providerAuditLog.findMany({ where: { targetId: inv.id, action: 'invoice.payment' }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.actorId, (a.details as { amount: number }).amount])).toEqual([[op.operatorId, 500_000], [op.operatorId, 600_000]]);
  });

  it('the screens: operators record through the portal; the customer sees the payments and the balance, and cannot record one', async () => {
    const { t, op, inv } = await annualInvoice(200_000);
    const operator = await signedInProvider(db, 'operator', op.email);
    const recorded = await operator.reseller((c) => c.operator.billing.recordPayment({ tenantId: t.tenantId, invoiceId: inv.id, amount: 20_000, receivedOn: '2026-04-10', note: '一部入金' }));
    expect(recorded.invoice.status).toBe('PARTIALLY_PAID');
    const admin = await signedInUser(db, t, 'admin');
    const mine = (await admin.console((c) => c.billing.invoices())).find((i) => i.id === inv.id);
    expect(mine?.payments.map((p) => [p.amount, p.method])).toEqual([[20_000, 'bank_transfer']]);
    const methods = await admin.console((c) => c.billing.paymentMethods());
    expect(methods).toMatchObject({ stripe: false, bankTransfer: { name: 'みらい銀行', accountNumber: '1234567' } });
  });
});

describe('消込 under concurrency: two operators record transfers for the same invoice at the same moment', () => {
  it('the second one sees the balance the first one left: 600,000 + 600,000 on 1,100,000 owed → one recorded, one refused, never overpaid', async () => {
    const { t, op, inv } = await annualInvoice(1_000_000);
    // A third transaction holds the invoice's row lock until both transfers are inside their transactions and
    // waiting on it, so both start from the same committed balance whatever the scheduler does. Without the
    // lock in recordBankTransfer both read 1,100,000, both insert, and the invoice ends 100,000 overpaid.
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    const holder = adminDb.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM invoices WHERE id = ${inv.id}::uuid FOR UPDATE`;
      await held;
    });
    const both = Promise.allSettled([
      pay(op.operatorId, t.tenantId, inv.id, 600_000, '2026-06-10'),
      pay(op.operatorId, t.tenantId, inv.id, 600_000, '2026-06-11'),
    ]);
    const waiting = async () => (await adminDb.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]?.n ?? 0n;
    // Both usually wait within milliseconds; on a loaded machine a transfer may still be opening its
    // transaction, so give it time rather than fail (with the lock the outcome below holds either way;
    // without it, two waiting transfers are what makes the overpayment show).
    for (let i = 0; i < 400 && (await waiting()) < 2n; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await waiting()).toBeGreaterThanOrEqual(1n);
    release();
    await holder;
    const outcomes = await both;
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.status === 'rejected' ? refused.reason : null).toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'OVERPAYMENT', balance: 500_000 } });
    const payments = await adminDb.payment.findMany({ where: { invoiceId: inv.id } });
    expect(payments.map((p) => p.amount)).toEqual([600_000]);
    const after = await adminDb.invoice.findFirstOrThrow({ where: { id: inv.id } });
    expect(after.status).toBe('PARTIALLY_PAID');
  });
});
