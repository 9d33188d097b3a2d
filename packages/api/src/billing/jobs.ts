import { listTenantIds, withScope } from '@telework/db';
import { addMonthsClamped } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { defineJob } from '../jobs/job-types';
import { issueMonthlyAddOnInvoice } from './invoices';
import { stripeFromEnv } from './stripe-client';

/**
 * 第14条1項: on the 1st (JST) invoice last month's add-on seats for every active contract.
 * Idempotent: a month already invoiced returns the existing invoice.
 */
export async function invoiceAddOnsForPreviousMonth(db: Parameters<typeof withScope>[0], now: Date, stripe = stripeFromEnv()): Promise<number> {
  const month = addMonthsClamped(toJstDate(now), -1).slice(0, 7);
  let issued = 0;
  for (const tenantId of await listTenantIds(db)) {
    await withScope(db, { operator: true }, async (tx) => {
      const contracts = await tx.contract.findMany({ where: { tenantId, status: { in: ['ACTIVE', 'TERMINATION_SCHEDULED'] }, licences: { some: { isAddOn: true } } }, select: { id: true } });
      for (const c of contracts) {
        const inv = await issueMonthlyAddOnInvoice(tx, stripe, { kind: 'SYSTEM', id: null }, { tenantId, contractId: c.id, month, now });
        if (inv) issued += 1;
      }
    });
  }
  return issued;
}

export const monthlyAddOnInvoicesJob = defineJob({ name: 'billing.monthly-add-ons', cron: '0 6 1 * *', handler: ({ db, now }) => invoiceAddOnsForPreviousMonth(db, now()) });
