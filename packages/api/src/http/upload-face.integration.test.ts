// Console enrolment on real photos: the server analyses the photo with the real face models (Human,
// WASM) and enrols it only when it shows exactly one clear face.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, faceSimilarity, fitWithin, similarityThreshold, loadNodeFaceAnalyzer, type NodeFaceAnalyzer, type RgbImage } from '@telework/face';
import { boxBlur, fixture } from '@telework/face/testing';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { signedInUser, type TestBrowser } from '../testing/callers';
import { LocalBlobStore } from '../storage/local-blob-store';
import type { EvidenceDeps } from '../evidence/deps';
import { countFiles, deviceToken, randomKeyring } from '../evidence/test-helpers';
import { readFaceDescriptor } from '../evidence/face-images';
import { handleUpload } from './upload';

const { db, adminDb } = useTestDatabase();
let dir = '';
let deps: EvidenceDeps;
let t: TenantFixture;
let admin: TestBrowser;
let analyzer: NodeFaceAnalyzer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-face-'));
  deps = { db, store: new LocalBlobStore(dir), keyring: randomKeyring() };
  t = await createTenantFixture(adminDb);
  admin = await signedInUser(db, t, 'admin');
  analyzer = await loadNodeFaceAnalyzer();
}, 120_000);
afterAll(async () => {
  analyzer.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** A fixture photo as the console sends it: fitted into 640×480 (the browser does this before uploading) and saved as JPEG. */
function consolePhoto(name: string, edit: (img: RgbImage) => RgbImage = (img) => img): Uint8Array {
  const rgb = edit(fitWithin(decodeImage(readFileSync(fixture(name)))));
  const rgba = Buffer.alloc(rgb.width * rgb.height * 4, 255);
  for (let p = 0; p < rgb.width * rgb.height; p++) rgba.set(rgb.data.subarray(p * 3, p * 3 + 3), p * 4);
  return new Uint8Array(jpeg.encode({ width: rgb.width, height: rgb.height, data: rgba }, 92).data);
}


function upload(image: Uint8Array, fields: Record<string, string>, headers: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ kind: 'face', clientId: randomUUID(), ...fields })) form.set(k, v);
  form.set('image', new Blob([Buffer.from(image)], { type: 'image/jpeg' }), 'photo.jpg');
  return handleUpload(new Request('http://127.0.0.1/api/upload', { method: 'POST', body: form, headers }), deps);
}

async function stored() {
  return { faces: await adminDb.faceImage.count({ where: { tenantId: t.tenantId } }), files: await countFiles(dir), audits: await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: 'face.add' } }) };
}

describe('console enrolment: the server computes the face descriptor', () => {
  it('enrols a clear single-face photo with the descriptor of that face, ignoring one sent along', async () => {
    const before = await stored();
    const photo = consolePhoto('person-vlado.jpg');
    const res = await upload(photo, { userId: t.users.worker.id, descriptor: JSON.stringify(Array(128).fill(0.5)) }, admin.httpHeaders());
    expect(res.status).toBe(201);
    const { faceImageId } = (await res.json()) as { faceImageId: string };
    expect(await stored()).toEqual({ faces: before.faces + 1, files: before.files + 1, audits: before.audits + 1 });
    const row = await adminDb.faceImage.findFirstOrThrow({ where: { tenantId: t.tenantId, id: faceImageId } });
    expect(row).toMatchObject({ userId: t.users.worker.id, source: 'CONSOLE', width: 640, height: 480 });

    const enrolled = await readFaceDescriptor(deps, t.tenantId, faceImageId);
    expect(enrolled).toHaveLength(128);
    // The same photo analysed on its own gives the same face (float32 storage aside)…
    const direct = (await analyzer.analyzeImage(photo)).faces[0]?.embedding ?? [];
    expect(faceSimilarity(enrolled, direct)).toBeGreaterThan(0.99);
    // …and it is this person's face: another photo of him matches, a stranger does not (default level).
    const sameMan = (await analyzer.analyzeFile(fixture('person-vlado5.jpg'))).faces[0]?.embedding ?? [];
    const stranger = (await analyzer.analyzeFile(fixture('person-tetiana.jpg'))).faces[0]?.embedding ?? [];
    expect(faceSimilarity(enrolled, sameMan)).toBeGreaterThan(similarityThreshold(3));
    expect(faceSimilarity(enrolled, stranger)).toBeLessThan(similarityThreshold(3));
  }, 60_000);

  const refusals: [string, () => Uint8Array, Record<string, unknown>][] = [
    ['a landscape without a face', () => consolePhoto('background.jpg'), { reason: 'FACE_NOT_FOUND' }],
    ['a group photo', () => consolePhoto('group-2.jpg'), { reason: 'FACE_MULTIPLE', faceCount: 3 }],
    ['a full-body photo with a tiny face', () => consolePhoto('person-vlado1.jpg'), { reason: 'FACE_TOO_SMALL', required: 64 }],
    ['a blurred copy of an accepted photo', () => consolePhoto('person-vlado.jpg', (img) => boxBlur(img, 3)), { reason: 'FACE_BLURRED', required: 400 }],
  ];
  it.each(refusals)('refuses %s with a typed reason and stores nothing', async (_name, photo, expected) => {
    const before = await stored();
    const res = await upload(photo(), { userId: t.users.worker.id }, admin.httpHeaders());
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'VALIDATION', ...expected });
    expect(await stored()).toEqual(before);
  }, 60_000);

  it('checks the user before analysing: another tenant’s user is not found, and nothing is stored', async () => {
    const other = await createTenantFixture(adminDb);
    const before = await stored();
    const res = await upload(consolePhoto('person-vlado.jpg'), { userId: other.users.worker.id }, admin.httpHeaders());
    expect(res.status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  it('an agent still sends its own descriptor, and is refused without one', async () => {
    const token = await deviceToken(adminDb, t.tenantId, t.deviceId);
    const before = await stored();
    const missing = await upload(consolePhoto('person-vlado.jpg'), {}, { authorization: `Bearer ${token}` });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: 'VALIDATION', fieldErrors: { descriptor: ['required'] } });
    expect(await stored()).toEqual(before);

    const descriptor = Array.from({ length: 128 }, (_, i) => Math.cos(i) / 10);
    const res = await upload(consolePhoto('background.jpg'), { descriptor: JSON.stringify(descriptor) }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    const { faceImageId } = (await res.json()) as { faceImageId: string };
    const back = await readFaceDescriptor(deps, t.tenantId, faceImageId);
    back.forEach((v, i) => expect(v).toBeCloseTo(descriptor[i] ?? NaN, 6));
  });
});
