// Face enrolment under the privacy modes (issue 20), over real HTTP: in verdict-only mode no enrolment
// photo is stored (from the agent or the console); the agent enrols with descriptors only, which are
// validated, readable by the agent's matcher, and listed for re-enrolment once their model is stale.
import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTenant, type CaptureMode } from '@telework/db';
import { DESCRIPTOR_MODEL_VERSION, LEGACY_DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { apiEnv } from '../env';
import { deviceToken, imageForm, makeJpeg, storedImages } from '../evidence/test-helpers';
import { signedInUser } from '../testing/callers';
import { trpcRefusal, useConsoleHttpServer } from '../testing/console-http';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { getMasterKeyring } from '../crypto';
import { facesToReenrol, reembedFaceDescriptors } from '../evidence/face-reembed';
import { uploadForm } from '../evidence/upload-form';
import { getBlobStore } from '../storage';

await vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  process.env.MASTER_KEY = randomBytes(32).toString('base64');
  process.env.BLOB_DIR = mkdtempSync(path.join(tmpdir(), 'enrol-mode-'));
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



const descriptor = (seed: number, length = 128) => Array.from({ length }, (_, i) => Math.sin(seed * 31 + i) / 4);
const facePhoto = makeJpeg(320, 240, { noise: 30 });
const photoForm = () => imageForm({ kind: 'face', clientId: randomUUID(), descriptor: JSON.stringify(descriptor(1)) }, facePhoto);

async function setTenantMode(mode: CaptureMode) {
  await adminDb.tenant.update({ where: { id: t.tenantId }, data: { captureMode: mode } });
}

describe('enrolment photos in verdict-only mode', () => {
  const forbidden = { code: 'PRECONDITION_FAILED', httpStatus: 412, appCode: 'RULE_VIOLATION', reason: 'CAPTURE_MODE_FORBIDS' };

  it('the agent’s enrolment photo is refused with 412 and nothing is stored; under the other modes it is stored', async () => {
    await setTenantMode('VERDICT_ONLY');
    const before = await storedImages(adminDb, t.tenantId, blobDir);
    expect(await refusal(agent().agent.uploads.image.mutate(photoForm()))).toEqual(forbidden);
    expect(await storedImages(adminDb, t.tenantId, blobDir)).toEqual(before);
    await setTenantMode('INCIDENT_ONLY');
    expect(await agent().agent.uploads.image.mutate(photoForm())).toMatchObject({ kind: 'face', duplicate: false });
    expect(await storedImages(adminDb, t.tenantId, blobDir)).toEqual({ ...before, faces: before.faces + 1, files: before.files + 1 });
  });

  it('a group’s verdict-only override refuses it too, and so does an administrator’s photo from the console', async () => {
    await setTenantMode('INTERVAL_AND_INCIDENT');
    await adminDb.group.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.groupId } }, data: { captureMode: 'VERDICT_ONLY' } });
    try {
      const before = await storedImages(adminDb, t.tenantId, blobDir);
      expect(await refusal(agent().agent.uploads.image.mutate(photoForm()))).toEqual(forbidden);
      let describerCalled = false;
      const fromConsole = uploadForm(
        { db, store: getBlobStore(), keyring: getMasterKeyring() },
        { kind: 'admin', tenantId: t.tenantId, userId: t.users.admin.id },
        imageForm({ kind: 'face', clientId: randomUUID(), userId: t.users.worker.id }, facePhoto),
        { maxBytes: apiEnv.UPLOAD_MAX_BYTES, ip: null, describeFace: () => ((describerCalled = true), Promise.resolve(descriptor(2))) },
      );
      await expect(fromConsole).rejects.toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'CAPTURE_MODE_FORBIDS', captureMode: 'VERDICT_ONLY' } });
      // Refused before the photo was even analysed.
      expect(describerCalled).toBe(false);
      expect(await storedImages(adminDb, t.tenantId, blobDir)).toEqual(before);
    } finally {
      await adminDb.group.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.groupId } }, data: { captureMode: null } });
    }
  });
});

describe('descriptor-only enrolment (agent.faces.enrol)', () => {
  it('stores the descriptors with their model and no image; the agent reads them back; a resend stores nothing twice', async () => {
    await setTenantMode('VERDICT_ONLY');
    await adminDb.faceImage.deleteMany({ where: { tenantId: t.tenantId } });
    const before = await storedImages(adminDb, t.tenantId, blobDir);
    const faces = [{ clientId: randomUUID(), descriptor: descriptor(3) }, { clientId: randomUUID(), descriptor: descriptor(4) }];
    const sent = await agent().agent.faces.enrol.mutate({ model: DESCRIPTOR_MODEL_VERSION, faces });
    expect(sent.faces.map((f) => f.duplicate)).toEqual([false, false]);
    expect(await storedImages(adminDb, t.tenantId, blobDir)).toEqual({ ...before, faces: before.faces + 2 });
    const rows = await adminDb.faceImage.findMany({ where: { tenantId: t.tenantId }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => ({ blobKey: r.blobKey, sha256: r.sha256, byteSize: r.byteSize, width: r.width, height: r.height, source: r.source, model: r.descriptorModel }))).toEqual([
      { blobKey: null, sha256: null, byteSize: null, width: null, height: null, source: 'AGENT', model: DESCRIPTOR_MODEL_VERSION },
      { blobKey: null, sha256: null, byteSize: null, width: null, height: null, source: 'AGENT', model: DESCRIPTOR_MODEL_VERSION },
    ]);
    // Sealed, not stored in the clear.
    expect(rows[0]?.descriptorEncrypted.length).toBeGreaterThan(128 * 4);
    // Both rows have the same (fixed) creation time, so their order is not defined: compared as a set.
    const rounded = (d: number[]) => d.map((x) => Math.round(x * 1e5)).join(',');
    const read = await agent().agent.faces.descriptors.query();
    expect(read.faces.map((f) => rounded(f.descriptor)).sort()).toEqual(faces.map((f) => rounded(f.descriptor)).sort());
    const again = await agent().agent.faces.enrol.mutate({ model: DESCRIPTOR_MODEL_VERSION, faces });
    expect(again.faces.map((f) => f.duplicate)).toEqual([true, true]);
    expect(await adminDb.faceImage.count({ where: { tenantId: t.tenantId } })).toBe(before.faces + 2);
    // The console lists them with no image link.
    const admin = await signedInUser(db, t, 'admin');
    const listed = await admin.console((c) => c.evidence.faces({ userId: t.users.worker.id }));
    expect(listed.map((f) => f.imageUrl)).toEqual([null, null]);
  });

  it('refuses a wrong length, non-finite numbers and an unknown model with a typed 400, storing nothing', async () => {
    await setTenantMode('VERDICT_ONLY');
    const before = await storedImages(adminDb, t.tenantId, blobDir);
    const bad = (model: string, values: number[]) => refusal(agent().agent.faces.enrol.mutate({ model, faces: [{ clientId: randomUUID(), descriptor: values }] }));
    expect(await bad(DESCRIPTOR_MODEL_VERSION, descriptor(5, 127))).toMatchObject({ httpStatus: 400, appCode: 'VALIDATION', reason: 'DESCRIPTOR_INVALID' });
    // The legacy model's descriptors are 1024 numbers: 128 is not one of them.
    expect(await bad(LEGACY_DESCRIPTOR_MODEL_VERSION, descriptor(5))).toMatchObject({ httpStatus: 400, appCode: 'VALIDATION', reason: 'DESCRIPTOR_INVALID' });
    expect(await bad('someone-elses-net-v9', descriptor(5))).toMatchObject({ httpStatus: 400, appCode: 'VALIDATION', reason: 'UNKNOWN_DESCRIPTOR_MODEL' });
    expect(await bad('constructor', descriptor(5))).toMatchObject({ httpStatus: 400, reason: 'UNKNOWN_DESCRIPTOR_MODEL' });
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const values = descriptor(5);
      values[7] = x;
      expect(await bad(DESCRIPTOR_MODEL_VERSION, values)).toMatchObject({ httpStatus: 400, code: 'BAD_REQUEST' });
    }
    expect(await storedImages(adminDb, t.tenantId, blobDir)).toEqual(before);
  });

  it('a stale model’s descriptor-only enrolment is listed for re-enrolment with reason DESCRIPTOR_ONLY; the job leaves it alone', async () => {
    await setTenantMode('VERDICT_ONLY');
    await adminDb.faceImage.deleteMany({ where: { tenantId: t.tenantId } });
    // An agent still on the previous model (faceres, 1024 numbers) enrols its worker.
    const [stale] = (await agent().agent.faces.enrol.mutate({ model: LEGACY_DESCRIPTOR_MODEL_VERSION, faces: [{ clientId: randomUUID(), descriptor: descriptor(6, 1024) }] })).faces;
    // Its numbers are never handed to the current matcher.
    expect(await agent().agent.faces.descriptors.query()).toMatchObject({ faces: [], otherModel: 1 });
    const job = await reembedFaceDescriptors({ db, store: getBlobStore(), keyring: getMasterKeyring() }, t.tenantId, () => Promise.reject(new Error('there is no photo to describe')));
    expect(job).toEqual({ reembedded: 0, failed: 0 });
    const listed = await withTenant(db, t.tenantId, (tx) => facesToReenrol(tx, { tenantId: t.tenantId }));
    expect(listed).toEqual([
      {
        userId: t.users.worker.id, name: expect.any(String), loginId: 'worker', hasEmail: true, lastRequestedAt: null, currentPhotos: 0,
        photos: [{ faceImageId: stale?.faceImageId, model: LEGACY_DESCRIPTOR_MODEL_VERSION, reason: 'DESCRIPTOR_ONLY', hasImage: false, createdAt: expect.any(Date) }],
      },
    ]);
    // Once the worker enrols again with the current model, the worker has a current descriptor.
    await agent().agent.faces.enrol.mutate({ model: DESCRIPTOR_MODEL_VERSION, faces: [{ clientId: randomUUID(), descriptor: descriptor(7) }] });
    const after = await withTenant(db, t.tenantId, (tx) => facesToReenrol(tx, { tenantId: t.tenantId }));
    expect(after).toMatchObject([{ userId: t.users.worker.id, currentPhotos: 1 }]);
    // Another tenant lists none of it.
    expect(await withTenant(db, other.tenantId, (tx) => facesToReenrol(tx, { tenantId: other.tenantId }))).toEqual([]);
  });
});
