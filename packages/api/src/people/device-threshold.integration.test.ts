import { describe, expect, it } from 'vitest';
import { signedInAgent, signedInUser, trpcCodeOf } from '../testing/callers';
import { createTenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

const { db, adminDb } = useTestDatabase();

// 仕様書: the face threshold level is set per tenant or per agent PC. A PC's level overrides the tenant's.
describe('threshold level per agent PC', () => {
  it('an admin\u2019s override reaches that PC only; clearing it returns the PC to the tenant\u2019s level; both audited', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const pcA = await signedInAgent(db, t, 'worker', 'PC-A');
    const pcB = await signedInAgent(db, t, 'worker', 'PC-B');
    const deviceA = await adminDb.agentDevice.findFirstOrThrow({ where: { tenantId: t.tenantId, name: 'PC-A' } });
    const levelOf = async (pc: typeof pcA) => (await pc.caller.agent.work.heartbeat({ agentVersion: '1.0.0' })).settings.thresholdLevel;
    expect([await levelOf(pcA), await levelOf(pcB)]).toEqual([3, 3]);

    expect(await admin.console((c) => c.devices.setThreshold({ deviceId: deviceA.id, level: 5 }))).toEqual({ deviceId: deviceA.id, thresholdLevel: 5, effectiveLevel: 5 });
    expect([await levelOf(pcA), await levelOf(pcB)]).toEqual([5, 3]);
    // The tenant's level moves; the override stays.
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { thresholdLevel: 2 } });
    expect([await levelOf(pcA), await levelOf(pcB)]).toEqual([5, 2]);
    const listed = await admin.console((c) => c.devices.list());
    expect(listed.find((d) => d.id === deviceA.id)?.thresholdLevel).toBe(5);

    expect(await admin.console((c) => c.devices.setThreshold({ deviceId: deviceA.id, level: null }))).toEqual({ deviceId: deviceA.id, thresholdLevel: null, effectiveLevel: 2 });
    expect([await levelOf(pcA), await levelOf(pcB)]).toEqual([2, 2]);

    const log = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: { startsWith: 'agent.device.threshold' } }, orderBy: { createdAt: 'asc' }, select: { action: true, targetId: true, details: true } });
    expect(log).toEqual([
      { action: 'agent.device.threshold_set', targetId: deviceA.id, details: { deviceName: 'PC-A', thresholdLevel: { from: null, to: 5 }, tenantLevel: 3 } },
      { action: 'agent.device.threshold_cleared', targetId: deviceA.id, details: { deviceName: 'PC-A', thresholdLevel: { from: 5, to: null }, tenantLevel: 2 } },
    ]);
  });

  it('answers NOT_FOUND for another tenant\u2019s PC and FORBIDDEN to managers and workers, changing nothing', async () => {
    const a = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    const adminA = await signedInUser(db, a, 'admin');
    expect(await trpcCodeOf(adminA.console((c) => c.devices.setThreshold({ deviceId: b.deviceId, level: 1 })))).toBe('NOT_FOUND');
    for (const who of ['manager', 'worker'] as const) {
      const user = await signedInUser(db, a, who);
      expect(await trpcCodeOf(user.console((c) => c.devices.setThreshold({ deviceId: a.deviceId, level: 1 })))).toBe('FORBIDDEN');
    }
    const devices = await adminDb.agentDevice.findMany({ where: { id: { in: [a.deviceId, b.deviceId] } }, select: { thresholdLevel: true } });
    expect(devices).toEqual([{ thresholdLevel: null }, { thresholdLevel: null }]);
    expect(await adminDb.auditLog.count({ where: { tenantId: { in: [a.tenantId, b.tenantId] }, action: { startsWith: 'agent.device.threshold' } } })).toBe(0);
  });
});
