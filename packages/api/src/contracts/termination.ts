import { applyScope, listTenantIds, withScope, type Tx } from '@telework/db';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import { compareIsoDates } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { AppError } from '../errors/app-error';
import { defineJob } from '../jobs/job-types';
import { checkTerminationNotice, personalDataErasureDate, planProviderTermination, type ProviderTerminationCause } from './rules';
import { dbDateToIso, isoToDbDate } from './provider-actor';

/** Who files a customer's termination: its reseller's staff, or the tenant's own administrator (direct contracts). */
export type TerminationRequester =
  | { kind: 'RESELLER_STAFF'; id: string; resellerId: string }
  | { kind: 'USER'; id: string };

async function liveContract(db: Tx, tenantId: string, contractId: string) {
  const c = await db.contract.findFirst({ where: { tenantId, id: contractId } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (c.status === 'ENDED' || c.status === 'TERMINATION_SCHEDULED') throw new AppError('CONFLICT', 'The contract is already ending.', { reason: 'ALREADY_ENDING' });
  return c;
}

async function notEndedContract(db: Tx, tenantId: string, contractId: string) {
  const c = await db.contract.findFirst({ where: { tenantId, id: contractId } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (c.status === 'ENDED') throw new AppError('CONFLICT', 'The contract has ended.', { reason: 'ALREADY_ENDING' });
  return c;
}

/**
 * 第12条1項: the request must arrive ≥ 30 days before the desired end; the contract then ends on the
 * last day of the month after the month of receipt, whatever date was asked for.
 */
export async function requestCustomerTermination(
  db: Tx,
  who: TerminationRequester,
  input: { tenantId: string; contractId: string; desiredEndDate: string; note?: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const c = await liveContract(db, input.tenantId, input.contractId);
  if (who.kind === 'USER' && c.channel !== 'DIRECT') {
    throw new AppError('RULE_VIOLATION', 'A contract sold by a reseller is terminated through that reseller.', { reason: 'THROUGH_RESELLER' });
  }
  const check = checkTerminationNotice(now, input.desiredEndDate);
  if (!check.ok) {
    throw new AppError('RULE_VIOLATION', `Termination needs at least 30 days' notice (第12条1項); the earliest desired end is ${check.earliestDesiredEnd}.`, {
      reason: 'NOTICE_TOO_SHORT', earliestDesiredEnd: check.earliestDesiredEnd,
    });
  }
  const req = await db.terminationRequest.create({
    data: {
      tenantId: c.tenantId, contractId: c.id, resellerId: c.resellerId, initiator: 'CUSTOMER', cause: 'CUSTOMER_REQUEST', receivedAt: now,
      desiredEndDate: isoToDbDate(input.desiredEndDate), endDate: isoToDbDate(check.effectiveEnd), status: 'ACCEPTED', note: input.note ?? null,
      requestedByKind: who.kind, requestedById: who.id,
    },
  });
  await db.contract.update({ where: { tenantId_id: { tenantId: c.tenantId, id: c.id } }, data: { status: 'TERMINATION_SCHEDULED', endDate: isoToDbDate(check.effectiveEnd) } });
  const audit = { actorKind: who.kind, actorId: who.id, action: 'contract.terminationRequest', targetType: 'Contract', targetId: c.id, details: { endDate: check.effectiveEnd, desiredEndDate: input.desiredEndDate } } as const;
  if (who.kind === 'USER') await recordTenantAudit(db, c.tenantId, audit);
  else await recordProviderAudit(db, { ...audit, tenantId: c.tenantId, resellerId: who.resellerId });
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

/** Closes every way in at once: users disabled, sessions ended, agent devices revoked (第28条2項, immediate ends). */
async function shutTenant(db: Tx, tenantId: string, now: Date, disableUsers: boolean) {
  await db.authSession.updateMany({ where: { tenantId, revokedAt: null }, data: { revokedAt: now } });
  await applyScope(db, { operator: true, tenantId });
  try {
    await db.agentDevice.updateMany({ where: { tenantId, revokedAt: null }, data: { revokedAt: now } });
    if (disableUsers) await db.user.updateMany({ where: { tenantId, disabledAt: null }, data: { disabledAt: now, isRegisteredAdministrator: false } });
  } finally {
    await applyScope(db, { operator: true });
  }
}

/**
 * Provider termination: immediate for 第12条2項 causes (and 第28条2項, 第21条), else on an end date
 * ≥ 30 days after notice (第12条3項). Anti-social forces also de-register IDs, administrators and workers.
 */
export async function terminateByProvider(
  db: Tx,
  operator: { id: string },
  input: { tenantId: string; contractId: string; cause: ProviderTerminationCause; endDate?: string; note?: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const plan = planProviderTermination(input.cause, now, input.endDate);
  // A contract already ending may still be ended at once for cause (e.g. 第28条2項 found during the notice period).
  const c = plan.ok && plan.immediate ? await notEndedContract(db, input.tenantId, input.contractId) : await liveContract(db, input.tenantId, input.contractId);
  if (!plan.ok) throw new AppError('RULE_VIOLATION', `The termination is not allowed yet (${plan.clause}).`, { reason: plan.reason, clause: plan.clause });
  const endIso = plan.immediate ? toJstDate(now) : plan.endDate;
  const req = await db.terminationRequest.create({
    data: {
      tenantId: c.tenantId, contractId: c.id, resellerId: c.resellerId, initiator: 'PROVIDER', cause: CAUSE_MAP[input.cause.kind], receivedAt: now,
      endDate: isoToDbDate(endIso), status: 'ACCEPTED', note: input.note ?? null, requestedByKind: 'OPERATOR', requestedById: operator.id,
    },
  });
  const key = { tenantId_id: { tenantId: c.tenantId, id: c.id } };
  if (plan.immediate) {
    const deregister = input.cause.kind === 'anti_social_forces';
    await db.contract.update({ where: key, data: { status: 'ENDED', endDate: isoToDbDate(endIso), endedAt: now } });
    await db.tenant.update({
      where: { id: c.tenantId },
      data: { status: deregister ? 'DEREGISTERED' : 'TERMINATED', personalDataPurgeAt: isoToDbDate(personalDataErasureDate(endIso)) },
    });
    await shutTenant(db, c.tenantId, now, deregister);
  } else {
    await db.contract.update({ where: key, data: { status: 'TERMINATION_SCHEDULED', endDate: isoToDbDate(endIso) } });
  }
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: c.tenantId, resellerId: c.resellerId, action: 'contract.terminateByProvider', targetType: 'Contract', targetId: c.id,
    details: { cause: input.cause.kind, clause: plan.clause, endDate: endIso, immediate: plan.immediate },
  });
  return { ...req, endDate: endIso, immediate: plan.immediate };
}

/** 第19条: suspension blocks use at once (sign-in and every tenant procedure answer CONTRACT_INACTIVE). */
export async function suspendTenant(db: Tx, operator: { id: string }, input: { tenantId: string; reason: string; now?: Date }) {
  const now = input.now ?? new Date();
  const t = await db.tenant.findUnique({ where: { id: input.tenantId } });
  if (!t) throw new AppError('NOT_FOUND', 'No such tenant.');
  if (t.status !== 'ACTIVE') throw new AppError('CONFLICT', 'Only an active tenant can be suspended.');
  await db.tenant.update({ where: { id: t.id }, data: { status: 'SUSPENDED' } });
  await db.contract.updateMany({ where: { tenantId: t.id, status: { in: ['ACTIVE', 'TERMINATION_SCHEDULED'] } }, data: { suspendedAt: now } });
  await shutTenant(db, t.id, now, false);
  await recordProviderAudit(db, { actorKind: 'OPERATOR', actorId: operator.id, tenantId: t.id, action: 'tenant.suspend', targetType: 'Tenant', targetId: t.id, details: { reason: input.reason, clause: '第19条' } });
  return { tenantId: t.id, status: 'SUSPENDED' as const };
}

export async function resumeTenant(db: Tx, operator: { id: string }, input: { tenantId: string }) {
  const t = await db.tenant.findUnique({ where: { id: input.tenantId } });
  if (!t) throw new AppError('NOT_FOUND', 'No such tenant.');
  if (t.status !== 'SUSPENDED') throw new AppError('CONFLICT', 'The tenant is not suspended.');
  await db.tenant.update({ where: { id: t.id }, data: { status: 'ACTIVE' } });
  await db.contract.updateMany({ where: { tenantId: t.id }, data: { suspendedAt: null } });
  await recordProviderAudit(db, { actorKind: 'OPERATOR', actorId: operator.id, tenantId: t.id, action: 'tenant.resume', targetType: 'Tenant', targetId: t.id });
  return { tenantId: t.id, status: 'ACTIVE' as const };
}

/** Ends contracts whose end date has passed (JST) and schedules the personal-data purge (第26条3項). */
export async function endDueContracts(db: Parameters<typeof withScope>[0], now: Date = new Date()): Promise<number> {
  const today = toJstDate(now);
  let ended = 0;
  for (const tenantId of await listTenantIds(db)) {
    ended += await withScope(db, { operator: true }, async (tx) => {
      const due = await tx.contract.findMany({ where: { tenantId, status: 'TERMINATION_SCHEDULED', endDate: { not: null } } });
      let n = 0;
      for (const c of due) {
        if (!c.endDate) continue;
        const end = dbDateToIso(c.endDate);
        if (compareIsoDates(end, today) >= 0) continue;
        await tx.contract.update({ where: { tenantId_id: { tenantId, id: c.id } }, data: { status: 'ENDED', endedAt: now } });
        await tx.tenant.update({ where: { id: tenantId }, data: { status: 'TERMINATED', personalDataPurgeAt: isoToDbDate(personalDataErasureDate(end)) } });
        await shutTenant(tx, tenantId, now, false);
        await recordProviderAudit(tx, { actorKind: 'SYSTEM', actorId: null, tenantId, action: 'contract.end', targetType: 'Contract', targetId: c.id, details: { endDate: end } });
        n += 1;
      }
      return n;
    });
  }
  return ended;
}

export const endDueContractsJob = defineJob({ name: 'contracts.end-due', cron: '5 0 * * *', handler: ({ db, now }) => endDueContracts(db, now()) });
