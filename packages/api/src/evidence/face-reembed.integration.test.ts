// Re-embedding after the face model upgrade, with the real face models on real photos: rows of the
// previous model get the current model's descriptor from their stored encrypted photo; a photo
// without a usable face or a lost image keeps its row and is listed for the administrator.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, faceSimilarity, fitWithin, loadNodeFaceAnalyzer, type NodeFaceAnalyzer } from '@telework/face';
import { fixture } from '@telework/face/testing';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { LocalBlobStore } from '../storage/local-blob-store';
import type { EvidenceDeps } from './deps';
import { describerFor } from './face-enrolment';
import { listOwnFaceDescriptors, readFaceDescriptor, storeFaceImage } from './face-images';
import { facesToReenrol, reembedFaceDescriptors } from './face-reembed';
import { randomKeyring } from './test-helpers';
import { open } from '../crypto/aead';
import { dataKeyVersion } from '../crypto/data-keys';
import { CAMERA_MAX, blobAad } from './deps';
import { decodeImage as decodeServerImage } from './image';
import { similarityThreshold } from '@telework/face/verdict';
import { withTenant } from '@telework/db';

const { db, adminDb } = useTestDatabase();
let dir = '';
let deps: EvidenceDeps;
let a: TenantFixture;
let b: TenantFixture;
let analyzer: NodeFaceAnalyzer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'face-reembed-'));
  deps = { db, store: new LocalBlobStore(dir), keyring: randomKeyring() };
  a = await createTenantFixture(adminDb);
  b = await createTenantFixture(adminDb);
  analyzer = await loadNodeFaceAnalyzer();
}, 120_000);
afterAll(async () => {
  analyzer.dispose();
  await rm(dir, { recursive: true, force: true });
});

function photo(name: string): Uint8Array {
  const rgb = fitWithin(decodeImage(readFileSync(fixture(name))));
  const rgba = Buffer.alloc(rgb.width * rgb.height * 4, 255);
  for (let p = 0; p < rgb.width * rgb.height; p++) rgba.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
  return new Uint8Array(jpeg.encode({ width: rgb.width, height: rgb.height, data: rgba }, 92).data);
}

/** An enrolment stored before the upgrade: marked as the old model's, as the migration leaves such rows. */
async function legacyEnrolment(t: TenantFixture, userId: string, bytes: Uint8Array) {
  const { faceImageId } = await storeFaceImage(deps, { tenantId: t.tenantId, userId, clientId: randomUUID(), source: 'AGENT', bytes, descriptor: { from: 'client', values: Array(128).fill(0.25) } });
  await adminDb.faceImage.update({ where: { tenantId_id: { tenantId: t.tenantId, id: faceImageId } }, data: { descriptorModel: 'human-faceres' } });
  return faceImageId;
}

/** The blob key of a row stored with its photo (every row this file stores has one). */
function blobKeyOf(row: { blobKey: string | null }): string {
  if (row.blobKey === null) throw new Error('a row with a photo');
  return row.blobKey;
}

describe('reembedFaceDescriptors', () => {
  it('re-computes the descriptor from the stored photo; a faceless photo and a lost image are listed, not lost', async () => {
    const vlado = await legacyEnrolment(a, a.users.worker.id, photo('person-vlado.jpg'));
    const empty = await legacyEnrolment(a, a.users.manager.id, photo('background.jpg'));
    const lost = await legacyEnrolment(a, a.users.manager.id, photo('person-tetiana.jpg'));
    const lostRow = await adminDb.faceImage.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: lost } } });
    await deps.store.delete(blobKeyOf(lostRow));
    const other = await legacyEnrolment(b, b.users.worker.id, photo('person-vlado.jpg'));

    // Before the job: the agent gets nothing to compare (the old model's numbers are never returned).
    const before = await withTenant(db, a.tenantId, (tx) => listOwnFaceDescriptors(tx, () => deps.keyring, { tenantId: a.tenantId, userId: a.users.worker.id }));
    expect(before).toMatchObject({ faces: [], otherModel: 1 });

    expect(await reembedFaceDescriptors(deps, a.tenantId, describerFor(async () => analyzer))).toEqual({ reembedded: 1, failed: 2 });

    // The worker's descriptor is now the current model's descriptor of that photo as stored (uploads are
    // re-encoded before they are stored), decoded as the server decodes it.
    const row = await adminDb.faceImage.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: vlado } } });
    const key = await withTenant(db, a.tenantId, (tx) => dataKeyVersion(tx, deps.keyring, a.tenantId, row.keyVersion));
    const sealed = await deps.store.get(blobKeyOf(row));
    if (!sealed) throw new Error('the enrolled photo is stored');
    const asStored = await describerFor(async () => analyzer)(await decodeServerImage(open(key.key, sealed, blobAad(a.tenantId, blobKeyOf(row))), CAMERA_MAX));
    const stored = await readFaceDescriptor(deps, a.tenantId, vlado);
    expect(stored).toHaveLength(128);
    expect(faceSimilarity(stored, asStored)).toBeGreaterThan(0.999);
    // And it still matches the photo the worker sent, read by the agent's decoder, at the strictest level.
    const direct = (await analyzer.analyzeImage(photo('person-vlado.jpg'))).faces[0]?.embedding ?? [];
    expect(faceSimilarity(stored, direct)).toBeGreaterThan(similarityThreshold(5));
    const after = await withTenant(db, a.tenantId, (tx) => listOwnFaceDescriptors(tx, () => deps.keyring, { tenantId: a.tenantId, userId: a.users.worker.id }));
    expect(after).toMatchObject({ model: 'dlib-resnet34-v1', otherModel: 0 });
    expect(after.faces.map((f) => f.faceImageId)).toEqual([vlado]);

    // The manager's two photos failed: both rows and the readable image are kept, with the reasons.
    const listed = await withTenant(db, a.tenantId, (tx) => facesToReenrol(tx, { tenantId: a.tenantId }));
    expect(listed).toEqual([
      {
        userId: a.users.manager.id,
        name: expect.any(String),
        loginId: 'manager',
        hasEmail: true,
        currentPhotos: 0,
        lastRequestedAt: null,
        photos: [
          { faceImageId: empty, model: 'human-faceres', reason: 'FACE_NOT_FOUND', hasImage: true, createdAt: expect.any(Date) },
          { faceImageId: lost, model: 'human-faceres', reason: 'IMAGE_MISSING', hasImage: true, createdAt: expect.any(Date) },
        ],
      },
    ]);
    expect(await adminDb.faceImage.count({ where: { tenantId: a.tenantId, id: { in: [empty, lost] } } })).toBe(2);
    expect(await deps.store.exists(blobKeyOf(await adminDb.faceImage.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: empty } } })))).toBe(true);

    // A second run has nothing left to try; tenant b was never touched by tenant a's run.
    expect(await reembedFaceDescriptors(deps, a.tenantId, describerFor(async () => analyzer))).toEqual({ reembedded: 0, failed: 0 });
    expect(await adminDb.faceImage.findUniqueOrThrow({ where: { tenantId_id: { tenantId: b.tenantId, id: other } } })).toMatchObject({ descriptorModel: 'human-faceres', descriptorError: null });
    const listedB = await withTenant(db, b.tenantId, (tx) => facesToReenrol(tx, { tenantId: b.tenantId }));
    expect(listedB.map((u) => u.userId)).toEqual([b.users.worker.id]);
  }, 120_000);
});
