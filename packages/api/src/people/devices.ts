import type { Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import { revokeDevice } from '../auth/devices';
import { assertMayActOn } from './act-on-user';
import type { Viewer } from './scope';

export function listDevices(db: Tx, { tenantId }: { tenantId: string }) {
  return db.agentDevice.findMany({
    where: { tenantId },
    select: { id: true, userId: true, name: true, platform: true, agentVersion: true, thresholdLevel: true, lastSeenAt: true, revokedAt: true, createdAt: true },
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

/**
 * The face threshold level of one agent PC (仕様書: per tenant or per agent): a level overrides the
 * tenant's, null clears the override so the PC follows the tenant again. The agent receives the
 * effective level with its settings at its next contact (work/agent-events.ts recordHeartbeat).
 */
export async function setDeviceThreshold(db: Tx, input: { tenantId: string; deviceId: string; level: number | null; actorId: string; ip: string | null }) {
  const device = await db.agentDevice.findFirst({ where: { tenantId: input.tenantId, id: input.deviceId }, select: { id: true, name: true, thresholdLevel: true } });
  if (!device) throw new AppError('NOT_FOUND', 'No such device.');
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: input.tenantId }, select: { thresholdLevel: true } });
  if (device.thresholdLevel !== input.level) {
    await db.agentDevice.updateMany({ where: { tenantId: input.tenantId, id: device.id }, data: { thresholdLevel: input.level } });
    await recordTenantAudit(db, input.tenantId, {
      actorKind: 'USER', actorId: input.actorId, action: input.level === null ? 'agent.device.threshold_cleared' : 'agent.device.threshold_set',
      targetType: 'AgentDevice', targetId: device.id, details: { deviceName: device.name, thresholdLevel: { from: device.thresholdLevel, to: input.level }, tenantLevel: tenant.thresholdLevel }, ip: input.ip,
    });
  }
  return { deviceId: device.id, thresholdLevel: input.level, effectiveLevel: input.level ?? tenant.thresholdLevel };
}
