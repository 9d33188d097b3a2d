import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { getBlobStore } from '../storage';
import { signedInUser, trpcCodeOf } from '../testing/callers';
import { addWorker, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

// Issue 14: the administrator's actions on the workers listed for re-enrolment (photos the current
// face model could not describe): ask them by mail, remove the old photos. Through the console router,
// with the configured mailer (the outbox folder in tests) and blob store.
const { db, adminDb } = useTestDatabase();

let a: TenantFixture;
let b: TenantFixture;
beforeEach(async () => {
  a = await createTenantFixture(adminDb);
  b = await createTenantFixture(adminDb);
});

/** A face image row with its blob; `model` the descriptor's model, `error` the re-embedding job's refusal. */
async function face(t: TenantFixture, userId: string, model: string, error: string | null = null) {
  const blobKey = `${t.tenantId}/faces/${randomUUID()}.bin`;
  await getBlobStore().put(blobKey, new Uint8Array([1, 2, 3]));
  const row = await adminDb.faceImage.create({
    data: { tenantId: t.tenantId, userId, source: 'AGENT', blobKey, sha256: '0'.repeat(64), byteSize: 3, width: 640, height: 480, descriptorEncrypted: Buffer.alloc(1), descriptorModel: model, descriptorError: error, keyVersion: 1 },
  });
  return { id: row.id, blobKey };
}

describe('re-enrolment of faces the current model cannot use', () => {
  it('an administrator asks a listed worker by mail; the list shows when', async () => {
    await face(a, a.users.worker.id, 'human-faceres', 'FACE_NOT_FOUND');
    const admin = await signedInUser(db, a, 'admin');
    const before = await admin.console((c) => c.evidence.facesToReenrol());
    expect(before).toEqual([expect.objectContaining({ userId: a.users.worker.id, loginId: 'worker', hasEmail: true, currentPhotos: 0, lastRequestedAt: null })]);

    expect(await admin.console((c) => c.evidence.requestReenrolment({ userId: a.users.worker.id }))).toEqual({ sent: true });
    const email = (await adminDb.user.findFirstOrThrow({ where: { id: a.users.worker.id } })).email;
    const mail = (await admin.console((c) => c.mail.outbox())).find((m) => m.to.includes(email ?? '-'));
    expect(mail?.subject).toContain('顔の再登録');
    expect(mail?.text).toContain('Enrol face');
    const after = await admin.console((c) => c.evidence.facesToReenrol());
    expect(after[0]?.lastRequestedAt).toBeInstanceOf(Date);
    expect(await adminDb.auditLog.count({ where: { tenantId: a.tenantId, action: 'face.reenrol_requested', targetId: a.users.worker.id } })).toBe(1);
  });

  it('refuses to ask a worker without an address or with nothing to re-enrol', async () => {
    const admin = await signedInUser(db, a, 'admin');
    const noAddress = await addWorker(adminDb, a);
    await face(a, noAddress, 'human-faceres', 'IMAGE_MISSING');
    await expect(admin.console((c) => c.evidence.requestReenrolment({ userId: noAddress }))).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', cause: { details: { reason: 'NO_EMAIL' } } });
    await face(a, a.users.manager.id, DESCRIPTOR_MODEL_VERSION);
    await expect(admin.console((c) => c.evidence.requestReenrolment({ userId: a.users.manager.id }))).rejects.toMatchObject({ cause: { details: { reason: 'NOTHING_TO_REENROL' } } });
    expect(await adminDb.auditLog.count({ where: { tenantId: a.tenantId, action: 'face.reenrol_requested' } })).toBe(0);
  });

  it('removing the old photos keeps the current ones, deletes the blobs and takes the worker off the list', async () => {
    const failed = await face(a, a.users.worker.id, 'human-faceres', 'FACE_NOT_FOUND');
    const waiting = await face(a, a.users.worker.id, 'human-faceres');
    const current = await face(a, a.users.worker.id, DESCRIPTOR_MODEL_VERSION);
    const admin = await signedInUser(db, a, 'admin');
    expect(await admin.console((c) => c.evidence.resetStaleEnrolment({ userId: a.users.worker.id }))).toEqual({ deleted: 2, currentPhotos: 1 });
    expect((await adminDb.faceImage.findMany({ where: { tenantId: a.tenantId, userId: a.users.worker.id }, select: { id: true } })).map((r) => r.id)).toEqual([current.id]);
    expect(await getBlobStore().exists(failed.blobKey)).toBe(false);
    expect(await getBlobStore().exists(waiting.blobKey)).toBe(false);
    expect(await getBlobStore().exists(current.blobKey)).toBe(true);
    expect(await admin.console((c) => c.evidence.facesToReenrol())).toEqual([]);
    const log = await adminDb.auditLog.findFirstOrThrow({ where: { tenantId: a.tenantId, action: 'face.enrolment_reset' } });
    expect(log).toMatchObject({ targetId: a.users.worker.id, details: { deleted: 2, reasons: ['FACE_NOT_FOUND', 'WAITING'], currentPhotos: 1 } });
  });

  it('another tenant’s administrator gets NOT_FOUND and changes nothing; a manager is refused', async () => {
    const stale = await face(a, a.users.worker.id, 'human-faceres', 'FACE_NOT_FOUND');
    const other = await signedInUser(db, b, 'admin');
    expect(await trpcCodeOf(other.console((c) => c.evidence.requestReenrolment({ userId: a.users.worker.id })))).toBe('NOT_FOUND');
    expect(await trpcCodeOf(other.console((c) => c.evidence.resetStaleEnrolment({ userId: a.users.worker.id })))).toBe('NOT_FOUND');
    expect(await other.console((c) => c.evidence.facesToReenrol())).toEqual([]);
    const manager = await signedInUser(db, a, 'manager');
    expect(await trpcCodeOf(manager.console((c) => c.evidence.resetStaleEnrolment({ userId: a.users.worker.id })))).toBe('FORBIDDEN');
    expect(await adminDb.faceImage.count({ where: { tenantId: a.tenantId, id: stale.id } })).toBe(1);
    expect(await getBlobStore().exists(stale.blobKey)).toBe(true);
    expect(await adminDb.auditLog.count({ where: { tenantId: { in: [a.tenantId, b.tenantId] }, action: { in: ['face.reenrol_requested', 'face.enrolment_reset'] } } })).toBe(0);
  });
});
