// Privacy modes (issue 20) end to end on the server: over real HTTP, an agent that uploads everything
// it took (as an old or altered agent would) and a server that stores exactly what the worker's mode
// allows. The expected rows are written out per mode by hand, not computed by the code under test.
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTenant, type CaptureMode } from '@telework/db';
import { apiEnv } from '../env';
import { deviceToken, imageForm, makeJpeg, storedImages } from '../evidence/test-helpers';
import { signedInUser, trpcCodeOf } from '../testing/callers';
import { trpcRefusal, useConsoleHttpServer } from '../testing/console-http';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { effectiveCaptureMode } from './capture-mode';
import { getMasterKeyring } from '../crypto';
import { purgeExpired } from '../evidence/retention';
import { verifyEvidence, type TenantRunner } from '../evidence/verify';
import { getBlobStore } from '../storage';

await vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  process.env.MASTER_KEY = randomBytes(32).toString('base64');
  process.env.BLOB_DIR = mkdtempSync(path.join(tmpdir(), 'capture-mode-'));
});
const blobDir = apiEnv.BLOB_DIR;
const NOW = new Date('2026-11-10T01:00:00Z'); // 10:00 JST, a Tuesday

const { db, adminDb } = useTestDatabase();
const http = useConsoleHttpServer(db, '203.0.113.31');
let t: TenantFixture;
let other: TenantFixture;
let token = '';

beforeAll(async () => {
  t = await createTenantFixture(adminDb);
  other = await createTenantFixture(adminDb);
  token = await deviceToken(adminDb, t.tenantId, t.deviceId);
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  return () => vi.useRealTimers();
});

const agent = () => http.agent(token);
const refusal = trpcRefusal;


const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
const camera = makeJpeg(320, 240, { noise: 30 });
const screen = makeJpeg(800, 450, { noise: 30 });

/**
 * One worker's morning as the agent reports it: an interval capture (camera + screen), a peeking
 * incident with its two images, another interval capture. Every image is offered to the server.
 * Returns what was accepted, as `trigger:kind` labels, and the refusals' reasons.
 */
async function morning() {
  const accepted: string[] = [];
  const refused: string[] = [];
  const send = async (trigger: 'INTERVAL' | 'INCIDENT', kind: 'CAMERA' | 'SCREEN', minute: number, incidentClientEventId?: string) => {
    const fields = { kind: 'evidence', evidenceKind: kind, clientId: randomUUID(), trigger, capturedAt: at(minute), ...(incidentClientEventId ? { incidentClientEventId } : {}) };
    try {
      await agent().agent.uploads.image.mutate(imageForm(fields, kind === 'CAMERA' ? camera : screen));
      accepted.push(`${trigger}:${kind}`);
    } catch (e) {
      const r = await refusal(Promise.reject(e));
      refused.push(`${r.httpStatus}:${r.appCode}/${r.reason}`);
    }
  };
  await send('INTERVAL', 'CAMERA', -30);
  await send('INTERVAL', 'SCREEN', -30);
  const incidentId = randomUUID();
  await agent().agent.work.incident.mutate({ clientEventId: incidentId, kind: 'PEEKING', faceCount: 2, similarity: 0.81, occurredAt: new Date(at(-20)) });
  await send('INCIDENT', 'CAMERA', -20, incidentId);
  await send('INCIDENT', 'SCREEN', -20, incidentId);
  await send('INTERVAL', 'CAMERA', -10);
  await send('INTERVAL', 'SCREEN', -10);
  return { accepted, refused, incidentId };
}

async function setTenantMode(mode: CaptureMode) {
  await adminDb.tenant.update({ where: { id: t.tenantId }, data: { captureMode: mode } });
}

describe('the server stores exactly the images the worker’s mode allows', () => {
  const forbidden = '412:RULE_VIOLATION/CAPTURE_MODE_FORBIDS';
  const cases: { mode: CaptureMode; accepted: string[]; refused: string[] }[] = [
    { mode: 'INTERVAL_AND_INCIDENT', accepted: ['INTERVAL:CAMERA', 'INTERVAL:SCREEN', 'INCIDENT:CAMERA', 'INCIDENT:SCREEN', 'INTERVAL:CAMERA', 'INTERVAL:SCREEN'], refused: [] },
    { mode: 'INCIDENT_ONLY', accepted: ['INCIDENT:CAMERA', 'INCIDENT:SCREEN'], refused: [forbidden, forbidden, forbidden, forbidden] },
    { mode: 'VERDICT_ONLY', accepted: [], refused: [forbidden, forbidden, forbidden, forbidden, forbidden, forbidden] },
  ];
  for (const c of cases) {
    it(`${c.mode}: ${c.accepted.length} of 6 images stored, the others refused with 412 and nothing written`, async () => {
      await setTenantMode(c.mode);
      const before = await storedImages(adminDb, t.tenantId, blobDir);
      const r = await morning();
      expect(r.accepted).toEqual(c.accepted);
      expect(r.refused).toEqual(c.refused);
      const after = await storedImages(adminDb, t.tenantId, blobDir);
      expect(after).toEqual({ ...before, rows: before.rows + c.accepted.length, files: before.files + c.accepted.length });
      // The incident is kept whatever the mode, with its verdict data and the mode it arrived under.
      const incident = await adminDb.incident.findFirstOrThrow({ where: { tenantId: t.tenantId, clientEventId: r.incidentId }, include: { evidence: true } });
      expect(incident).toMatchObject({ kind: 'PEEKING', faceCount: 2, similarity: 0.81, captureMode: c.mode });
      expect(incident.evidence.map((e) => `${e.trigger}:${e.kind}`).sort()).toEqual(c.accepted.filter((a) => a.startsWith('INCIDENT')).sort());
    });
  }

  it('a group override wins over the tenant, and the heartbeat tells the agent the mode in force', async () => {
    await setTenantMode('INTERVAL_AND_INCIDENT');
    await adminDb.group.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.groupId } }, data: { captureMode: 'VERDICT_ONLY' } });
    try {
      const beat = await agent().agent.work.heartbeat.mutate({ agentVersion: '1.0.0' });
      expect(beat.settings).toMatchObject({ captureMode: 'VERDICT_ONLY', retentionDays: 90, captureIntervalMin: 5 });
      const r = await morning();
      expect(r.accepted).toEqual([]);
    } finally {
      await adminDb.group.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.groupId } }, data: { captureMode: null } });
    }
  });
});

describe('image-less incidents and what reads evidence', () => {
  it('the integrity check passes over a chain with verdict-only incidents; retention removes them like any other', async () => {
    await setTenantMode('VERDICT_ONLY');
    await morning();
    const inTenant: TenantRunner = (fn) => withTenant(db, t.tenantId, fn);
    const rows = await adminDb.evidence.count({ where: { tenantId: t.tenantId } });
    const imageless = await adminDb.incident.count({ where: { tenantId: t.tenantId, evidence: { none: {} } } });
    expect(imageless).toBeGreaterThan(0);
    expect(await verifyEvidence(inTenant, getBlobStore(), getMasterKeyring(), { tenantId: t.tenantId })).toMatchObject({ ok: true, checkedRows: rows, checkedBlobs: rows, problems: [] });
    const incidents = await adminDb.incident.count({ where: { tenantId: t.tenantId } });
    // 91 days on, everything of that morning is past the 90-day retention.
    const counts = await purgeExpired(db, getBlobStore(), t.tenantId, new Date(NOW.getTime() + 91 * 86_400_000));
    expect(counts).toMatchObject({ evidence: rows, blobs: rows, incidents });
    expect(await adminDb.incident.count({ where: { tenantId: t.tenantId } })).toBe(0);
    expect(await verifyEvidence(inTenant, getBlobStore(), getMasterKeyring(), { tenantId: t.tenantId })).toMatchObject({ ok: true, checkedRows: 0, problems: [] });
  });
});

describe('effective mode', () => {
  it('a sub-group inherits its parent’s override; a worker in two groups gets the one capturing least', async () => {
    const g = (name: string, parentId: string | null, captureMode: CaptureMode | null) =>
      adminDb.group.create({ data: { tenantId: other.tenantId, name, parentId, captureMode }, select: { id: true } });
    const parent = await g('本部', null, 'INCIDENT_ONLY');
    const child = await g('本部/一課', parent.id, null);
    const loose = await g('広報', null, 'INTERVAL_AND_INCIDENT');
    const worker = other.users.worker.id;
    await adminDb.tenant.update({ where: { id: other.tenantId }, data: { captureMode: 'VERDICT_ONLY' } });
    const mode = () => withTenant(db, other.tenantId, (tx) => effectiveCaptureMode(tx, { tenantId: other.tenantId, userId: worker }));
    // The fixture's group has no override: the tenant's mode applies.
    expect(await mode()).toEqual({ mode: 'VERDICT_ONLY', source: { kind: 'TENANT' } });
    // A group override wins over the tenant even when it captures more.
    await adminDb.groupMembership.create({ data: { tenantId: other.tenantId, groupId: loose.id, userId: worker, kind: 'MEMBER' } });
    expect(await mode()).toEqual({ mode: 'INTERVAL_AND_INCIDENT', source: { kind: 'GROUP', groupId: loose.id } });
    await adminDb.groupMembership.create({ data: { tenantId: other.tenantId, groupId: child.id, userId: worker, kind: 'MEMBER' } });
    expect(await mode()).toEqual({ mode: 'INCIDENT_ONLY', source: { kind: 'GROUP', groupId: parent.id } });
    // Managing a group is not being monitored under it.
    expect(await withTenant(db, other.tenantId, (tx) => effectiveCaptureMode(tx, { tenantId: other.tenantId, userId: other.users.manager.id }))).toEqual({ mode: 'VERDICT_ONLY', source: { kind: 'TENANT' } });
  });
});

describe('capture mode procedures', () => {
  it('admins set the tenant’s and a group’s mode; each change is audited once, with from and to', async () => {
    await setTenantMode('INTERVAL_AND_INCIDENT');
    const admin = await signedInUser(db, t, 'admin');
    expect(await admin.console((c) => c.tenant.setCaptureMode({ captureMode: 'INCIDENT_ONLY' }))).toEqual({ changed: true });
    expect(await admin.console((c) => c.tenant.setCaptureMode({ captureMode: 'INCIDENT_ONLY' }))).toEqual({ changed: false });
    expect(await admin.console((c) => c.tenant.setGroupCaptureMode({ groupId: t.groupId, captureMode: 'VERDICT_ONLY' }))).toEqual({ changed: true });
    const modes = await admin.console((c) => c.tenant.captureModes());
    expect(modes.captureMode).toBe('INCIDENT_ONLY');
    expect(modes.groups).toEqual([{ id: t.groupId, name: '営業部', parentId: null, captureMode: 'VERDICT_ONLY' }]);
    expect(await admin.console((c) => c.tenant.setGroupCaptureMode({ groupId: t.groupId, captureMode: null }))).toEqual({ changed: true });
    const audit = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: { endsWith: 'capture_mode.updated' } }, orderBy: { createdAt: 'asc' }, select: { action: true, details: true, actorId: true } });
    expect(audit).toEqual([
      { action: 'tenant.capture_mode.updated', details: { from: 'INTERVAL_AND_INCIDENT', to: 'INCIDENT_ONLY' }, actorId: t.users.admin.id },
      { action: 'group.capture_mode.updated', details: { from: null, to: 'VERDICT_ONLY' }, actorId: t.users.admin.id },
      { action: 'group.capture_mode.updated', details: { from: 'VERDICT_ONLY', to: null }, actorId: t.users.admin.id },
    ]);
  });

  it('managers and workers are refused; another tenant’s group is NOT_FOUND and unchanged', async () => {
    for (const who of ['manager', 'worker'] as const) {
      const user = await signedInUser(db, t, who);
      expect(await trpcCodeOf(user.console((c) => c.tenant.setCaptureMode({ captureMode: 'VERDICT_ONLY' })))).toBe('FORBIDDEN');
      expect(await trpcCodeOf(user.console((c) => c.tenant.captureModes()))).toBe('FORBIDDEN');
    }
    const admin = await signedInUser(db, t, 'admin');
    expect(await trpcCodeOf(admin.console((c) => c.tenant.setGroupCaptureMode({ groupId: other.groupId, captureMode: 'VERDICT_ONLY' })))).toBe('NOT_FOUND');
    expect((await adminDb.group.findFirstOrThrow({ where: { tenantId: other.tenantId, id: other.groupId } })).captureMode).toBeNull();
    expect(await trpcCodeOf(admin.console((c) => c.tenant.setCaptureMode({ captureMode: 'OFF' as CaptureMode })))).toBe('BAD_REQUEST');
  });
});
