import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { agentCaller, signedInAgent, signedInUser, trpcCodeOf as codeOf } from '../testing/callers';
import { addWorker, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { LocalBlobStore } from '../storage/local-blob-store';
import { getMasterKeyring } from '../crypto';
import type { EvidenceDeps } from './deps';
import { storeFaceImage } from './face-images';
import { makeJpeg } from './test-helpers';

// The procedure opens descriptors with the process's master keyring, read from the env at import.
vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  process.env.MASTER_KEY = randomBytes(32).toString('base64');
  process.env.MASTER_KEY_ID = 'agent-faces-test';
});

// agent.faces.descriptors: the signed-in worker's own enrolled faces (agent and console), nobody else's.
const { db, adminDb } = useTestDatabase();
let dir = '';
let deps: EvidenceDeps;
let a: TenantFixture;
let b: TenantFixture;
let otherLoginId = '';

/** Exactly representable in float32, so the round trip through the encrypted column is exact. */
const descriptor = (seed: number) => Array.from({ length: 128 }, (_, i) => ((i * seed) % 64) / 64);

const enrol = (t: TenantFixture, userId: string, seed: number, source: 'AGENT' | 'CONSOLE') =>
  storeFaceImage(deps, { tenantId: t.tenantId, userId, clientId: randomUUID(), source, bytes: makeJpeg(320, 240, { noise: 20 }), descriptor: { from: 'client', values: descriptor(seed) } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-faces-'));
  deps = { db, store: new LocalBlobStore(dir), keyring: getMasterKeyring() };
  a = await createTenantFixture(adminDb);
  b = await createTenantFixture(adminDb);
  const otherId = await addWorker(adminDb, a);
  otherLoginId = (await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: otherId } }, select: { loginId: true } })).loginId;
  await enrol(a, a.users.worker.id, 3, 'AGENT');
  await enrol(a, a.users.worker.id, 5, 'CONSOLE');
  await enrol(a, otherId, 7, 'AGENT');
  await enrol(b, b.users.worker.id, 11, 'AGENT');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const agentOf = (t: TenantFixture, loginId = 'worker') => signedInAgent(db, t, loginId, 'PC-FACES');

describe('agent.faces.descriptors', () => {
  it("returns the worker's own descriptors, including the administrator's enrolment, decrypted", async () => {
    const { caller } = await agentOf(a);
    const { faces, unreadable } = await caller.agent.faces.descriptors();
    expect(unreadable).toBe(0);
    expect(faces.map((f) => f.source)).toEqual(['AGENT', 'CONSOLE']);
    expect(faces.map((f) => f.descriptor)).toEqual([descriptor(3), descriptor(5)]);
  });

  it("never returns another worker's or another tenant's faces", async () => {
    const other = (await (await agentOf(a, otherLoginId)).caller.agent.faces.descriptors()).faces;
    expect(other.map((f) => f.descriptor)).toEqual([descriptor(7)]);
    const tenantB = (await (await agentOf(b)).caller.agent.faces.descriptors()).faces;
    expect(tenantB.map((f) => f.descriptor)).toEqual([descriptor(11)]);
    // A worker with nothing enrolled gets an empty list (and no master key is needed for it).
    expect(await (await agentOf(a, 'manager')).caller.agent.faces.descriptors()).toEqual({ model: 'dlib-resnet34-v1', faces: [], unreadable: 0, otherModel: 0 });
  });

  it('skips a damaged row and still returns the readable ones', async () => {
    await adminDb.faceImage.create({
      data: { tenantId: a.tenantId, userId: a.users.worker.id, source: 'CONSOLE', blobKey: `${a.tenantId}/faces/${randomUUID()}.bin`, sha256: '0'.repeat(64), byteSize: 1, width: 1, height: 1, descriptorEncrypted: Buffer.alloc(40), descriptorModel: 'dlib-resnet34-v1', keyVersion: 1 },
    });
    const { faces, unreadable } = await (await agentOf(a)).caller.agent.faces.descriptors();
    expect({ readable: faces.length, unreadable }).toEqual({ readable: 2, unreadable: 1 });
  });

  it("never returns a descriptor of another face model, and counts it for re-embedding", async () => {
    const userId = await addWorker(adminDb, a);
    await enrol(a, userId, 13, 'AGENT');
    // A row enrolled before descriptors carried a model: the migration marked it 'human-faceres'.
    await adminDb.faceImage.updateMany({ where: { tenantId: a.tenantId, userId }, data: { descriptorModel: 'human-faceres' } });
    const loginId = (await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: userId } }, select: { loginId: true } })).loginId;
    expect(await (await agentOf(a, loginId)).caller.agent.faces.descriptors()).toEqual({ model: 'dlib-resnet34-v1', faces: [], unreadable: 0, otherModel: 1 });
  });

  it('refuses a web session and a revoked device token with UNAUTHORIZED', async () => {
    const admin = await signedInUser(db, a, 'admin');
    expect(await codeOf(admin.console((c) => c.agent.faces.descriptors()))).toBe('UNAUTHORIZED');
    const { token, caller } = await agentOf(a);
    await caller.agent.auth.signOut();
    expect(await codeOf((await agentCaller(db, token)).agent.faces.descriptors())).toBe('UNAUTHORIZED');
  });
});
