// The server's consent record (issue 20): what each worker agreed to in the agent, and whether the
// terms in force need a new consent: asked when they capture more, shown (not asked) when less.
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signedInAgent, trpcCodeOf } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';

const NOW = new Date('2026-11-10T01:00:00Z');
const { db, adminDb } = useTestDatabase();
let t: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  t = await createTenantFixture(adminDb);
  other = await createTenantFixture(adminDb);
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  return () => vi.useRealTimers();
});

const interval = { captureMode: 'INTERVAL_AND_INCIDENT', captureIntervalMin: 5, screenshotMode: 'REDUCED', retentionDays: 90 } as const;
const verdictOnly = { captureMode: 'VERDICT_ONLY', captureIntervalMin: null, screenshotMode: null, retentionDays: 90 } as const;

describe('the consent record', () => {
  it('asks until the worker agrees; reducing capture shows without asking; capturing more asks again', async () => {
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { captureMode: 'INTERVAL_AND_INCIDENT', captureIntervalMin: 5, screenshotMode: 'REDUCED', retentionDays: 90 } });
    const { caller } = await signedInAgent(db, t);
    expect(await caller.agent.consent.state()).toMatchObject({ terms: interval, consentedTerms: null, asks: true, reduced: false });
    expect((await caller.agent.work.heartbeat({})).consent).toEqual({ asks: true, reduced: false });

    const first = randomUUID();
    expect(await caller.agent.consent.record({ clientEventId: first, terms: interval, occurredAt: NOW })).toMatchObject({ consentedTerms: interval, consentedAt: NOW, asks: false, reduced: false });
    // A resend of the same event records nothing twice.
    await caller.agent.consent.record({ clientEventId: first, terms: interval, occurredAt: NOW });

    // The administrator switches to verdict-only: less is captured, shown but not asked.
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { captureMode: 'VERDICT_ONLY' } });
    expect((await caller.agent.work.heartbeat({})).consent).toEqual({ asks: false, reduced: true });
    await caller.agent.consent.record({ clientEventId: randomUUID(), terms: verdictOnly, occurredAt: NOW });
    expect((await caller.agent.work.heartbeat({})).consent).toEqual({ asks: false, reduced: false });

    // Back to interval capture: more than the terms last read, so asked again; so is a longer retention.
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { captureMode: 'INTERVAL_AND_INCIDENT' } });
    expect((await caller.agent.work.heartbeat({})).consent).toEqual({ asks: true, reduced: false });
    await caller.agent.consent.record({ clientEventId: randomUUID(), terms: interval, occurredAt: NOW });
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { retentionDays: 91 } });
    expect(await caller.agent.consent.state()).toMatchObject({ asks: true });

    const audit = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: 'capture.consent.recorded' }, orderBy: { createdAt: 'asc' }, select: { actorId: true, targetId: true, details: true } });
    expect(audit.map((a) => [a.actorId, a.targetId, (a.details as { asked: boolean }).asked, (a.details as { terms: { captureMode: string } }).terms.captureMode])).toEqual([
      [t.users.worker.id, t.users.worker.id, true, 'INTERVAL_AND_INCIDENT'],
      [t.users.worker.id, t.users.worker.id, false, 'VERDICT_ONLY'],
      [t.users.worker.id, t.users.worker.id, true, 'INTERVAL_AND_INCIDENT'],
    ]);
    // Another tenant's worker has no record of it.
    expect((await adminDb.user.findFirstOrThrow({ where: { tenantId: other.tenantId, id: other.users.worker.id } })).captureConsentTerms).toBeNull();
  });

  it('refuses terms that are not canonical or out of range (400), storing nothing; a user session is refused', async () => {
    const { caller } = await signedInAgent(db, other);
    const bad = [
      { ...verdictOnly, screenshotMode: 'FULL' },
      { ...interval, captureIntervalMin: null },
      { ...interval, retentionDays: 0 },
      { ...interval, extra: 1 },
    ];
    for (const terms of bad) {
      expect(await trpcCodeOf(caller.agent.consent.record({ clientEventId: randomUUID(), terms: terms as never, occurredAt: NOW }))).toBe('BAD_REQUEST');
    }
    expect(await adminDb.auditLog.count({ where: { tenantId: other.tenantId, action: 'capture.consent.recorded' } })).toBe(0);
    expect((await adminDb.user.findFirstOrThrow({ where: { tenantId: other.tenantId, id: other.users.worker.id } })).captureConsentTerms).toBeNull();
  });
});
