import { listTenantIds, withTenant, type Db, type Tx } from '@telework/db';
import { jstDayRange, toJstDate } from '../calendar/jst';
import { addDays } from '../calendar/dates';
import type { Mailer } from '../mail/mailer';
import { isoToDbDate } from '../schedules/resolve-schedules';
import { alertIncidentSelect, claimable, toAlertIncident } from './alerts';

/** How far back a failed digest is retried. */
const RETRY_DAYS = 3;
import { digestMail, type AlertIncident } from './mail-text';
import { alertRecipients, type AlertRecipient } from './recipients';

/** What each DAILY_DIGEST recipient of the tenant would get for one JST day. */
async function digestPlan(tx: Tx, tenantId: string, day: string) {
  const { start, end } = jstDayRange(day);
  const incidents = await tx.incident.findMany({ where: { tenantId, occurredAt: { gte: start, lt: end } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }], select: { ...alertIncidentSelect, userId: true } });
  const recipientsOf = new Map<string, AlertRecipient[]>();
  const perRecipient = new Map<string, { recipient: AlertRecipient; incidents: AlertIncident[] }>();
  for (const i of incidents) {
    if (!recipientsOf.has(i.userId)) recipientsOf.set(i.userId, await alertRecipients(tx, tenantId, i.userId));
    for (const r of recipientsOf.get(i.userId) ?? []) {
      if (r.mode !== 'DAILY_DIGEST') continue;
      const entry = perRecipient.get(r.id) ?? { recipient: r, incidents: [] };
      entry.incidents.push(toAlertIncident(i));
      perRecipient.set(r.id, entry);
    }
  }
  return [...perRecipient.values()];
}

/**
 * Sends one tenant's digests of one JST day. An IncidentDigest row per (recipient, day) is created
 * before sending (unless `retryOnly`) and claimed like an alert, so a second run for the same day, or
 * two workers at once, cannot send a digest twice; a failed one stays claimable for the retries.
 */
async function sendDigestsOfDay(db: Db, mailer: Mailer, { tenantId, day, now, retryOnly }: { tenantId: string; day: string; now: Date; retryOnly: boolean }) {
  const plan = await withTenant(db, tenantId, async (tx) => {
    const list = await digestPlan(tx, tenantId, day);
    if (!retryOnly && list.length > 0) {
      await tx.incidentDigest.createMany({ data: list.map((p) => ({ tenantId, userId: p.recipient.id, day: isoToDbDate(day), incidentCount: p.incidents.length })), skipDuplicates: true });
    }
    return list;
  });
  let sent = 0;
  let failed = 0;
  for (const { recipient, incidents } of plan) {
    const key = { tenantId, userId: recipient.id, day: isoToDbDate(day) };
    const claimed = await withTenant(db, tenantId, async (tx) => (await tx.incidentDigest.updateMany({ where: { ...key, ...claimable(now) }, data: { status: 'SENDING', claimedAt: now } })).count === 1);
    if (!claimed) continue;
    const record = (data: { status: 'SENT' | 'FAILED'; sentAt?: Date; lastError: string | null }) =>
      withTenant(db, tenantId, (tx) => tx.incidentDigest.updateMany({ where: key, data: { attempts: { increment: 1 }, ...data } }));
    try {
      await mailer.send({ to: recipient.email, ...digestMail(recipient.language, recipient.name, day, incidents) });
      await record({ status: 'SENT', sentAt: now, lastError: null });
      sent += 1;
    } catch (e) {
      await record({ status: 'FAILED', lastError: (e instanceof Error ? e.message : String(e)).slice(0, 500) });
      failed += 1;
    }
  }
  return { sent, failed };
}

/** The daily run for one tenant: the incidents of the JST day before `now`. */
export async function sendIncidentDigests(db: Db, mailer: Mailer, { tenantId, now }: { tenantId: string; now: Date }) {
  const day = addDays(toJstDate(now), -1);
  return { day, ...(await sendDigestsOfDay(db, mailer, { tenantId, day, now, retryOnly: false })) };
}

/** Digests of the last few days that failed (or whose sender died): sent again, to the same recipients only. */
export async function retryIncidentDigests(db: Db, mailer: Mailer, { tenantId, now }: { tenantId: string; now: Date }) {
  const since = isoToDbDate(addDays(toJstDate(now), -RETRY_DAYS));
  const rows = await withTenant(db, tenantId, (tx) => tx.incidentDigest.findMany({ where: { tenantId, day: { gte: since }, ...claimable(now) }, select: { day: true }, distinct: ['day'] }));
  const total = { sent: 0, failed: 0 };
  for (const r of rows) {
    const res = await sendDigestsOfDay(db, mailer, { tenantId, day: r.day.toISOString().slice(0, 10), now, retryOnly: true });
    total.sent += res.sent;
    total.failed += res.failed;
  }
  return total;
}

export async function sendIncidentDigestsEverywhere(db: Db, mailer: Mailer, now: Date) {
  const total = { sent: 0, failed: 0 };
  for (const tenantId of await listTenantIds(db)) {
    const r = await sendIncidentDigests(db, mailer, { tenantId, now });
    total.sent += r.sent;
    total.failed += r.failed;
  }
  return total;
}
