import { withTenant, type Db, type Prisma, type Tx } from '@telework/db';
import type { Mailer } from '../mail/mailer';
import { alertMail, type AlertIncident } from './mail-text';
import { alertRecipients } from './recipients';

/** After this many failed sends an alert stays FAILED (the row keeps the last error). */
export const MAX_ALERT_ATTEMPTS = 5;
/** A claim older than this belongs to a sender that died between claiming and recording the result. */
export const STALE_CLAIM_MS = 10 * 60_000;

/**
 * Queues the immediate alerts of a new incident, in the transaction that records it: one row per
 * recipient who chose IMMEDIATE. The (incident, recipient) key is unique and a re-delivered agent event
 * finds its incident already recorded, so no second row, hence no second mail, can come of it.
 */
export async function queueIncidentAlerts(db: Tx, { tenantId, incidentId, workerId }: { tenantId: string; incidentId: string; workerId: string }): Promise<number> {
  const recipients = (await alertRecipients(db, tenantId, workerId)).filter((r) => r.mode === 'IMMEDIATE');
  if (recipients.length === 0) return 0;
  const created = await db.incidentAlert.createMany({ data: recipients.map((r) => ({ tenantId, incidentId, userId: r.id })), skipDuplicates: true });
  return created.count;
}

/** Rows a sender may take: waiting, failed with attempts left, or claimed by a sender long gone. */
export const claimable = (now: Date) =>
  ({
    OR: [
      { status: { in: ['PENDING', 'FAILED'] }, attempts: { lt: MAX_ALERT_ATTEMPTS } },
      { status: 'SENDING', claimedAt: { lt: new Date(now.getTime() - STALE_CLAIM_MS) }, attempts: { lt: MAX_ALERT_ATTEMPTS } },
    ],
  }) satisfies Prisma.IncidentAlertWhereInput & Prisma.IncidentDigestWhereInput;

export const alertIncidentSelect = {
  id: true, kind: true, occurredAt: true, faceCount: true,
  user: { select: { name: true, loginId: true } }, device: { select: { name: true } },
} as const satisfies Prisma.IncidentSelect;

export function toAlertIncident(i: Prisma.IncidentGetPayload<{ select: typeof alertIncidentSelect }>): AlertIncident {
  return { id: i.id, kind: i.kind, occurredAt: i.occurredAt, faceCount: i.faceCount, worker: i.user, deviceName: i.device.name };
}

/**
 * Sends the tenant's due immediate alerts (all of them, or one incident's). Each row is claimed in its
 * own committed statement before the mail leaves, so two senders (the request that recorded the
 * incident and the minute job) never both send it; the result is recorded after.
 */
export async function sendIncidentAlerts(db: Db, mailer: Mailer, { tenantId, incidentId, now }: { tenantId: string; incidentId?: string; now: Date }) {
  const due = await withTenant(db, tenantId, (tx) =>
    tx.incidentAlert.findMany({ where: { tenantId, ...(incidentId ? { incidentId } : {}), ...claimable(now) }, select: { id: true }, orderBy: { createdAt: 'asc' }, take: 200 }),
  );
  let sent = 0;
  let failed = 0;
  for (const { id } of due) {
    const alert = await withTenant(db, tenantId, async (tx) => {
      const claim = await tx.incidentAlert.updateMany({ where: { tenantId, id, ...claimable(now) }, data: { status: 'SENDING', claimedAt: now } });
      if (claim.count !== 1) return null;
      return tx.incidentAlert.findUniqueOrThrow({
        where: { tenantId_id: { tenantId, id } },
        select: { incident: { select: alertIncidentSelect }, user: { select: { name: true, email: true, language: true, disabledAt: true } } },
      });
    });
    if (!alert) continue;
    const record = (data: Prisma.IncidentAlertUpdateManyMutationInput) =>
      withTenant(db, tenantId, (tx) => tx.incidentAlert.updateMany({ where: { tenantId, id }, data: { attempts: { increment: 1 }, ...data } }));
    if (!alert.user.email || alert.user.disabledAt) {
      // The recipient lost his address or account since the incident: nothing to retry.
      await record({ status: 'FAILED', attempts: MAX_ALERT_ATTEMPTS, lastError: 'RECIPIENT_UNREACHABLE' });
      failed += 1;
      continue;
    }
    try {
      await mailer.send({ to: alert.user.email, ...alertMail(alert.user.language, alert.user.name, toAlertIncident(alert.incident)) });
      await record({ status: 'SENT', sentAt: now, lastError: null });
      sent += 1;
    } catch (e) {
      await record({ status: 'FAILED', lastError: (e instanceof Error ? e.message : String(e)).slice(0, 500) });
      failed += 1;
    }
  }
  return { sent, failed };
}
