import { countActiveWorkers, tenantSummarySelect, type Tx } from '@telework/db';
import { toJstDate } from '../calendar/jst';
import { AppError } from '../errors/app-error';
import { LIVE_CONTRACT_STATUSES } from './lifecycle';
import { allowedSeats } from '../people/seats';
import { dbDateToIso } from './provider-actor';

const LIVE = new Set<string>(LIVE_CONTRACT_STATUSES);

/**
 * A tenant's contracts with licence terms, seats allowed (per contract: base + add-ons; and today,
 * across live contracts, as the seat limit counts them) and seats used (active workers).
 */
export async function contractOverview(db: Tx, { tenantId, now = new Date() }: { tenantId: string; now?: Date }) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { ...tenantSummarySelect, personalDataPurgeAt: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
  const contracts = await db.contract.findMany({
    where: { tenantId },
    orderBy: { startDate: 'desc' },
    include: { licences: { orderBy: { termStart: 'asc' } }, changeRequests: { orderBy: { createdAt: 'desc' } }, terminationRequests: { orderBy: { createdAt: 'desc' } } },
  });
  const used = await countActiveWorkers(db, [tenantId]);
  return {
    tenant,
    seatsUsed: used.get(tenantId) ?? 0,
    seatsAllowed: await allowedSeats(db, tenantId, now),
    contracts: contracts.map((c) => ({ ...c, seatsAllowed: c.licences.reduce((n, l) => n + l.seats, 0) })),
  };
}

/**
 * The tenant's own view: for a contract its reseller sold, the provider's wholesale fee is the reseller's
 * business, not the customer's (the customer pays the reseller's price, recorded as resellerAnnualPrice).
 */
export async function customerContractOverview(db: Tx, input: { tenantId: string; now?: Date }) {
  const overview = await contractOverview(db, input);
  return { ...overview, contracts: overview.contracts.map((c) => ({ ...c, annualFee: c.channel === 'RESELLER' ? null : c.annualFee })) };
}

/**
 * One row per customer the caller can see (operators: all; reseller staff: the customers they sold to),
 * with its current contract: the live one whose term has begun, else the latest.
 */
export async function listContractSummaries(db: Tx, now = new Date()) {
  const today = toJstDate(now);
  const tenants = await db.tenant.findMany({ select: { ...tenantSummarySelect, reseller: { select: { name: true } } }, orderBy: { systemId: 'asc' } });
  const ids = tenants.map((t) => t.id);
  const [contracts, pending, used] = await Promise.all([
    db.contract.findMany({ where: { tenantId: { in: ids } }, include: { licences: true }, orderBy: { startDate: 'desc' } }),
    db.changeRequest.groupBy({ by: ['tenantId'], where: { tenantId: { in: ids }, status: 'PENDING' }, _count: { _all: true } }),
    countActiveWorkers(db, ids),
  ]);
  const pendingByTenant = new Map(pending.map((p) => [p.tenantId, p._count._all]));
  return tenants.map((t) => {
    const own = contracts.filter((c) => c.tenantId === t.id);
    const current = own.find((c) => LIVE.has(c.status) && dbDateToIso(c.startDate) <= today) ?? own[0] ?? null;
    const seatsAllowed = own
      .filter((c) => LIVE.has(c.status))
      .flatMap((c) => c.licences)
      .filter((l) => dbDateToIso(l.termStart) <= today && dbDateToIso(l.termEnd) >= today)
      .reduce((n, l) => n + l.seats, 0);
    return {
      tenant: t,
      contract: current
        ? { id: current.id, channel: current.channel, status: current.status, startDate: current.startDate, termEndDate: current.termEndDate, endDate: current.endDate }
        : null,
      seatsAllowed,
      seatsUsed: used.get(t.id) ?? 0,
      pendingChangeRequests: pendingByTenant.get(t.id) ?? 0,
    };
  });
}
