import { withScope, withTenant, type Db } from '@telework/db';
import { defineJob } from '../jobs/job-types';
import { recordTenantAudit } from '../audit/audit-log';
import { AUTO_ACCEPT_AFTER_MS, isAutoAcceptDue } from './rules';

/**
 * 仕様書 4: an answer with no reply within one week counts as accepted. A reply sets the inquiry back
 * to OPEN, so every ANSWERED inquiry is one whose last answer is still unanswered.
 */
export async function autoAcceptAnsweredInquiries(db: Db, now: Date): Promise<number> {
  const due = await withScope(db, { operator: true }, (tx) =>
    tx.inquiry.findMany({
      where: { status: 'ANSWERED', lastAnsweredAt: { lte: new Date(now.getTime() - AUTO_ACCEPT_AFTER_MS) } },
      select: { tenantId: true, id: true, lastAnsweredAt: true, number: true },
    }),
  );
  let closed = 0;
  for (const i of due) {
    if (!i.lastAnsweredAt || !isAutoAcceptDue(i.lastAnsweredAt, now, false)) continue;
    await withTenant(db, i.tenantId, async (tx) => {
      // Re-checked inside the tenant transaction: a reply may have arrived since the scan.
      const res = await tx.inquiry.updateMany({ where: { tenantId: i.tenantId, id: i.id, status: 'ANSWERED', lastAnsweredAt: i.lastAnsweredAt }, data: { status: 'AUTO_ACCEPTED', closedAt: now } });
      if (res.count === 1) {
        closed += 1;
        await recordTenantAudit(tx, i.tenantId, { actorKind: 'SYSTEM', actorId: null, action: 'inquiry.auto-accepted', targetType: 'Inquiry', targetId: i.id, details: { number: i.number } });
      }
    });
  }
  return closed;
}

/** Hourly: an answer counts as accepted within the hour its week ends. */
export const autoAcceptInquiriesJob = defineJob({
  name: 'support.auto-accept-inquiries',
  cron: '5 * * * *',
  handler: ({ db, now }) => autoAcceptAnsweredInquiries(db, now()),
});
