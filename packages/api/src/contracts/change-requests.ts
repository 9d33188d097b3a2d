import type { Tx } from '@telework/db';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import { compareIsoDates } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { AppError } from '../errors/app-error';
import type { Mailer } from '../mail/mailer';
import { dbDateToIso, isoToDbDate } from './provider-actor';

export type ChangeRequester = { kind: 'RESELLER_STAFF'; id: string; resellerId: string } | { kind: 'USER'; id: string };

/** 第11条1項: a change request (add seats) for a live contract, decided by the provider like an application. */
export async function submitAddSeats(db: Tx, who: ChangeRequester, input: { tenantId: string; contractId: string; seats: number; note?: string }) {
  const c = await db.contract.findFirst({ where: { tenantId: input.tenantId, id: input.contractId } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (c.status !== 'ACTIVE') throw new AppError('CONFLICT', 'Only an active contract can be changed.', { reason: 'CONTRACT_NOT_ACTIVE' });
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

/** 第11条2項: accepted added seats become an add-on licence until the term ends, billed monthly (第14条1項). */
export async function acceptChangeRequest(db: Tx, operator: { id: string }, input: { tenantId: string; id: string; now?: Date }) {
  const now = input.now ?? new Date();
  const r = await pending(db, input.tenantId, input.id);
  const today = toJstDate(now);
  const start = dbDateToIso(r.contract.startDate);
  const effective = compareIsoDates(today, start) > 0 ? today : start;
  const licence = await db.licence.create({
    data: { tenantId: r.tenantId, contractId: r.contractId, seats: r.seatsDelta ?? 0, isAddOn: true, termStart: isoToDbDate(effective), termEnd: r.contract.termEndDate },
  });
  await db.changeRequest.update({
    where: { tenantId_id: { tenantId: r.tenantId, id: r.id } },
    data: { status: 'ACCEPTED', decidedByOperatorId: operator.id, decidedAt: now, effectiveDate: isoToDbDate(effective) },
  });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: r.tenantId, resellerId: r.resellerId, action: 'change.accept', targetType: 'ChangeRequest', targetId: r.id,
    details: { licenceId: licence.id, seats: licence.seats, effectiveDate: effective },
  });
  return { licenceId: licence.id, effectiveDate: effective };
}

export async function rejectChangeRequest(
  db: Tx,
  mailer: Mailer,
  operator: { id: string },
  input: { tenantId: string; id: string; reason: 'FALSE_STATEMENT' | 'PAST_SERIOUS_BREACH' | 'UNSUITABLE' | 'TECHNICALLY_DIFFICULT' | 'NOT_DOMESTIC_ENTITY' | 'OTHER'; note?: string; now?: Date },
) {
  const r = await pending(db, input.tenantId, input.id);
  const updated = await db.changeRequest.update({
    where: { tenantId_id: { tenantId: r.tenantId, id: r.id } },
    data: { status: 'REJECTED', rejectionReason: input.reason, rejectionNote: input.note ?? null, decidedByOperatorId: operator.id, decidedAt: input.now ?? new Date() },
  });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: r.tenantId, resellerId: r.resellerId, action: 'change.reject', targetType: 'ChangeRequest', targetId: r.id, details: { reason: input.reason },
  });
  const admins = await db.user.findMany({ where: { tenantId: r.tenantId, isRegisteredAdministrator: true, disabledAt: null, email: { not: null } }, select: { email: true } });
  const to = admins.flatMap((a) => (a.email ? [a.email] : []));
  if (to.length > 0) {
    await mailer.send({ to, subject: '【Telework Supporter】変更申込みについて', text: `ライセンス追加（${r.seatsDelta ?? 0}席）の変更申込みを承諾できませんでした（第11条, 第9条2項: ${input.reason}）。${input.note ? `\n${input.note}` : ''}` });
  }
  return updated;
}
