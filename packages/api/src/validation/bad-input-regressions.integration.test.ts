import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TRPCError } from '@trpc/server';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../testing/fixtures';
import { agentCaller, signedInAgent, signedInProvider, signedInUser } from '../testing/callers';
import { LocalBlobStore } from '../storage/local-blob-store';
import { handleImage } from '../http/images';
import type { EvidenceDeps } from '../evidence/deps';
import { storeEvidence } from '../evidence/store-evidence';
import { makeJpeg, randomKeyring } from '../evidence/test-helpers';
import { uploadForm } from '../evidence/upload-form';

// Issue 15 item 6 and "time bounds at every boundary": the requests of the report, replayed as a client
// sends them. Each was a 500 (or was accepted); each must now be a typed 4xx that stores nothing.

const { db, adminDb } = useTestDatabase();
let t: TenantFixture;
let operatorEmail = '';

beforeAll(async () => {
  t = await createTenantFixture(adminDb);
  operatorEmail = (await createOperatorFixture(adminDb)).email;
});
afterEach(() => vi.useRealTimers());

const NUL = 'テスト\u0000名前';
const LONE = 'テスト\uD83D名前'; // the first half of an emoji, alone

/** The tRPC code and appCode-like reason a call ends with. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; reason?: unknown }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, reason: (e.cause as { details?: { reason?: unknown } } | undefined)?.details?.reason };
    throw e;
  }
  return { code: 'OK' };
}

/** Rows of the tenant in the tables these requests would write. */
async function tenantRows(tenantId: string) {
  const where = { where: { tenantId } };
  const [users, groups, tasks, inquiries, schedules, judgements, privacy, devices, punches, presence, evidence] = await Promise.all([
    adminDb.user.count(where), adminDb.group.count(where), adminDb.task.count(where), adminDb.inquiry.count(where), adminDb.workSchedule.count(where),
    adminDb.incidentJudgement.count(where), adminDb.personalDataRequest.count(where), adminDb.agentDevice.count(where), adminDb.punch.count(where),
    adminDb.presenceEvent.count(where), adminDb.evidence.count(where),
  ]);
  return { users, groups, tasks, inquiries, schedules, judgements, privacy, devices, punches, presence, evidence };
}

describe('NUL bytes and lone surrogates in text fields → BAD_REQUEST, nothing stored', () => {
  it('every text field the report names, with a NUL byte and with a lone surrogate', async () => {
    const admin = await signedInUser(db, t, 'admin');
    const incident = await adminDb.incident.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt: new Date() } });
    const agent = (await signedInAgent(db, t)).caller;
    const anonymousAgent = await agentCaller(db, null);
    const before = await tenantRows(t.tenantId);
    for (const bad of [NUL, LONE]) {
      const requests: [string, () => Promise<unknown>][] = [
        ['users.create', () => admin.console((c) => c.users.create({ loginId: `n${randomUUID().slice(0, 6)}`, name: bad, role: 'WORKER', language: 'ja', groupIds: [] }))],
        ['groups.create', () => admin.console((c) => c.groups.create({ name: bad, parentId: null, managerIds: [] }))],
        ['tasks.create', () => admin.console((c) => c.tasks.create({ code: 'NUL1', name: bad, active: true }))],
        ['support.open', () => admin.console((c) => c.support.open({ systemId: t.systemId, administratorName: 'admin', subject: bad, body: '本文' }))],
        ['profile.update', () => admin.console((c) => c.profile.update({ name: bad, language: 'ja' }))],
        ['schedules.setDay', () => admin.console((c) => c.schedules.setDay({ userId: t.users.worker.id, date: '2026-11-30', plan: { startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: false, note: bad } }))],
        ['evidence.judge', () => admin.console((c) => c.evidence.judge({ incidentId: incident.id, verdict: 'FALSE_ALARM', comment: bad }))],
        ['privacy.request', () => admin.console((c) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: t.users.worker.id, details: bad }))],
        ['agent.auth.signIn', () => anonymousAgent.agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: bad })],
        ['agent.work.heartbeat', () => agent.agent.work.heartbeat({ agentVersion: '1.0.0', cameraLabel: bad })],
        ['auth.signIn (the password)', () => anonymousAgent.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: bad })],
      ];
      for (const [name, request] of requests) {
        expect([name, await refusal(request())]).toEqual([name, { code: 'BAD_REQUEST', reason: bad === NUL ? 'TEXT_NUL' : 'TEXT_LONE_SURROGATE' }]);
      }
    }
    expect(await tenantRows(t.tenantId)).toEqual(before);
  });

  it('provider side: notices and contract applications', async () => {
    const op = await signedInProvider(db, 'operator', operatorEmail);
    // A marker of this test, so that rows other test files wrote to the shared database do not count.
    const marker = randomUUID();
    const notice = await refusal(op.reseller((c) => c.operator.notices.create({ kind: 'GENERAL', audience: 'ALL_TENANTS', titleJa: `${marker}${NUL}`, bodyJa: '本文' })));
    const application = await refusal(op.reseller((c) => c.operator.contracts.submitDirect({
      companyName: `${marker}${LONE}`, isDomesticEntity: true, postalCode: '100-0001', address: '東京都千代田区1-1', phone: '03-1234-5678',
      administrators: [{ name: '管理 太郎', email: 'admin@example.com' }], seats: 5, termMonths: 12, desiredStartDate: '2027-01-01', annualFee: 120_000, agreedToTerms: true,
    })));
    expect([notice, application]).toEqual([{ code: 'BAD_REQUEST', reason: 'TEXT_NUL' }, { code: 'BAD_REQUEST', reason: 'TEXT_LONE_SURROGATE' }]);
    expect(await adminDb.notice.count({ where: { titleJa: { startsWith: marker } } })).toBe(0);
    expect(await adminDb.application.count({ where: { companyName: { startsWith: marker } } })).toBe(0);
  });
});

describe('business dates outside 2000–2100 → BAD_REQUEST', () => {
  it('schedules, holidays and analytics.mine (any worker) refuse year 1 and year 9999; 2000-01-01 and 2100-12-31 are the limits', async () => {
    const worker = await signedInUser(db, t, 'worker');
    const admin = await signedInUser(db, t, 'admin');
    const before = await tenantRows(t.tenantId);
    for (const [from, to] of [['0001-01-01', '0001-01-31'], ['9999-12-01', '9999-12-31'], ['1999-12-31', '2000-01-10'], ['2100-12-01', '2101-01-01']]) {
      const ask = { from: from as string, to: to as string };
      expect(await refusal(worker.console((c) => c.analytics.mine(ask)))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await refusal(worker.console((c) => c.schedules.holidays(ask)))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await refusal(worker.console((c) => c.schedules.forUser({ ...ask, userId: t.users.worker.id })))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    for (const date of ['0001-01-01', '9999-12-31']) {
      expect(await refusal(admin.console((c) => c.schedules.setDay({ userId: t.users.worker.id, date, plan: { startMinute: 540, endMinute: 1080, breakMinutes: 60, isDayOff: false } })))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await refusal(admin.console((c) => c.schedules.setPattern({ userId: t.users.worker.id, validFrom: date, days: [] })))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect(await tenantRows(t.tenantId)).toEqual(before);
    // The first days inside the range still answer: 元日 and 成人の日 (the second Monday of January 2000).
    const holidays = await worker.console((c) => c.schedules.holidays({ from: '2000-01-01', to: '2000-01-10' }));
    expect(JSON.stringify(holidays)).toContain('2000-01-01');
    expect(JSON.stringify(holidays)).toContain('2000-01-10');
  });

  it('a contract application starting in year 1 and a notice in year 275760 are refused', async () => {
    const op = await signedInProvider(db, 'operator', operatorEmail);
    const form = {
      companyName: `株式会社年一${randomUUID().slice(0, 6)}`, isDomesticEntity: true, postalCode: '100-0001', address: '東京都千代田区1-1', phone: '03-1234-5678',
      administrators: [{ name: '管理 太郎', email: 'admin@example.com' }], seats: 5, termMonths: 12, desiredStartDate: '0001-01-01', annualFee: 120_000, agreedToTerms: true as const,
    };
    expect(await refusal(op.reseller((c) => c.operator.contracts.submitDirect(form)))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refusal(op.reseller((c) => c.operator.contracts.submitDirect({ ...form, desiredStartDate: '2027-01-01', isDomesticEntity: false })))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await adminDb.application.count({ where: { companyName: form.companyName } })).toBe(0);
    const title = `未来${randomUUID().slice(0, 6)}`;
    expect(await refusal(op.reseller((c) => c.operator.notices.create({ kind: 'GENERAL', audience: 'ALL_TENANTS', titleJa: title, bodyJa: '本文', publishAt: new Date('+275760-09-13T00:00:00Z') })))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refusal(op.reseller((c) => c.operator.notices.create({ kind: 'MAINTENANCE', audience: 'ALL_TENANTS', titleJa: title, bodyJa: '本文', maintenanceStartAt: new Date('0001-01-01T00:00:00Z') })))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await adminDb.notice.count({ where: { titleJa: title } })).toBe(0);
  });
});

describe('client timestamps within CLIENT_CLOCK_SKEW_MINUTES (a day) of the server clock', () => {
  const NOW = new Date('2026-12-07T03:00:00Z');
  const HOUR = 3_600_000;

  it('agent punches, presence and incidents dated more than a day away are refused; 23 hours away is taken', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const tenant = await createTenantFixture(adminDb);
    const agent = (await signedInAgent(db, tenant)).caller;
    const before = await tenantRows(tenant.tenantId);
    for (const occurredAt of [new Date(NOW.getTime() + 25 * HOUR), new Date(NOW.getTime() - 25 * HOUR), new Date('1900-01-01T00:00:00Z'), new Date('9999-12-31T00:00:00Z')]) {
      expect(await refusal(agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt }))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await refusal(agent.agent.work.presence({ clientEventId: randomUUID(), state: 'PRESENT', occurredAt }))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await refusal(agent.agent.work.incident({ clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt }))).toMatchObject({ code: 'BAD_REQUEST' });
      expect(await refusal(agent.agent.work.incident({ clientEventId: randomUUID(), kind: 'COVERED_CAMERA', faceCount: 0, occurredAt }))).toMatchObject({ code: 'BAD_REQUEST' });
    }
    // A covered camera that names faces or a similarity contradicts its own verdict (issue 14).
    expect(await refusal(agent.agent.work.incident({ clientEventId: randomUUID(), kind: 'COVERED_CAMERA', faceCount: 2, occurredAt: NOW }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await refusal(agent.agent.work.incident({ clientEventId: randomUUID(), kind: 'COVERED_CAMERA', faceCount: 0, similarity: 0.5, occurredAt: NOW }))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await tenantRows(tenant.tenantId)).toEqual(before);
    // An agent that was offline overnight still delivers what it queued.
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: new Date(NOW.getTime() - 23 * HOUR) });
    expect((await tenantRows(tenant.tenantId)).punches).toBe(before.punches + 1);
  });

  it('evidence captured in 1900, in 9999 or two days ahead is refused by agent.uploads.image; an hour ago is stored', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    const dir = await mkdtemp(join(tmpdir(), 'bounds-'));
    try {
      const deps: EvidenceDeps = { db, store: new LocalBlobStore(dir), keyring: randomKeyring() };
      const tenant = await createTenantFixture(adminDb);
      const uploader = { kind: 'device' as const, tenantId: tenant.tenantId, userId: tenant.users.worker.id, deviceId: tenant.deviceId };
      const form = (capturedAt: string) => {
        const f = new FormData();
        for (const [k, v] of Object.entries({ kind: 'evidence', evidenceKind: 'CAMERA', clientId: randomUUID(), trigger: 'INTERVAL', capturedAt })) f.append(k, v);
        f.append('image', new Blob([Buffer.from(makeJpeg(320, 240))], { type: 'image/jpeg' }), 'image.jpg');
        return f;
      };
      for (const at of ['1900-01-01T00:00:00Z', '9999-12-31T00:00:00Z', new Date(NOW.getTime() + 48 * HOUR).toISOString()]) {
        await expect(uploadForm(deps, uploader, form(at), { maxBytes: 2_000_000, ip: null })).rejects.toMatchObject({ code: 'VALIDATION' });
      }
      expect(await adminDb.evidence.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
      await uploadForm(deps, uploader, form(new Date(NOW.getTime() - HOUR).toISOString()), { maxBytes: 2_000_000, ip: null });
      expect(await adminDb.evidence.count({ where: { tenantId: tenant.tenantId } })).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('an image whose stored blob was altered', () => {
  it('answers 409 BLOB_ALTERED, not 500', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'altered-'));
    try {
      const store = new LocalBlobStore(dir);
      const deps: EvidenceDeps = { db, store, keyring: randomKeyring() };
      const { evidenceId } = await storeEvidence(deps, {
        tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, clientId: randomUUID(), kind: 'CAMERA', trigger: 'INTERVAL', incidentClientEventId: null, capturedAt: new Date(), bytes: makeJpeg(320, 240),
      });
      const admin = await signedInUser(db, t, 'admin');
      const get = () => handleImage(new Request(`http://127.0.0.1/api/images/${evidenceId}`, { headers: admin.httpHeaders() }), deps);
      expect((await get()).status).toBe(200);
      const { blobKey } = await adminDb.evidence.findFirstOrThrow({ where: { id: evidenceId }, select: { blobKey: true } });
      const sealed = await store.get(blobKey);
      if (!sealed) throw new Error('the blob was not stored');
      const altered = new Uint8Array(sealed);
      altered[altered.length - 10] = (altered[altered.length - 10] ?? 0) ^ 0x01;
      await store.put(blobKey, altered);
      const res = await get();
      expect([res.status, await res.json()]).toEqual([409, expect.objectContaining({ error: 'CONFLICT', reason: 'BLOB_ALTERED' })]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
