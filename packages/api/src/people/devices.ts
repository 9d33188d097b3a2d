import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { revokeDevice } from '../auth/devices';
import { assertMayActOn } from './act-on-user';
import type { Viewer } from './scope';

export function listDevices(db: Tx, { tenantId }: { tenantId: string }) {
  return db.agentDevice.findMany({
    where: { tenantId },
    select: { id: true, userId: true, name: true, platform: true, agentVersion: true, lastSeenAt: true, revokedAt: true, createdAt: true },
    orderBy: { createdAt: 'desc' },
  });
}

/** Revoking a device acts on its owner's account: the role rules decide (role-rules.ts, 'revokeDevice'). */
export async function revokeTenantDevice(db: Tx, input: { tenantId: string; deviceId: string; actor: Viewer; ip: string | null }) {
  const device = await db.agentDevice.findFirst({ where: { tenantId: input.tenantId, id: input.deviceId }, select: { id: true, userId: true } });
  if (!device) throw new AppError('NOT_FOUND', 'No such device.');
  await assertMayActOn(db, input.tenantId, input.actor, 'revokeDevice', device.userId);
  await revokeDevice(db, { tenantId: input.tenantId, deviceId: device.id, actorUserId: input.actor.id, ip: input.ip });
  return { ok: true as const };
}
