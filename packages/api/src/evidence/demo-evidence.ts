import { createHash } from 'node:crypto';
import { lookupTenantBySystemId, withTenant } from '@telework/db';
import type { EvidenceDeps } from './deps';
import { demoCameraStill, demoScreenshot } from './demo-images';
import { storeEvidence } from './store-evidence';

/** A stable uuid-shaped id from a name (so that running the seed again stores nothing twice). */
function stableId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const JST = 9 * 3_600_000;
// Periodic captures on the last worked day, at these Tokyo times.
const INTERVAL_HOURS = [10, 14.5, 16.25];

/**
 * Evidence for the demo tenant, so that a fresh `npm start` shows real images: a webcam still and
 * a screenshot for each seeded incident, and a few periodic captures per worker on his last
 * worked day. Goes through the real storage path (validation, encryption, chain), so the integrity
 * check passes on it. Returns how many images were stored.
 */
export async function seedDemoEvidence(deps: EvidenceDeps, systemId = 'TW-100001'): Promise<number> {
  const tenant = await lookupTenantBySystemId(deps.db, systemId);
  if (!tenant) return 0;
  const { incidents, lastDays } = await withTenant(deps.db, tenant.id, async (tx) => ({
    incidents: await tx.incident.findMany({ where: { tenantId: tenant.id }, orderBy: { occurredAt: 'asc' }, select: { id: true, userId: true, deviceId: true, clientEventId: true, occurredAt: true, faceCount: true } }),
    lastDays: await tx.workSession.findMany({
      where: { tenantId: tenant.id, endedAt: { not: null }, deviceId: { not: null } },
      orderBy: { startedAt: 'desc' },
      distinct: ['userId'],
      select: { userId: true, deviceId: true, startedAt: true, endedAt: true },
    }),
  }));
  let stored = 0;
  const put = async (u: Omit<Parameters<typeof storeEvidence>[1], 'tenantId'>) => {
    const r = await storeEvidence(deps, { ...u, tenantId: tenant.id });
    if (!r.duplicate) stored += 1;
  };
  for (const [n, i] of incidents.entries()) {
    for (const kind of ['CAMERA', 'SCREEN'] as const) {
      await put({
        userId: i.userId, deviceId: i.deviceId, clientId: stableId(`demo:${i.id}:${kind}`), kind, trigger: 'INCIDENT', incidentClientEventId: i.clientEventId,
        capturedAt: i.occurredAt, bytes: await (kind === 'CAMERA' ? demoCameraStill(n, Math.max(1, i.faceCount)) : demoScreenshot(n)),
      });
    }
  }
  for (const [n, s] of lastDays.entries()) {
    if (!s.deviceId || !s.endedAt) continue;
    const midnight = Math.floor((s.startedAt.getTime() + JST) / 86_400_000) * 86_400_000 - JST;
    for (const [k, hours] of INTERVAL_HOURS.entries()) {
      const capturedAt = new Date(midnight + hours * 3_600_000);
      if (capturedAt < s.startedAt || capturedAt > s.endedAt) continue;
      for (const kind of ['CAMERA', 'SCREEN'] as const) {
        await put({
          userId: s.userId, deviceId: s.deviceId, clientId: stableId(`demo:${s.userId}:${capturedAt.toISOString()}:${kind}`), kind, trigger: 'INTERVAL', incidentClientEventId: null,
          capturedAt, bytes: await (kind === 'CAMERA' ? demoCameraStill(100 + n * 10 + k, 1) : demoScreenshot(100 + n * 10 + k)),
        });
      }
    }
  }
  return stored;
}
