import { withTenant, type Db, type Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import type { RequestMeta } from '../context';
import { liveContact } from '../work/live-state';
import { hashToken, newToken } from './tokens';

/** Registers an agent installation for a user and returns its bearer token (shown once, stored hashed). */
export async function issueDeviceToken(
  db: Db,
  input: { tenantId: string; userId: string; deviceName: string; platform?: string; agentVersion?: string },
  meta: RequestMeta,
) {
  const token = newToken();
  const now = new Date();
  const device = await withTenant(db, input.tenantId, async (tx) => {
    const d = await tx.agentDevice.create({
      data: {
        tenantId: input.tenantId,
        userId: input.userId,
        name: input.deviceName,
        platform: input.platform ?? null,
        agentVersion: input.agentVersion ?? null,
        tokenHash: hashToken(token),
        lastSeenAt: now,
        lastIp: meta.ip,
      },
      select: { id: true },
    });
    await liveContact(tx, { tenantId: input.tenantId, userId: input.userId, at: now });
    await recordTenantAudit(tx, input.tenantId, {
      actorKind: 'USER', actorId: input.userId, action: 'agent.device.registered', targetType: 'AgentDevice', targetId: d.id, ip: meta.ip,
    });
    return d;
  });
  return { deviceId: device.id, token };
}

/** Revokes a device token (agent sign-out, or an admin removing a PC). */
export async function revokeDevice(tx: Tx, input: { tenantId: string; deviceId: string; actorUserId: string; ip: string | null }) {
  const r = await tx.agentDevice.updateMany({
    where: { tenantId: input.tenantId, id: input.deviceId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (r.count > 0) {
    await recordTenantAudit(tx, input.tenantId, {
      actorKind: 'USER', actorId: input.actorUserId, action: 'agent.device.revoked', targetType: 'AgentDevice', targetId: input.deviceId, ip: input.ip,
    });
  }
  return r.count > 0;
}
