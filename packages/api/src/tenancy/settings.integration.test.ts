import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { agentCaller, signedInUser } from '../testing/callers';
import { createTenantFixture, FIXTURE_PASSWORD } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import type { TenantSettingsInput } from './settings';

const { db, adminDb } = useTestDatabase();

const defaults: TenantSettingsInput = {
  thresholdLevel: 3, detectionIntervalSec: 10, awayAfterChecks: 3, impersonationAfterChecks: 2, captureIntervalMin: 5, autoPunchFromPresence: false,
  screenshotMode: 'FULL', redactionAreas: [], forgottenEndRule: 'AT_JST_MIDNIGHT', forgottenEndAfterHours: 12, retentionDays: 90,
};

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, fields: e.cause instanceof ZodError ? e.cause.issues.map((i) => i.path.join('.')) : [] };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('organisation settings (仕様書: アプリケーション動作設定)', () => {
  it('an admin saves them; the audit log keeps what changed; the agent gets them at its next heartbeat', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    expect(await admin.console((c) => c.tenant.settings())).toEqual({ ...defaults, redactionAreas: [] });
    const next: TenantSettingsInput = {
      ...defaults, thresholdLevel: 4, captureIntervalMin: 7, autoPunchFromPresence: true, screenshotMode: 'REDACTED',
      redactionAreas: [{ x: 0.5, y: 0, width: 0.5, height: 0.25 }], forgottenEndRule: 'AFTER_HOURS', forgottenEndAfterHours: 10, retentionDays: 60,
    };
    expect((await admin.console((c) => c.tenant.updateSettings(next))).changed.sort()).toEqual(
      ['autoPunchFromPresence', 'captureIntervalMin', 'forgottenEndAfterHours', 'forgottenEndRule', 'redactionAreas', 'retentionDays', 'screenshotMode', 'thresholdLevel'].sort(),
    );
    expect(await admin.console((c) => c.tenant.settings())).toEqual(next);
    const log = await adminDb.auditLog.findFirstOrThrow({ where: { tenantId: t.tenantId, action: 'tenant.settings.updated' } });
    expect(log.actorId).toBe(t.users.admin.id);
    expect(log.details).toMatchObject({ thresholdLevel: { from: 3, to: 4 }, retentionDays: { from: 90, to: 60 } });
    // Saving the same values again changes nothing and logs nothing.
    expect((await admin.console((c) => c.tenant.updateSettings(next))).changed).toEqual([]);
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: 'tenant.settings.updated' } })).toBe(1);

    const anon = await agentCaller(db, null);
    const { token } = await anon.agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'PC' });
    const agent = await agentCaller(db, token);
    const { settings } = await agent.agent.work.heartbeat({ agentVersion: '1.0.0' });
    expect(settings).toMatchObject({ thresholdLevel: 4, captureIntervalMin: 7, autoPunchFromPresence: true, screenshotMode: 'REDACTED', redactionAreas: next.redactionAreas });
  });

  it('refuses values out of range, areas off the screen and redaction without areas, keeping what was stored', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const bad: [TenantSettingsInput, string][] = [
      [{ ...defaults, thresholdLevel: 6 }, 'thresholdLevel'],
      [{ ...defaults, detectionIntervalSec: 1 }, 'detectionIntervalSec'],
      [{ ...defaults, retentionDays: 120 }, 'retentionDays'],
      [{ ...defaults, screenshotMode: 'REDACTED' }, 'redactionAreas'],
      [{ ...defaults, screenshotMode: 'REDACTED', redactionAreas: [{ x: 0.8, y: 0, width: 0.5, height: 0.1 }] }, 'redactionAreas.0'],
    ];
    for (const [input, field] of bad) {
      expect(await refusal(admin.console((c) => c.tenant.updateSettings(input)))).toEqual({ code: 'BAD_REQUEST', fields: [field] });
    }
    expect(await admin.console((c) => c.tenant.settings())).toEqual(defaults);
  });

  it('managers and workers cannot read or change them', async () => {
    const t = await createTenantFixture(adminDb);
    for (const who of ['manager', 'worker'] as const) {
      const user = await signedInUser(db, t, who);
      expect((await refusal(user.console((c) => c.tenant.settings()))).code).toBe('FORBIDDEN');
      expect((await refusal(user.console((c) => c.tenant.updateSettings({ ...defaults, thresholdLevel: 1 })))).code).toBe('FORBIDDEN');
    }
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId } })).thresholdLevel).toBe(3);
  });
});
