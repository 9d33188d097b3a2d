import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { revokeDevice } from '../auth/devices';

export function listDevices(db: Tx, { tenantId }: { tenantId: string }) {
  return db.agentDevice.findMany({
    where: { tenantId },
    select: { id: true, userId: true, name: true, platform: true, agentVersion: true, lastSeenAt: true, revokedAt: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  });
}

export async function revokeTenantDevice(db: Tx, input: { tenantId: string; deviceId: string; actorUserId: string; ip: string | null }) {
  const exists = await db.agentDevice.findFirst({ where: { tenantId: input.tenantId, id: input.deviceId }, select: { id: true } });
  if (!exists) throw new AppError('NOT_FOUND', 'No such device.');
  await revokeDevice(db, input);
  return { ok: true as const };
}
