import type { Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import { contractTerm, nextContractTerm } from './rules';
import { dbDateToIso, isoToDbDate } from './provider-actor';

/**
 * 第10条: there is no automatic renewal; a renewal is a new licence purchase whose term starts the day
 * after the current one ends. Creates the next contract (renewalOfId) with its base licence.
 */
export async function renewContract(
  db: Tx,
  operator: { id: string },
  input: { tenantId: string; contractId: string; seats?: number; annualFee?: number; licenceEndsOn?: string; now?: Date },
) {
  const c = await db.contract.findFirst({ where: { tenantId: input.tenantId, id: input.contractId }, include: { licences: true } });
  if (!c) throw new AppError('NOT_FOUND', 'No such contract.');
  if (c.status !== 'ACTIVE') throw new AppError('CONFLICT', 'Only an active contract can be renewed.', { reason: 'CONTRACT_NOT_ACTIVE' });
  if (await db.contract.findFirst({ where: { tenantId: c.tenantId, renewalOfId: c.id }, select: { id: true } })) {
    throw new AppError('CONFLICT', 'This contract is already renewed.', { reason: 'ALREADY_RENEWED' });
  }
  const current = contractTerm({ formedOn: dbDateToIso(c.startDate), licenceEndsOn: dbDateToIso(c.termEndDate) });
  const next = nextContractTerm(current, input.licenceEndsOn ?? null);
  const seats = input.seats ?? c.licences.filter((l) => !l.isAddOn).reduce((n, l) => n + l.seats, 0) + c.licences.filter((l) => l.isAddOn).reduce((n, l) => n + l.seats, 0);
  const renewed = await db.contract.create({
    data: {
      tenantId: c.tenantId, applicationId: c.applicationId, channel: c.channel, resellerId: c.resellerId, formedAt: input.now ?? new Date(),
      startDate: isoToDbDate(next.startsOn), termEndDate: isoToDbDate(next.endsOn), annualFee: input.annualFee ?? c.annualFee,
      seatMonthlyFee: c.seatMonthlyFee, resellerAnnualPrice: c.resellerAnnualPrice, renewalOfId: c.id,
    },
  });
  await db.licence.create({ data: { tenantId: c.tenantId, contractId: renewed.id, seats, termStart: isoToDbDate(next.startsOn), termEnd: isoToDbDate(next.endsOn) } });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: c.tenantId, resellerId: c.resellerId, action: 'contract.renew', targetType: 'Contract', targetId: renewed.id,
    details: { renewalOf: c.id, startDate: next.startsOn, termEndDate: next.endsOn, seats },
  });
  return { contractId: renewed.id, startDate: next.startsOn, termEndDate: next.endsOn, seats };
}
