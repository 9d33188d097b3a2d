import type { Tx } from '@telework/db';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import { compareIsoDates } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { AppError } from '../errors/app-error';
import type { Mailer } from '../mail/mailer';
import { IN_SERVICE_STATUSES, LIVE_CONTRACT_STATUSES, restingState } from './lifecycle';
import { contractParties, mailContractParties } from './lifecycle-mail';
import { checkTerminationNotice, personalDataErasureDate, personalDataErasureInstant, planProviderTermination, type ProviderTerminationCause } from './rules';
import { dbDateToIso, isoToDbDate } from './provider-actor';
import { moveContract, shutTenant } from './transitions';

/** Who files a customer's termination: its reseller's staff, or the tenant's own administrator (direct contracts). */
export type TerminationRequester =
  | { kind: 'RESELLER_STAFF'; id: string; resellerId: string }
  | { kind: 'USER'; id: string };

async function contractOf(db: Tx, tenantId: string, contractId: string) {
  const c = await db.contract.findFirst({ where: { tenantId, id: contractId } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (c.status === 'ENDED' || c.status === 'TERMINATION_SCHEDULED') throw new AppError('CONFLICT', 'The contract is already ending.', { reason: 'ALREADY_ENDING' });
  // A renewed contract runs to its term end anyway; what can still be ended is the renewal that follows it.
  if (c.status === 'RENEWED') throw new AppError('CONFLICT', 'This contract is renewed; terminate the renewal instead.', { reason: 'TERMINATE_THE_RENEWAL' });
  return c;
}

/** A contract that is not renewed ends at its term end anyway (第10条); a later end date cannot be asked for. */
function assertEndsWithinTerm(c: { termEndDate: Date; status: string }, endIso: string) {
  const termEnd = dbDateToIso(c.termEndDate);
  if (compareIsoDates(endIso, termEnd) > 0) {
    throw new AppError('RULE_VIOLATION', `The contract ends at its term end (${termEnd}) before that date.`, { reason: 'ENDS_AT_TERM_END', termEndDate: termEnd });
  }
}

async function tellTermination(db: Tx, mailer: Mailer, tenantId: string, endIso: string, clause: string) {
  const purge = personalDataErasureDate(endIso);
  await mailContractParties(db, mailer, {
    tenantId,
    parties: await contractParties(db, tenantId),
    mail: 'termination-received',
    subject: '解約のお申込みを受け付けました / Termination received',
    lines: [
      `ご契約の解約を受け付けました（${clause}）。`,
      `契約終了日: ${endIso}（この日までご利用いただけます）`,
      `個人データは ${purge} 以降に消去します（第26条3項）。`,
      'お支払い済みの料金は返金されません（第14条4項）。',
    ],
    english: `The termination is received (${clause}). The contract ends on ${endIso}; personal data is erased from ${purge} on.`,
  });
}

/**
 * 第12条1項: the request must arrive ≥ 30 days before the desired end; the contract then ends on the
 * last day of the month after the month of receipt, whatever date was asked for. The administrators and
 * the reseller are told at once.
 */
export async function requestCustomerTermination(
  db: Tx,
  mailer: Mailer,
  who: TerminationRequester,
  input: { tenantId: string; contractId: string; desiredEndDate: string; note?: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const c = await contractOf(db, input.tenantId, input.contractId);
  if (who.kind === 'USER' && c.channel !== 'DIRECT') {
    throw new AppError('RULE_VIOLATION', 'A contract sold by a reseller is terminated through that reseller.', { reason: 'THROUGH_RESELLER' });
  }
  const check = checkTerminationNotice(now, input.desiredEndDate);
  if (!check.ok) {
    throw new AppError('RULE_VIOLATION', `Termination needs at least 30 days' notice (第12条1項); the earliest desired end is ${check.earliestDesiredEnd}.`, {
      reason: 'NOTICE_TOO_SHORT', earliestDesiredEnd: check.earliestDesiredEnd,
    });
  }
  assertEndsWithinTerm(c, check.effectiveEnd);
  await moveContract(db, c, 'TERMINATION_SCHEDULED', 'requestCustomerTermination', { endDate: isoToDbDate(check.effectiveEnd), endReason: 'CUSTOMER_TERMINATION' });
  const req = await db.terminationRequest.create({
    data: {
      tenantId: c.tenantId, contractId: c.id, resellerId: c.resellerId, initiator: 'CUSTOMER', cause: 'CUSTOMER_REQUEST', receivedAt: now,
      desiredEndDate: isoToDbDate(input.desiredEndDate), endDate: isoToDbDate(check.effectiveEnd), status: 'ACCEPTED', note: input.note ?? null,
      requestedByKind: who.kind, requestedById: who.id,
    },
  });
  const audit = { actorKind: who.kind, actorId: who.id, action: 'contract.terminationRequest', targetType: 'Contract', targetId: c.id, details: { endDate: check.effectiveEnd, desiredEndDate: input.desiredEndDate } } as const;
  if (who.kind === 'USER') await recordTenantAudit(db, c.tenantId, audit);
  await recordProviderAudit(db, { ...audit, tenantId: c.tenantId, resellerId: c.resellerId });
  await tellTermination(db, mailer, c.tenantId, check.effectiveEnd, '第12条1項');
  return { ...req, endDate: check.effectiveEnd, endsBeforeDesired: check.endsBeforeDesired };
}

const CAUSE_MAP = {
  prohibited_act: 'PROHIBITED_ACT',
  insolvency: 'INSOLVENCY',
  uncured_breach: 'UNCURED_BREACH',
  anti_social_forces: 'ANTI_SOCIAL_FORCES',
  licensor_contract_ended: 'SERVICE_END',
  with_notice: 'PROVIDER_NOTICE',
} as const;

/**
 * Provider termination: immediate for 第12条2項 causes (and 第28条2項, 第21条), else on an end date
 * ≥ 30 days after notice (第12条3項). An immediate end ends every contract the customer holds, a
 * renewal not yet started included; anti-social forces also de-register IDs, administrators and workers.
 */
export async function terminateByProvider(
  db: Tx,
  mailer: Mailer,
  operator: { id: string },
  input: { tenantId: string; contractId: string; cause: ProviderTerminationCause; endDate?: string; note?: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const plan = planProviderTermination(input.cause, now, input.endDate);
  const c = await db.contract.findFirst({ where: { tenantId: input.tenantId, id: input.contractId } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (c.status === 'ENDED') throw new AppError('CONFLICT', 'The contract has ended.', { reason: 'ALREADY_ENDING' });
  // A contract already ending may still be ended at once for cause (e.g. 第28条2項 found during the notice period).
  if (!(plan.ok && plan.immediate) && c.status === 'TERMINATION_SCHEDULED') throw new AppError('CONFLICT', 'The contract is already ending.', { reason: 'ALREADY_ENDING' });
  if (!plan.ok) throw new AppError('RULE_VIOLATION', `The termination is not allowed yet (${plan.clause}).`, { reason: plan.reason, clause: plan.clause });
  const endIso = plan.immediate ? toJstDate(now) : plan.endDate;
  const parties = await contractParties(db, c.tenantId);
  if (plan.immediate) {
    const deregister = input.cause.kind === 'anti_social_forces';
    const live = await db.contract.findMany({ where: { tenantId: c.tenantId, status: { in: [...LIVE_CONTRACT_STATUSES] } } });
    for (const each of live) {
      await moveContract(db, each, 'ENDED', 'terminateByProvider', { endDate: isoToDbDate(endIso), endedAt: now, endReason: 'PROVIDER_TERMINATION' });
    }
    await db.tenant.update({
      where: { id: c.tenantId },
      data: { status: deregister ? 'DEREGISTERED' : 'TERMINATED', personalDataPurgeAt: personalDataErasureInstant(endIso) },
    });
    await shutTenant(db, c.tenantId, now, deregister);
  } else {
    assertEndsWithinTerm(c, endIso);
    await moveContract(db, c, 'TERMINATION_SCHEDULED', 'terminateByProvider', { endDate: isoToDbDate(endIso), endReason: 'PROVIDER_TERMINATION' });
  }
  const req = await db.terminationRequest.create({
    data: {
      tenantId: c.tenantId, contractId: c.id, resellerId: c.resellerId, initiator: 'PROVIDER', cause: CAUSE_MAP[input.cause.kind], receivedAt: now,
      endDate: isoToDbDate(endIso), status: 'ACCEPTED', note: input.note ?? null, requestedByKind: 'OPERATOR', requestedById: operator.id,
    },
  });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: c.tenantId, resellerId: c.resellerId, action: 'contract.terminateByProvider', targetType: 'Contract', targetId: c.id,
    details: { cause: input.cause.kind, clause: plan.clause, endDate: endIso, immediate: plan.immediate },
  });
  // Administrators de-registered under 第28条2項 are still told, at the addresses they had.
  await mailContractParties(db, mailer, {
    tenantId: c.tenantId,
    parties,
    mail: plan.immediate ? 'ended' : 'termination-received',
    subject: plan.immediate ? 'ご契約の解約について / Your contract is terminated' : 'ご契約の解約予告 / Notice of termination',
    lines: [
      plan.immediate ? `当社は${plan.clause}に基づき、本日ご契約を解約しました。` : `当社は${plan.clause}に基づき、ご契約を解約します。`,
      `契約終了日: ${endIso}`,
      `個人データは ${personalDataErasureDate(endIso)} 以降に消去します（第26条3項）。`,
    ],
    english: `The provider terminates the contract under ${plan.clause}; it ends on ${endIso}.`,
  });
  return { ...req, endDate: endIso, immediate: plan.immediate };
}

/** 第19条: suspension blocks use at once (sign-in and every tenant procedure answer CONTRACT_INACTIVE). */
export async function suspendTenant(db: Tx, mailer: Mailer, operator: { id: string }, input: { tenantId: string; reason: string; now?: Date }) {
  const now = input.now ?? new Date();
  const t = await db.tenant.findUnique({ where: { id: input.tenantId } });
  if (!t) throw new AppError('NOT_FOUND', 'No such tenant.');
  if (t.status !== 'ACTIVE' && t.status !== 'PENDING_START') throw new AppError('CONFLICT', 'Only an active tenant can be suspended.', { reason: 'NOT_ALLOWED_IN_STATE' });
  const live = await db.contract.findMany({ where: { tenantId: t.id, status: { in: ['PENDING_START', ...IN_SERVICE_STATUSES] } } });
  for (const c of live) await moveContract(db, c, 'SUSPENDED', 'suspendTenant', { suspendedAt: now });
  await db.tenant.update({ where: { id: t.id }, data: { status: 'SUSPENDED' } });
  await shutTenant(db, t.id, now, false);
  await recordProviderAudit(db, { actorKind: 'OPERATOR', actorId: operator.id, tenantId: t.id, action: 'tenant.suspend', targetType: 'Tenant', targetId: t.id, details: { reason: input.reason, clause: '第19条' } });
  await mailContractParties(db, mailer, {
    tenantId: t.id,
    parties: await contractParties(db, t.id),
    mail: 'suspended',
    subject: 'サービスの提供を停止しました / Service suspended',
    lines: ['第19条に基づき、本サービスの提供を停止しました。停止中はサインインできません。', `理由: ${input.reason}`, '再開については販売店または当社サポートにお問い合わせください。'],
    english: `The service is suspended under clause 19 (reason: ${input.reason}). Nobody can sign in until it is resumed.`,
  });
  return { tenantId: t.id, status: 'SUSPENDED' as const };
}

/** Ends a suspension: each contract returns to where it stood (restingState), and the tenant to use. */
export async function resumeTenant(db: Tx, mailer: Mailer, operator: { id: string }, input: { tenantId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const today = toJstDate(now);
  const t = await db.tenant.findUnique({ where: { id: input.tenantId } });
  if (!t) throw new AppError('NOT_FOUND', 'No such tenant.');
  if (t.status !== 'SUSPENDED') throw new AppError('CONFLICT', 'The tenant is not suspended.', { reason: 'NOT_ALLOWED_IN_STATE' });
  const suspended = await db.contract.findMany({ where: { tenantId: t.id, status: 'SUSPENDED' } });
  const successors = new Set((await db.contract.findMany({ where: { tenantId: t.id, renewalOfId: { not: null } }, select: { renewalOfId: true } })).map((s) => s.renewalOfId));
  for (const c of suspended) {
    const to = restingState(
      { endDate: c.endDate ? dbDateToIso(c.endDate) : null, serviceStartDate: dbDateToIso(c.serviceStartDate), renewalNoticeSentAt: c.renewalNoticeSentAt },
      successors.has(c.id),
      today,
    );
    await moveContract(db, c, to, 'resumeTenant', { suspendedAt: null });
  }
  const inService = await db.contract.count({ where: { tenantId: t.id, status: { in: [...IN_SERVICE_STATUSES] } } });
  const waiting = await db.contract.count({ where: { tenantId: t.id, status: 'PENDING_START' } });
  const status = inService === 0 && waiting > 0 ? 'PENDING_START' : 'ACTIVE';
  await db.tenant.update({ where: { id: t.id }, data: { status } });
  await recordProviderAudit(db, { actorKind: 'OPERATOR', actorId: operator.id, tenantId: t.id, action: 'tenant.resume', targetType: 'Tenant', targetId: t.id });
  await mailContractParties(db, mailer, {
    tenantId: t.id,
    parties: await contractParties(db, t.id),
    mail: 'resumed',
    subject: 'サービスの提供を再開しました / Service resumed',
    lines: ['本サービスの提供を再開しました。再びサインインしてご利用いただけます。'],
    english: 'The service is resumed; you can sign in again.',
  });
  return { tenantId: t.id, status };
}
