import type Stripe from 'stripe';
import type { Prisma, RejectionReason, Tx } from '@telework/db';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import { compareIsoDates } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { AppError } from '../errors/app-error';
import type { Mailer } from '../mail/mailer';
import { applyDetailsChange } from './details-change';
import { contractParties, mailContractParties } from './lifecycle-mail';
import { dbDateToIso, isoToDbDate } from './provider-actor';
import { renewContract } from './renewal';

export type ChangeRequester = { kind: 'RESELLER_STAFF'; id: string; resellerId: string } | { kind: 'USER'; id: string };

// Seats can be added while the service is in use, up to the term end (a renewed term has its own seats).
const CHANGEABLE = new Set(['ACTIVE', 'RENEWAL_OFFERED', 'RENEWED']);
// A request made while the contract ran may still be accepted once a termination is filed: the service
// runs until the end date (第12条), and the added seats end with it.
const SEATS_ACCEPTABLE = new Set([...CHANGEABLE, 'TERMINATION_SCHEDULED']);

/** 第11条1項: a change request (add seats) for a live contract, decided by the provider like an application. */
export async function submitAddSeats(db: Tx, who: ChangeRequester, input: { tenantId: string; contractId: string; seats: number; note?: string }) {
  const c = await db.contract.findFirst({ where: { tenantId: input.tenantId, id: input.contractId } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (!CHANGEABLE.has(c.status)) throw new AppError('CONFLICT', 'Only an active contract can be changed.', { reason: 'CONTRACT_NOT_ACTIVE' });
  if (who.kind === 'USER' && c.channel !== 'DIRECT') throw new AppError('RULE_VIOLATION', 'A contract sold by a reseller is changed through that reseller.', { reason: 'THROUGH_RESELLER' });
  const req = await db.changeRequest.create({
    data: { tenantId: c.tenantId, contractId: c.id, resellerId: c.resellerId, kind: 'ADD_SEATS', seatsDelta: input.seats, details: input.note ? { note: input.note } : undefined, requestedByKind: who.kind, requestedById: who.id },
  });
  const audit = { actorKind: who.kind, actorId: who.id, action: 'change.submit', targetType: 'ChangeRequest', targetId: req.id, details: { seats: input.seats } } as const;
  if (who.kind === 'USER') await recordTenantAudit(db, c.tenantId, audit);
  else await recordProviderAudit(db, { ...audit, tenantId: c.tenantId, resellerId: who.resellerId });
  return req;
}

async function pending(db: Tx, tenantId: string, id: string) {
  const r = await db.changeRequest.findFirst({ where: { tenantId, id }, include: { contract: true } });
  if (!r) throw new AppError('NOT_FOUND', 'No such change request.');
  if (r.status !== 'PENDING') throw new AppError('CONFLICT', 'The change request has already been decided.', { reason: 'ALREADY_DECIDED' });
  return r;
}

async function decide(db: Tx, r: { tenantId: string; id: string }, data: Prisma.ChangeRequestUpdateManyMutationInput) {
  const done = await db.changeRequest.updateMany({ where: { tenantId: r.tenantId, id: r.id, status: 'PENDING' }, data });
  if (done.count !== 1) throw new AppError('CONFLICT', 'The change request has already been decided.', { reason: 'ALREADY_DECIDED' });
}

/** 第11条2項: accepted added seats become an add-on licence until the term end, billed monthly (第14条1項). */
async function acceptAddSeats(db: Tx, mailer: Mailer, operator: { id: string }, r: Awaited<ReturnType<typeof pending>>, now: Date) {
  if (!SEATS_ACCEPTABLE.has(r.contract.status)) throw new AppError('CONFLICT', 'The contract is no longer active.', { reason: 'CONTRACT_NOT_ACTIVE' });
  const today = toJstDate(now);
  const lastDay = r.contract.endDate ?? r.contract.termEndDate;
  const start = dbDateToIso(r.contract.serviceStartDate);
  const effective = compareIsoDates(today, start) > 0 ? today : start;
  const seats = r.seatsDelta ?? 0;
  const licence = await db.licence.create({
    data: { tenantId: r.tenantId, contractId: r.contractId, seats, isAddOn: true, termStart: isoToDbDate(effective), termEnd: lastDay },
  });
  await decide(db, r, { status: 'ACCEPTED', decidedByOperatorId: operator.id, decidedAt: now, effectiveDate: isoToDbDate(effective) });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: r.tenantId, resellerId: r.resellerId, action: 'change.accept', targetType: 'ChangeRequest', targetId: r.id,
    details: { licenceId: licence.id, seats: licence.seats, effectiveDate: effective },
  });
  const termEnd = dbDateToIso(lastDay);
  await mailContractParties(db, mailer, {
    tenantId: r.tenantId,
    parties: await contractParties(db, r.tenantId),
    mail: 'seats-accepted',
    subject: 'ライセンス追加のお申込みを承諾しました / Added seats accepted',
    lines: [
      `ライセンス追加（${seats}席）のお申込みを承諾しました（第11条）。`,
      `${effective} から ${termEnd} までご利用いただけます。料金は1席あたり月額 ${r.contract.seatMonthlyFee.toLocaleString('ja-JP')} 円（税抜）で、月ごとに請求します（第14条1項）。`,
    ],
    english: `${seats} added seats are accepted, usable from ${effective} until ${termEnd}, billed monthly.`,
  });
  return { licenceId: licence.id, effectiveDate: effective };
}

/** The provider decides a pending change: added seats, a renewal, or a change of the customer's details (第4条3項). */
export async function acceptChangeRequest(db: Tx, deps: { mailer: Mailer; stripe: Stripe | null }, operator: { id: string }, input: { tenantId: string; id: string; now?: Date }) {
  const now = input.now ?? new Date();
  const r = await pending(db, input.tenantId, input.id);
  if (r.kind === 'ADD_SEATS') return acceptAddSeats(db, deps.mailer, operator, r, now);
  if (r.kind === 'CHANGE_DETAILS') {
    await decide(db, r, { status: 'ACCEPTED', decidedByOperatorId: operator.id, decidedAt: now, effectiveDate: isoToDbDate(toJstDate(now)) });
    await applyDetailsChange(db, deps.mailer, operator, r);
    return { effectiveDate: toJstDate(now) };
  }
  await decide(db, r, { status: 'ACCEPTED', decidedByOperatorId: operator.id, decidedAt: now });
  const renewed = await renewContract(db, deps, operator, { tenantId: r.tenantId, contractId: r.contractId, seats: r.seatsDelta ?? undefined, now });
  await db.changeRequest.update({ where: { tenantId_id: { tenantId: r.tenantId, id: r.id } }, data: { effectiveDate: isoToDbDate(renewed.startDate) } });
  return { effectiveDate: renewed.startDate, contractId: renewed.contractId };
}

const KIND_TEXT = { ADD_SEATS: 'ライセンス追加', CHANGE_DETAILS: '届出事項の変更', RENEWAL: '契約の更新' } as const;

export async function rejectChangeRequest(db: Tx, mailer: Mailer, operator: { id: string }, input: { tenantId: string; id: string; reason: RejectionReason; note?: string; now?: Date }) {
  const r = await pending(db, input.tenantId, input.id);
  await decide(db, r, { status: 'REJECTED', rejectionReason: input.reason, rejectionNote: input.note ?? null, decidedByOperatorId: operator.id, decidedAt: input.now ?? new Date() });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: r.tenantId, resellerId: r.resellerId, action: 'change.reject', targetType: 'ChangeRequest', targetId: r.id, details: { reason: input.reason, kind: r.kind },
  });
  await mailContractParties(db, mailer, {
    tenantId: r.tenantId,
    parties: await contractParties(db, r.tenantId),
    mail: 'change-rejected',
    subject: '変更申込みについて / About your change request',
    lines: [`${KIND_TEXT[r.kind]}${r.kind === 'ADD_SEATS' ? `（${r.seatsDelta ?? 0}席）` : ''}のお申込みを承諾できませんでした（第11条, 第9条2項: ${input.reason}）。`, input.note ?? ''],
    english: `The change request (${r.kind}) was not accepted (reason: ${input.reason}).`,
  });
  return db.changeRequest.findFirstOrThrow({ where: { tenantId: r.tenantId, id: r.id } });
}
