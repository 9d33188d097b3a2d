import { withScope, type Db } from '@telework/db';
import type Stripe from 'stripe';
import { addDays, lastDayOfMonth } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { dbDateToIso, isoToDbDate } from '../contracts/provider-actor';
import { defineJob } from '../jobs/job-types';
import { addOnSeatsIn, ensureAnnualInvoice, issueMonthlyAddOnInvoice, lastDayOf } from './invoices';
import { stripeFromEnv } from './stripe-client';

// A contract's billing periods (第14条1項): its term, billed once from formation on, and each calendar
// month in which added seats could be used, billed once the month is over. The job looks at every
// contract whose last day is at most CATCH_UP_DAYS ago, whatever its state now (a contract that ended
// yesterday still gets its last month), and issues what is missing; what exists is never issued again
// (the unique period keys make a concurrent second issue fail rather than duplicate).

const CATCH_UP_DAYS = 400;
const SYSTEM = { kind: 'SYSTEM', id: null } as const;

/** The months (YYYY-MM) from the month of `from` to the month of `to`, in order. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addDays(lastDayOfMonth(`${m}-01`), 1).slice(0, 7)) out.push(m);
  return out;
}

export async function closeBillingPeriods(db: Db, now: Date, stripe: Stripe | null = stripeFromEnv()): Promise<{ annual: number; addOn: number }> {
  const today = toJstDate(now);
  const cutoff = isoToDbDate(addDays(today, -CATCH_UP_DAYS));
  const contracts = await withScope(db, { operator: true }, (tx) =>
    tx.contract.findMany({
      where: { OR: [{ endDate: { gte: cutoff } }, { endDate: null, termEndDate: { gte: cutoff } }] },
      select: {
        tenantId: true, id: true, startDate: true, endDate: true, termEndDate: true,
        licences: { select: { isAddOn: true, seats: true, termStart: true, termEnd: true } },
        invoices: { where: { kind: { in: ['ANNUAL_LICENCE', 'SEAT_ADD_ON'] } }, select: { kind: true, periodStart: true } },
      },
      orderBy: [{ tenantId: 'asc' }, { startDate: 'asc' }],
    }),
  );
  const issued = { annual: 0, addOn: 0 };
  for (const c of contracts) {
    const billed = new Set(c.invoices.map((i) => `${i.kind}:${i.periodStart ? dbDateToIso(i.periodStart) : ''}`));
    if (!billed.has(`ANNUAL_LICENCE:${dbDateToIso(c.startDate)}`)) {
      await withScope(db, { operator: true }, (tx) => ensureAnnualInvoice(tx, stripe, SYSTEM, { tenantId: c.tenantId, contractId: c.id, now }));
      issued.annual += 1;
    }
    const addOns = c.licences.filter((l) => l.isAddOn);
    if (addOns.length === 0) continue;
    const firstStart = addOns.map((l) => dbDateToIso(l.termStart)).sort()[0] ?? today;
    for (const month of monthsBetween(firstStart, lastDayOf(c))) {
      const first = `${month}-01`;
      const last = lastDayOfMonth(first);
      if (last >= today || billed.has(`SEAT_ADD_ON:${first}`) || addOnSeatsIn(c, first, last) === 0) continue;
      await withScope(db, { operator: true }, (tx) => issueMonthlyAddOnInvoice(tx, stripe, SYSTEM, { tenantId: c.tenantId, contractId: c.id, month, now }));
      issued.addOn += 1;
    }
  }
  return issued;
}

/** Every morning at 06:00 JST, after the lifecycle job (00:05) has ended and started what was due. */
export const closeBillingPeriodsJob = defineJob({ name: 'billing.close-periods', cron: '0 6 * * *', handler: ({ db, now }) => closeBillingPeriods(db, now()) });
