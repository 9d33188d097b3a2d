import { applyScope, type ContractStatus, type Prisma, type Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { assertTransition } from './lifecycle';

/**
 * Moves one contract along the lifecycle table: refused when the table has no such move, and done at
 * most once when two requests race (the update names the state it starts from).
 */
export async function moveContract(
  db: Tx,
  c: { tenantId: string; id: string; status: ContractStatus },
  to: ContractStatus,
  action: string,
  data: Omit<Prisma.ContractUpdateManyMutationInput, 'status'> = {},
): Promise<void> {
  assertTransition(c.status, to, action);
  const moved = await db.contract.updateMany({ where: { tenantId: c.tenantId, id: c.id, status: c.status }, data: { ...data, status: to } });
  if (moved.count !== 1) throw new AppError('CONFLICT', 'The contract changed meanwhile; reload and try again.', { reason: 'CONCURRENT_CHANGE' });
}

/** Closes every way in at once: sessions ended, agent devices revoked, and (第28条2項) users disabled and de-registered. */
export async function shutTenant(db: Tx, tenantId: string, now: Date, disableUsers: boolean) {
  await db.authSession.updateMany({ where: { tenantId, revokedAt: null }, data: { revokedAt: now } });
  await applyScope(db, { operator: true, tenantId });
  try {
    await db.agentDevice.updateMany({ where: { tenantId, revokedAt: null }, data: { revokedAt: now } });
    if (disableUsers) await db.user.updateMany({ where: { tenantId, disabledAt: null }, data: { disabledAt: now, isRegisteredAdministrator: false } });
  } finally {
    await applyScope(db, { operator: true });
  }
}
