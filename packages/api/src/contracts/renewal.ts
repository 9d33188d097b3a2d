import type Stripe from 'stripe';
import type { Tx } from '@telework/db';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import { ensureAnnualInvoice } from '../billing/invoices';
import { AppError } from '../errors/app-error';
import type { Mailer } from '../mail/mailer';
import type { ChangeRequester } from './change-requests';
import { assertTransition } from './lifecycle';
import { contractParties, mailContractParties } from './lifecycle-mail';
import { contractTerm, nextContractTerm } from './rules';
import { dbDateToIso, isoToDbDate } from './provider-actor';
import { moveContract } from './transitions';

const RENEWABLE = new Set(['ACTIVE', 'RENEWAL_OFFERED']);

async function renewableContract(db: Tx, tenantId: string, contractId: string) {
  const c = await db.contract.findFirst({ where: { tenantId, id: contractId }, include: { licences: true } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (await db.contract.findFirst({ where: { tenantId: c.tenantId, renewalOfId: c.id }, select: { id: true } })) {
    throw new AppError('CONFLICT', 'This contract is already renewed.', { reason: 'ALREADY_RENEWED' });
  }
  if (!RENEWABLE.has(c.status)) throw new AppError('CONFLICT', 'Only a contract in use can be renewed.', { reason: 'CONTRACT_NOT_ACTIVE' });
  return c;
}

/**
 * The customer asks for the next term (第10条 has no automatic renewal): its administrator for a direct
 * contract, its reseller otherwise. The provider decides like a change request (第11条1項).
 */
export async function requestRenewal(db: Tx, who: ChangeRequester, input: { tenantId: string; contractId: string; seats?: number; note?: string }) {
  const c = await renewableContract(db, input.tenantId, input.contractId);
  if (who.kind === 'USER' && c.channel !== 'DIRECT') throw new AppError('RULE_VIOLATION', 'A contract sold by a reseller is renewed through that reseller.', { reason: 'THROUGH_RESELLER' });
  if (await db.changeRequest.findFirst({ where: { tenantId: c.tenantId, contractId: c.id, kind: 'RENEWAL', status: 'PENDING' }, select: { id: true } })) {
    throw new AppError('CONFLICT', 'A renewal request is already waiting for a decision.', { reason: 'ALREADY_REQUESTED' });
  }
  const req = await db.changeRequest.create({
    data: {
      tenantId: c.tenantId, contractId: c.id, resellerId: c.resellerId, kind: 'RENEWAL', seatsDelta: input.seats ?? null,
      details: input.note ? { note: input.note } : undefined, requestedByKind: who.kind, requestedById: who.id,
    },
  });
  const audit = { actorKind: who.kind, actorId: who.id, action: 'renewal.request', targetType: 'ChangeRequest', targetId: req.id, details: { seats: input.seats ?? null } } as const;
  if (who.kind === 'USER') await recordTenantAudit(db, c.tenantId, audit);
  await recordProviderAudit(db, { ...audit, tenantId: c.tenantId, resellerId: c.resellerId });
  return req;
}

/**
 * 第10条: a renewal is a new licence purchase whose term starts the day after the current one ends
 * (the licence-period basis of 第10条). Creates the next contract (renewalOfId, PENDING_START) with its
 * base licence (today's seats, added ones included, unless the request names a number), marks the
 * current one RENEWED, issues the new term's annual invoice and tells the administrators and the reseller.
 */
export async function renewContract(
  db: Tx,
  deps: { mailer: Mailer; stripe: Stripe | null },
  operator: { id: string },
  input: { tenantId: string; contractId: string; seats?: number; annualFee?: number; licenceEndsOn?: string; now?: Date },
) {
  const now = input.now ?? new Date();
  const c = await renewableContract(db, input.tenantId, input.contractId);
  const current = contractTerm({ formedOn: dbDateToIso(c.startDate), licenceEndsOn: dbDateToIso(c.termEndDate) });
  const next = nextContractTerm(current, input.licenceEndsOn ?? null);
  const seats = input.seats ?? c.licences.reduce((n, l) => n + l.seats, 0);
  assertTransition('NONE', 'PENDING_START', 'acceptRenewal');
  await moveContract(db, c, 'RENEWED', 'acceptRenewal');
  const renewed = await db.contract.create({
    data: {
      tenantId: c.tenantId, applicationId: c.applicationId, channel: c.channel, resellerId: c.resellerId, formedAt: now, status: 'PENDING_START',
      startDate: isoToDbDate(next.startsOn), serviceStartDate: isoToDbDate(next.startsOn), termEndDate: isoToDbDate(next.endsOn), annualFee: input.annualFee ?? c.annualFee,
      seatMonthlyFee: c.seatMonthlyFee, resellerAnnualPrice: c.resellerAnnualPrice, renewalOfId: c.id,
    },
  });
  await db.licence.create({ data: { tenantId: c.tenantId, contractId: renewed.id, seats, termStart: isoToDbDate(next.startsOn), termEnd: isoToDbDate(next.endsOn) } });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: c.tenantId, resellerId: c.resellerId, action: 'contract.renew', targetType: 'Contract', targetId: renewed.id,
    details: { renewalOf: c.id, startDate: next.startsOn, termEndDate: next.endsOn, seats },
  });
  const invoice = await ensureAnnualInvoice(db, deps.stripe, { kind: 'OPERATOR', id: operator.id }, { tenantId: c.tenantId, contractId: renewed.id, now });
  await mailContractParties(db, deps.mailer, {
    tenantId: c.tenantId,
    parties: await contractParties(db, c.tenantId),
    mail: 'renewed',
    subject: 'ご契約を更新しました / Your contract is renewed',
    lines: [`ご契約を更新しました（第10条）。更新後の契約期間: ${next.startsOn} 〜 ${next.endsOn}（${seats}席）`, `年間ライセンス料の請求書（${invoice.number}）を発行しました。`],
    english: `Your contract is renewed for ${next.startsOn} – ${next.endsOn} (${seats} seats). Invoice ${invoice.number} is issued.`,
  });
  return { contractId: renewed.id, startDate: next.startsOn, termEndDate: next.endsOn, seats, invoiceId: invoice.id };
}
