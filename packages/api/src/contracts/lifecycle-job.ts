import { withScope, type Contract, type Db, type Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { billingEnv } from '../billing/env';
import { addDays } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { defineJob } from '../jobs/job-types';
import type { Mailer } from '../mail/mailer';
import { endReasonFor, LIVE_CONTRACT_STATUSES, restingState } from './lifecycle';
import { contractParties, mailContractParties } from './lifecycle-mail';
import { dbDateToIso, isoToDbDate } from './provider-actor';
import { personalDataErasureDate, personalDataErasureInstant } from './rules';
import { moveContract, shutTenant } from './transitions';

// The date-driven moves of the lifecycle (docs/contract-lifecycle.md), run every night: contracts whose
// last day has passed end, contracts whose service start date has come start, and contracts whose term
// ends within RENEWAL_NOTICE_DAYS are offered a renewal. Each move is decided from the contract's state
// and dates, so a second run (or a run after missed nights) finds nothing left to do twice.

type Mail = { tenantId: string; mail: string; subject: string; lines: string[]; english: string };

const operatorScope = { operator: true } as const;
const facts = (c: Contract) => ({ endDate: c.endDate ? dbDateToIso(c.endDate) : null, serviceStartDate: dbDateToIso(c.serviceStartDate), renewalNoticeSentAt: c.renewalNoticeSentAt });

/** Ends one contract whose last day (end date, else term end) is before `today`. */
async function endContract(tx: Tx, c: Contract, today: string, now: Date): Promise<Mail | null> {
  const successor = await tx.contract.findFirst({ where: { tenantId: c.tenantId, renewalOfId: c.id, status: { in: [...LIVE_CONTRACT_STATUSES] } }, select: { id: true } });
  const resting = c.status === 'SUSPENDED' ? restingState(facts(c), successor !== null, today) : c.status;
  const reason = endReasonFor(resting, c.endReason);
  const lastDay = c.endDate ? dbDateToIso(c.endDate) : dbDateToIso(c.termEndDate);
  await moveContract(tx, c, 'ENDED', 'runContractLifecycle', { endedAt: now, endReason: reason, endDate: isoToDbDate(lastDay) });
  await recordProviderAudit(tx, { actorKind: 'SYSTEM', actorId: null, tenantId: c.tenantId, resellerId: c.resellerId, action: 'contract.end', targetType: 'Contract', targetId: c.id, details: { endDate: lastDay, reason } });
  const stillHeld = await tx.contract.count({ where: { tenantId: c.tenantId, status: { in: [...LIVE_CONTRACT_STATUSES] } } });
  if (stillHeld > 0) return null;
  // The customer holds no contract any more: the service stops and the personal data is due for erasure (第26条3項).
  const purgeOn = personalDataErasureDate(lastDay);
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: c.tenantId }, select: { status: true } });
  await tx.tenant.update({ where: { id: c.tenantId }, data: { status: tenant.status === 'DEREGISTERED' ? 'DEREGISTERED' : 'TERMINATED', personalDataPurgeAt: personalDataErasureInstant(lastDay) } });
  await shutTenant(tx, c.tenantId, now, false);
  return {
    tenantId: c.tenantId,
    mail: 'ended',
    subject: 'ご契約が終了しました / Your contract has ended',
    lines: [
      reason === 'TERM_END' ? `契約期間（〜${lastDay}）が満了し、ご契約は終了しました（第10条）。更新のお申込みはありませんでした。` : `ご契約は ${lastDay} をもって終了しました。`,
      `個人データ（利用者の氏名・部署名・e-mail アドレス・ログインID、顔画像、証跡画像）は ${purgeOn} 以降に消去します（第26条3項）。`,
    ],
    english: `The contract ended on ${lastDay}. Personal data is erased from ${purgeOn} on.`,
  };
}

/** Starts one contract whose service start date has come (第9条4項). */
async function startContract(tx: Tx, c: Contract): Promise<Mail> {
  await moveContract(tx, c, 'ACTIVE', 'runContractLifecycle');
  await tx.tenant.updateMany({ where: { id: c.tenantId, status: 'PENDING_START' }, data: { status: 'ACTIVE' } });
  await recordProviderAudit(tx, { actorKind: 'SYSTEM', actorId: null, tenantId: c.tenantId, resellerId: c.resellerId, action: 'contract.start', targetType: 'Contract', targetId: c.id, details: { serviceStartDate: dbDateToIso(c.serviceStartDate) } });
  const term = `${dbDateToIso(c.startDate)} 〜 ${dbDateToIso(c.termEndDate)}`;
  return {
    tenantId: c.tenantId,
    mail: 'service-start',
    subject: c.renewalOfId ? '更新後の契約期間が始まりました / Your renewed term starts' : 'ご利用開始日になりました / Your service starts today',
    lines: [c.renewalOfId ? `更新後の契約期間（${term}）が始まりました（第10条）。` : `本日からご利用いただけます（第9条4項）。契約期間: ${term}`],
    english: c.renewalOfId ? `Your renewed term (${term}) starts today.` : `Your service starts today. Term: ${term}.`,
  };
}

/** Tells the administrators and the reseller that the term ends soon and how to renew (第10条: no automatic renewal). */
async function offerRenewal(tx: Tx, c: Contract, now: Date): Promise<Mail> {
  await moveContract(tx, c, 'RENEWAL_OFFERED', 'runContractLifecycle', { renewalNoticeSentAt: now });
  const termEnd = dbDateToIso(c.termEndDate);
  await recordProviderAudit(tx, { actorKind: 'SYSTEM', actorId: null, tenantId: c.tenantId, resellerId: c.resellerId, action: 'contract.renewalOffered', targetType: 'Contract', targetId: c.id, details: { termEndDate: termEnd } });
  return {
    tenantId: c.tenantId,
    mail: 'renewal-offer',
    subject: '契約期間満了と更新のご案内 / Your term ends soon',
    lines: [
      `ご契約の契約期間は ${termEnd} に満了します（第10条）。自動更新はありません。`,
      c.channel === 'RESELLER'
        ? '更新をご希望の場合は、販売店にお申し付けください。'
        : '更新をご希望の場合は、勤務管理コンソールの「ご契約」画面から更新をお申し込みください。',
      `お申込みがない場合、ご契約は ${termEnd} をもって終了し、個人データは ${personalDataErasureDate(termEnd)} 以降に消去します（第26条3項）。`,
    ],
    english: `Your term ends on ${termEnd} and is not renewed automatically. Ask for a renewal before then, or the contract ends.`,
  };
}

/** One move in its own transaction (operator scope); the mail leaves after it is committed. */
async function step(db: Db, mailer: Mailer, run: (tx: Tx) => Promise<Mail | null>): Promise<void> {
  const mail = await withScope(db, operatorScope, run);
  if (mail) await withScope(db, operatorScope, async (tx) => mailContractParties(tx, mailer, { ...mail, parties: await contractParties(tx, mail.tenantId) }));
}

export async function runContractLifecycle(db: Db, mailer: Mailer, now: Date): Promise<{ ended: number; started: number; renewalOffered: number }> {
  const today = toJstDate(now);
  const todayDb = isoToDbDate(today);
  const counts = { ended: 0, started: 0, renewalOffered: 0 };
  const due = await withScope(db, operatorScope, (tx) =>
    tx.contract.findMany({
      where: { status: { in: [...LIVE_CONTRACT_STATUSES] }, OR: [{ endDate: { lt: todayDb } }, { endDate: null, termEndDate: { lt: todayDb } }] },
      orderBy: [{ termEndDate: 'asc' }, { id: 'asc' }],
    }),
  );
  for (const c of due) {
    await step(db, mailer, (tx) => endContract(tx, c, today, now));
    counts.ended += 1;
  }

  const starting = await withScope(db, operatorScope, (tx) =>
    tx.contract.findMany({ where: { status: 'PENDING_START', serviceStartDate: { lte: todayDb } }, orderBy: [{ serviceStartDate: 'asc' }, { id: 'asc' }] }),
  );
  for (const c of starting) {
    await step(db, mailer, (tx) => startContract(tx, c));
    counts.started += 1;
  }

  const noticeUntil = isoToDbDate(addDays(today, billingEnv.RENEWAL_NOTICE_DAYS));
  const ending = await withScope(db, operatorScope, (tx) =>
    tx.contract.findMany({ where: { status: 'ACTIVE', renewalNoticeSentAt: null, termEndDate: { lte: noticeUntil } }, orderBy: [{ termEndDate: 'asc' }, { id: 'asc' }] }),
  );
  for (const c of ending) {
    await step(db, mailer, (tx) => offerRenewal(tx, c, now));
    counts.renewalOffered += 1;
  }
  return counts;
}

/** Nightly at 00:05 JST, before the billing job (06:00) closes the periods of what ended. */
export const contractLifecycleJob = defineJob({ name: 'contracts.lifecycle', cron: '5 0 * * *', handler: ({ db, mailer, now }) => runContractLifecycle(db, mailer, now()) });

