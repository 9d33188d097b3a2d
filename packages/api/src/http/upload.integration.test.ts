import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { signedInUser } from '../testing/callers';
import { CSRF_COOKIE, SESSION_COOKIE } from './cookies';
import { LocalBlobStore } from '../storage/local-blob-store';
import type { EvidenceDeps } from '../evidence/deps';
import { deviceToken, imageForm, pngDeclaring, intervalFields, makeJpeg, randomKeyring, storedImages } from '../evidence/test-helpers';
import { readFaceDescriptor } from '../evidence/face-images';
import { decryptBlob } from '../evidence/read-image';
import { handleUpload } from './upload';
import { sha256Hex } from '../evidence/store-evidence';
import sharp from 'sharp';

const { db, adminDb } = useTestDatabase();
let dir = '';
let deps: EvidenceDeps;
let t: TenantFixture;
let other: TenantFixture;
let token = '';
let otherToken = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upload-'));
  deps = { db, store: new LocalBlobStore(dir), keyring: randomKeyring() };
  t = await createTenantFixture(adminDb);
  other = await createTenantFixture(adminDb);
  token = await deviceToken(adminDb, t.tenantId, t.deviceId);
  otherToken = await deviceToken(adminDb, other.tenantId, other.deviceId);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function post(body: FormData, headers: Record<string, string> = { authorization: `Bearer ${token}` }) {
  return handleUpload(new Request('http://127.0.0.1/api/upload', { method: 'POST', body, headers }), deps, { maxBytes: 300_000 });
}

const form = imageForm;
const interval = intervalFields;
const stored = (tenantId = t.tenantId) => storedImages(adminDb, tenantId, dir);

describe('POST /api/upload', () => {
  it('stores a camera still encrypted, chained, and is idempotent by client id', async () => {
    const before = await stored();
    const image = makeJpeg(640, 480, { noise: 40 });
    const fields = interval('CAMERA');
    const res = await post(form(fields, image));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { evidenceId: string; duplicate: boolean };
    expect(body.duplicate).toBe(false);
    const again = await post(form(fields, image));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ evidenceId: body.evidenceId, duplicate: true });
    expect(await stored()).toEqual({ ...before, rows: before.rows + 1, files: before.files + 1 });

    const row = await adminDb.evidence.findFirstOrThrow({ where: { tenantId: t.tenantId, id: body.evidenceId } });
    expect(row).toMatchObject({ width: 640, height: 480, kind: 'CAMERA', userId: t.users.worker.id, deviceId: t.deviceId });
    // The blob on disk is not the image (encrypted), but decrypts to the image re-encoded, which the row describes.
    const raw = await deps.store.get(row.blobKey);
    const plain = await withTenant(db, t.tenantId, (tx) => decryptBlob(tx, deps.store, deps.keyring, t.tenantId, row));
    expect(Buffer.from(raw ?? []).includes(Buffer.from(plain.bytes.subarray(0, 64)))).toBe(false);
    expect({ byteSize: row.byteSize, sha256: row.sha256 }).toEqual({ byteSize: plain.bytes.length, sha256: sha256Hex(plain.bytes) });
    expect(await sharp(plain.bytes).metadata()).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
  });

  it('links an incident capture to the incident and waits (409) while the incident is unknown', async () => {
    const clientEventId = randomUUID();
    const fields = { ...interval('SCREEN'), trigger: 'INCIDENT', incidentClientEventId: clientEventId };
    const early = await post(form(fields, makeJpeg(1920, 1080)));
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ error: 'CONFLICT', reason: 'INCIDENT_NOT_FOUND' });
    const incident = await adminDb.incident.create({ data: { tenantId: t.tenantId, userId: t.users.worker.id, deviceId: t.deviceId, clientEventId, kind: 'PEEKING', faceCount: 2, occurredAt: new Date() } });
    const res = await post(form(fields, makeJpeg(1920, 1080)));
    expect(res.status).toBe(201);
    const { evidenceId } = (await res.json()) as { evidenceId: string };
    expect((await adminDb.evidence.findFirstOrThrow({ where: { tenantId: t.tenantId, id: evidenceId } })).incidentId).toBe(incident.id);
  });

  const refusals: [string, () => FormData | Promise<FormData>, number, Record<string, unknown>][] = [
    ['a camera still larger than 640×480', () => form(interval('CAMERA'), makeJpeg(641, 480)), 400, { error: 'VALIDATION', reason: 'DIMENSIONS_TOO_LARGE' }],
    ['a screenshot larger than 1920×1080', () => form(interval('SCREEN'), makeJpeg(1920, 1081)), 400, { error: 'VALIDATION', reason: 'DIMENSIONS_TOO_LARGE' }],
    ['a text file named .jpg', () => form(interval('CAMERA'), new TextEncoder().encode('hello, not an image at all')), 400, { error: 'VALIDATION', reason: 'NOT_AN_IMAGE' }],
    ['a forged JPEG (valid header, garbage body)', () => {
      const real = makeJpeg(320, 240, { noise: 60 });
      const forged = new Uint8Array(real);
      forged.fill(0x41, 700); // keeps the header, destroys the scan data
      return form(interval('CAMERA'), forged);
    }, 400, { error: 'VALIDATION', reason: 'CORRUPT_IMAGE' }],
    ['a truncated JPEG', () => form(interval('CAMERA'), makeJpeg(320, 240, { noise: 60 }).subarray(0, 2000)), 400, { error: 'VALIDATION', reason: 'CORRUPT_IMAGE' }],
    ['the interlaced-PNG bomb (640×480 declared, 200 MB inflated)', async () => form(interval('CAMERA'), await pngDeclaring(640, 480, 200_000_000, 1), 'image/png'), 400, { error: 'VALIDATION', reason: 'CORRUPT_IMAGE' }],
    ['an oversized file', () => form(interval('CAMERA'), makeJpeg(640, 480, { noise: 255, quality: 100 })), 413, { error: 'VALIDATION', reason: 'TOO_LARGE' }],
    ['a missing image', () => form(interval('CAMERA')), 400, { error: 'VALIDATION' }],
    ['a bad client id', () => form({ ...interval('CAMERA'), clientId: 'abc' }, makeJpeg(64, 48)), 400, { error: 'VALIDATION' }],
  ];
  it.each(refusals)('refuses %s and stores nothing', async (_name, body, status, json) => {
    const before = await stored();
    const res = await post(await body());
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject(json);
    expect(await stored()).toEqual(before);
  });

  it('refuses a chunked body (no Content-Length) past the limit with 413, reading no further than the limit', async () => {
    const before = await stored();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= 20_000_000) return c.close();
        pulled += 65_536;
        c.enqueue(new Uint8Array(65_536).fill(0x2d));
      },
    }, { highWaterMark: 0 });
    const req = new Request('http://127.0.0.1/api/upload', {
      method: 'POST', body, duplex: 'half', headers: { authorization: `Bearer ${token}`, 'content-type': 'multipart/form-data; boundary=x' },
    } as RequestInit);
    const res = await handleUpload(req, deps, { maxBytes: 300_000 });
    expect({ status: res.status, body: await res.json() }).toMatchObject({ status: 413, body: { error: 'VALIDATION', reason: 'TOO_LARGE' } });
    // Cut off at 300 000 + 200 000 bytes (give or take what the stream buffers ahead), not at 20 MB.
    expect(pulled).toBeLessThan(500_000 + 4 * 65_536);
    expect(await stored()).toEqual(before);
  });

  it('refuses no token, a revoked token and a session without CSRF, storing nothing', async () => {
    const before = await stored();
    expect((await post(form(interval('CAMERA'), makeJpeg(64, 48)), {})).status).toBe(401);
    expect((await post(form(interval('CAMERA'), makeJpeg(64, 48)), { authorization: 'Bearer not-a-token' })).status).toBe(401);
    const admin = await signedInUser(db, t, 'admin');
    const cookie = `${SESSION_COOKIE}=${admin.cookies.get(SESSION_COOKIE) ?? ''}; ${CSRF_COOKIE}=x`;
    const noCsrf = await post(form({ kind: 'face', clientId: randomUUID(), userId: t.users.worker.id, descriptor: JSON.stringify(Array(128).fill(0.01)) }, makeJpeg(64, 48)), { cookie });
    expect(noCsrf.status).toBe(403);
    expect(await noCsrf.json()).toMatchObject({ error: 'CSRF' });
    expect(await stored()).toEqual(before);
  });

  it('a device cannot enrol another user, nor an admin upload evidence; a worker session cannot enrol', async () => {
    const before = await stored();
    const face = { kind: 'face', clientId: randomUUID(), userId: t.users.admin.id, descriptor: JSON.stringify(Array(128).fill(0.01)) };
    expect((await post(form(face, makeJpeg(64, 48)))).status).toBe(403);
    const worker = await signedInUser(db, t, 'worker');
    expect((await post(form({ ...face, userId: t.users.worker.id }, makeJpeg(64, 48)), worker.httpHeaders())).status).toBe(403);
    const admin = await signedInUser(db, t, 'admin');
    expect((await post(form(interval('CAMERA'), makeJpeg(64, 48)), admin.httpHeaders())).status).toBe(403);
    // Another tenant's user named by an admin: not found in his tenant.
    expect((await post(form({ ...face, userId: other.users.worker.id }, makeJpeg(64, 48)), admin.httpHeaders())).status).toBe(404);
    expect(await stored()).toEqual(before);
    expect(await stored(other.tenantId)).toEqual({ rows: 0, faces: 0, files: before.files });
  });

  it('stores face images from the agent with its descriptor encrypted (console enrolments: upload-face test)', async () => {
    const descriptor = Array.from({ length: 128 }, (_, i) => Math.sin(i) / 10);
    const png = new PNG({ width: 200, height: 150 });
    png.data.fill(128);
    const pngBytes = new Uint8Array(PNG.sync.write(png));
    const res = await post(form({ kind: 'face', clientId: randomUUID(), descriptor: JSON.stringify(descriptor) }, pngBytes, 'image/png'));
    expect(res.status).toBe(201);
    const { faceImageId } = (await res.json()) as { faceImageId: string };
    const row = await adminDb.faceImage.findFirstOrThrow({ where: { tenantId: t.tenantId, id: faceImageId } });
    expect(row).toMatchObject({ userId: t.users.worker.id, source: 'AGENT', width: 200, height: 150 });
    const back = await readFaceDescriptor(deps, t.tenantId, faceImageId);
    back.forEach((v, i) => expect(v).toBeCloseTo(descriptor[i] ?? NaN, 6));

    const bad = await post(form({ kind: 'face', clientId: randomUUID(), descriptor: JSON.stringify([1, 2, 3]) }, makeJpeg(64, 48)));
    expect(bad.status).toBe(400);
  });

  it('another tenant’s device token stores under its own tenant only', async () => {
    const res = await post(form(interval('CAMERA'), makeJpeg(64, 48)), { authorization: `Bearer ${otherToken}` });
    expect(res.status).toBe(201);
    const { evidenceId } = (await res.json()) as { evidenceId: string };
    expect(await adminDb.evidence.count({ where: { tenantId: t.tenantId, id: evidenceId } })).toBe(0);
    expect(await adminDb.evidence.count({ where: { tenantId: other.tenantId, id: evidenceId } })).toBe(1);
  });

  it('REDACTED tenants get solid blocks over the areas even if the agent did not apply them', async () => {
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { screenshotMode: 'REDACTED', redactionAreas: [{ x: 0, y: 0, width: 0.5, height: 0.5 }] } });
    const res = await post(form(interval('SCREEN'), makeJpeg(400, 200, { noise: 50 })));
    expect(res.status).toBe(201);
    const { evidenceId } = (await res.json()) as { evidenceId: string };
    const row = await adminDb.evidence.findFirstOrThrow({ where: { tenantId: t.tenantId, id: evidenceId } });
    const plain = await withTenant(db, t.tenantId, (tx) => decryptBlob(tx, deps.store, deps.keyring, t.tenantId, row));
    const { decodeImage } = await import('../evidence/image');
    const img = await decodeImage(plain.bytes, { width: 1920, height: 1080 });
    const px = (x: number, y: number) => (img.data[(y * img.width + x) * 4] ?? 0) + (img.data[(y * img.width + x) * 4 + 1] ?? 0);
    expect(px(50, 50)).toBeLessThan(10); // inside the block: black (JPEG noise aside)
    expect(px(350, 150)).toBeGreaterThan(30); // outside: the picture
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { screenshotMode: 'REDUCED', redactionAreas: undefined } });
    const reduced = await post(form(interval('SCREEN'), makeJpeg(1920, 1080)));
    const r2 = await adminDb.evidence.findFirstOrThrow({ where: { tenantId: t.tenantId, id: ((await reduced.json()) as { evidenceId: string }).evidenceId } });
    expect({ w: r2.width, h: r2.height }).toEqual({ w: 960, h: 540 });
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { screenshotMode: 'FULL' } });
  });
});

