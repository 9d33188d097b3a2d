import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { LocalBlobStore } from '../storage/local-blob-store';
import { keyringFrom } from '../crypto/master-key';
import { rewrapDataKeys, rotateDataKey } from '../crypto/data-keys';
import type { EvidenceDeps } from './deps';
import { storeEvidence } from './store-evidence';
import { verifyEvidence, type TenantRunner } from './verify';
import { decryptBlob } from './read-image';
import { makeJpeg, randomKeyring } from './test-helpers';

const { db, adminDb } = useTestDatabase();
let dir = '';
let deps: EvidenceDeps;
let t: TenantFixture;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'evidence-'));
  deps = { db, store: new LocalBlobStore(dir), keyring: randomKeyring('m1') };
  t = await createTenantFixture(adminDb);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const inTenant = (tenantId: string): TenantRunner => (fn) => withTenant(db, tenantId, fn);

const upload = (tenant: TenantFixture, d = deps) =>
  storeEvidence(d, { tenantId: tenant.tenantId, userId: tenant.users.worker.id, deviceId: tenant.deviceId, clientId: randomUUID(), kind: 'CAMERA', trigger: 'INTERVAL', incidentClientEventId: null, capturedAt: new Date(), bytes: makeJpeg(160, 120, { noise: 30 }) });

async function fresh() {
  const tenant = await createTenantFixture(adminDb);
  const ids = [];
  for (let i = 0; i < 5; i++) ids.push((await upload(tenant)).evidenceId);
  const rows = await adminDb.evidence.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { chainSeq: 'asc' } });
  return { tenant, ids, rows };
}

describe('verifyEvidence', () => {
  it('a clean chain verifies; concurrent uploads keep it gap-free', async () => {
    await Promise.all(Array.from({ length: 12 }, () => upload(t)));
    const report = await verifyEvidence(inTenant(t.tenantId), deps.store, deps.keyring, { tenantId: t.tenantId });
    expect(report).toMatchObject({ ok: true, checkedRows: 12, checkedBlobs: 12, problems: [] });
  });

  it('reports a byte flipped in a stored blob', async () => {
    const { tenant, rows } = await fresh();
    const victim = rows[2];
    if (!victim) throw new Error('no row');
    const path = join(dir, victim.blobKey);
    const bytes = await readFile(path);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0x01;
    await writeFile(path, bytes);
    const report = await verifyEvidence(inTenant(tenant.tenantId), deps.store, deps.keyring, { tenantId: tenant.tenantId });
    expect(report.problems).toEqual([{ kind: 'BLOB_ALTERED', evidenceId: victim.id, chainSeq: '3' }]);
  });

  it('reports a missing blob', async () => {
    const { tenant, rows } = await fresh();
    const victim = rows[0];
    if (!victim) throw new Error('no row');
    await rm(join(dir, victim.blobKey));
    const report = await verifyEvidence(inTenant(tenant.tenantId), deps.store, deps.keyring, { tenantId: tenant.tenantId });
    expect(report.problems).toEqual([{ kind: 'BLOB_MISSING', evidenceId: victim.id, chainSeq: '1' }]);
  });

  it('reports a row edited in the database', async () => {
    const { tenant, rows } = await fresh();
    const victim = rows[1];
    if (!victim) throw new Error('no row');
    await adminDb.evidence.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: victim.id } }, data: { capturedAt: new Date(victim.capturedAt.getTime() - 3_600_000) } });
    const report = await verifyEvidence(inTenant(tenant.tenantId), deps.store, deps.keyring, { tenantId: tenant.tenantId, blobs: false });
    expect(report.problems).toEqual([{ kind: 'ROW_ALTERED', evidenceId: victim.id, chainSeq: '2' }]);
  });

  it('reports a deleted row and reordered rows', async () => {
    const { tenant, rows } = await fresh();
    const [, second, third, fourth] = rows;
    if (!second || !third || !fourth) throw new Error('no rows');
    await adminDb.evidence.delete({ where: { tenantId_id: { tenantId: tenant.tenantId, id: second.id } } });
    let report = await verifyEvidence(inTenant(tenant.tenantId), deps.store, deps.keyring, { tenantId: tenant.tenantId, blobs: false });
    expect(report.problems).toEqual([{ kind: 'ROWS_MISSING', afterSeq: '1', nextSeq: '3' }]);
    // Swap the sequence numbers of rows 3 and 4 (through a free number, the pair is unique).
    await adminDb.$executeRaw`UPDATE evidence SET "chainSeq" = 1000 WHERE "tenantId" = ${tenant.tenantId}::uuid AND id = ${third.id}::uuid`;
    await adminDb.$executeRaw`UPDATE evidence SET "chainSeq" = 3 WHERE "tenantId" = ${tenant.tenantId}::uuid AND id = ${fourth.id}::uuid`;
    await adminDb.$executeRaw`UPDATE evidence SET "chainSeq" = 4 WHERE "tenantId" = ${tenant.tenantId}::uuid AND id = ${third.id}::uuid`;
    report = await verifyEvidence(inTenant(tenant.tenantId), deps.store, deps.keyring, { tenantId: tenant.tenantId, blobs: false });
    // Both moved rows fail their HMAC (the sequence number is covered) and their links no longer match.
    expect(report.problems.map((p) => p.kind)).toEqual(['ROW_ALTERED', 'ROWS_MISSING', 'ROW_ALTERED', 'CHAIN_BROKEN', 'CHAIN_BROKEN']);
  });
});

describe('key rotation', () => {
  it('data key rotation and master key rotation keep old images readable and the chain valid', async () => {
    const tenant = await createTenantFixture(adminDb);
    const before = await upload(tenant);
    const v2 = await withTenant(db, tenant.tenantId, (tx) => rotateDataKey(tx, deps.keyring, tenant.tenantId));
    expect(v2).toBe(2);
    const after = await upload(tenant);
    const rows = await adminDb.evidence.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { chainSeq: 'asc' } });
    expect(rows.map((r) => r.keyVersion)).toEqual([1, 2]);

    // New master key; the old one stays configured as "old" until every data key is re-wrapped.
    const m1 = deps.keyring.current;
    const newRing = keyringFrom({ key: randomBytes(32).toString('base64'), id: 'm2', old: `${m1.id}:${Buffer.from(m1.key).toString('base64')}` });
    expect(await withTenant(db, tenant.tenantId, (tx) => rewrapDataKeys(tx, newRing, tenant.tenantId))).toBe(2);
    const keys = await adminDb.tenantDataKey.findMany({ where: { tenantId: tenant.tenantId } });
    expect(keys.every((k) => k.masterKeyId === 'm2')).toBe(true);
    // Only the new master key from now on: the old one can be removed from configuration.
    const onlyNew = { current: newRing.current, old: new Map<string, Uint8Array>() };
    for (const row of rows) {
      const plain = await withTenant(db, tenant.tenantId, (tx) => decryptBlob(tx, deps.store, onlyNew, tenant.tenantId, row));
      expect(plain.contentType).toBe('image/jpeg');
    }
    expect((await verifyEvidence(inTenant(tenant.tenantId), deps.store, onlyNew, { tenantId: tenant.tenantId })).ok).toBe(true);
    expect([before.duplicate, after.duplicate]).toEqual([false, false]);
    // The retired master key alone no longer opens anything.
    await expect(withTenant(db, tenant.tenantId, (tx) => decryptBlob(tx, deps.store, { current: m1, old: new Map() }, tenant.tenantId, { blobKey: rows[0]?.blobKey ?? '', keyVersion: 1 }))).rejects.toThrow(/not configured/);
  });
});
