import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';

/** A tenant's contracts with licence terms, seats allowed (base + add-ons) and seats used (active workers). */
export async function contractOverview(db: Tx, { tenantId }: { tenantId: string }) {
  const contracts = await db.contract.findMany({
    where: { tenantId },
    orderBy: { startDate: 'desc' },
    include: { licences: { orderBy: { termStart: 'asc' } }, changeRequests: { orderBy: { createdAt: 'desc' } }, terminationRequests: { orderBy: { createdAt: 'desc' } } },
  });
  const seatsUsed = await db.user.count({ where: { tenantId, role: 'WORKER', disabledAt: null } });
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, systemId: true, name: true, status: true, personalDataPurgeAt: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
  return {
    tenant,
    seatsUsed,
    contracts: contracts.map((c) => ({ ...c, seatsAllowed: c.licences.reduce((n, l) => n + l.seats, 0) })),
  };
}
