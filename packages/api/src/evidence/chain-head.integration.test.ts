// Truncation of the evidence chain (issue 15, item 3), replayed as an attacker with database access
// would do it: rows deleted at the end, at the start and in the middle (with their blobs), a blob byte
// flipped, a row edited. Each must be reported both by the verify service (what `npm run verify` runs)
// and by the console's integrity check procedure (evidence.verify); what the product deleted itself
// (retention, a user's deletion) must not be.
import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '@telework/db';
import { getMasterKeyring } from '../crypto';
import { apiEnv } from '../env';
import { getBlobStore } from '../storage';
import { signedInUser } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import type { EvidenceDeps } from './deps';
import { purgeExpired } from './retention';
import { storeEvidence } from './store-evidence';
import { makeJpeg } from './test-helpers';
import { verifyEvidence, type VerifyProblem } from './verify';

// The console's procedure takes its blob store and master key from the env, read at import.
await vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  process.env.MASTER_KEY = randomBytes(32).toString('base64');
  process.env.BLOB_DIR = mkdtempSync(path.join(tmpdir(), 'chain-head-'));
});

const { db, adminDb } = useTestDatabase();
let deps: EvidenceDeps;
const DAY = 86_400_000;
const NOW = new Date('2026-11-30T03:00:00.000Z');

beforeAll(() => {
  deps = { db, store: getBlobStore(), keyring: getMasterKeyring() };
});
afterAll(() => rm(apiEnv.BLOB_DIR, { recursive: true, force: true }));

const upload = (tenant: TenantFixture, capturedAt = new Date(NOW.getTime() - DAY)) =>
  storeEvidence(
    deps,
    { tenantId: tenant.tenantId, userId: tenant.users.worker.id, deviceId: tenant.deviceId, clientId: randomUUID(), kind: 'CAMERA', trigger: 'INTERVAL', incidentClientEventId: null, capturedAt, bytes: makeJpeg(64, 48) },
    NOW,
  );

/** A tenant with five evidence rows, seq 1..5 (capturedAt per row when given). */
async function chainOf(capturedAt: Date[] = []) {
  const tenant = await createTenantFixture(adminDb);
  for (let i = 0; i < 5; i++) await upload(tenant, capturedAt[i]);
  const rows = await adminDb.evidence.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { chainSeq: 'asc' } });
  return { tenant, rows };
}

/** As someone with database and file access would: the rows and their blob files. */
async function deleteRows(tenant: TenantFixture, rows: { id: string; blobKey: string }[]) {
  await adminDb.evidence.deleteMany({ where: { tenantId: tenant.tenantId, id: { in: rows.map((r) => r.id) } } });
  for (const r of rows) await rm(join(apiEnv.BLOB_DIR, r.blobKey));
}

/** The problems reported by the service (npm run verify) and by the console's procedure, which must agree. */
async function problems(tenant: TenantFixture): Promise<VerifyProblem[]> {
  const service = await verifyEvidence((fn) => withTenant(db, tenant.tenantId, fn), deps.store, deps.keyring, { tenantId: tenant.tenantId });
  const admin = await signedInUser(db, tenant, 'admin');
  const console = await admin.console((c) => c.evidence.verify({ blobs: true }));
  expect(console.problems).toEqual(service.problems);
  expect(console.ok).toBe(service.ok);
  return service.problems;
}

describe('evidence chain truncation', () => {
  it('an untouched chain verifies, and its signed head points at the last row', async () => {
    const { tenant, rows } = await chainOf();
    expect(await problems(tenant)).toEqual([]);
    const head = await adminDb.evidenceChainHead.findUniqueOrThrow({ where: { tenantId: tenant.tenantId } });
    expect({ seq: head.seq, hash: head.hash }).toEqual({ seq: 5n, hash: rows[4]?.chainHash });
  });

  it('reports the newest rows deleted (tail), and a later upload does not hide them', async () => {
    const { tenant, rows } = await chainOf();
    await deleteRows(tenant, rows.slice(3));
    expect(await problems(tenant)).toEqual([{ kind: 'TAIL_MISSING', afterSeq: '3', headSeq: '5' }]);
    // The next upload links from the signed head (seq 6), so the deleted rows stay a visible gap.
    await upload(tenant);
    expect(await problems(tenant)).toEqual([{ kind: 'ROWS_MISSING', afterSeq: '3', nextSeq: '6' }]);
  });

  it('reports the oldest rows deleted (head of the chain)', async () => {
    const { tenant, rows } = await chainOf();
    await deleteRows(tenant, rows.slice(0, 2));
    expect(await problems(tenant)).toEqual([{ kind: 'ROWS_MISSING', afterSeq: '0', nextSeq: '3' }]);
  });

  it('reports a row deleted in the middle', async () => {
    const { tenant, rows } = await chainOf();
    await deleteRows(tenant, rows.slice(2, 3));
    expect(await problems(tenant)).toEqual([{ kind: 'ROWS_MISSING', afterSeq: '2', nextSeq: '4' }]);
  });

  it('reports every row deleted: the head still counts five', async () => {
    const { tenant, rows } = await chainOf();
    await deleteRows(tenant, rows);
    expect(await problems(tenant)).toEqual([{ kind: 'TAIL_MISSING', afterSeq: '0', headSeq: '5' }]);
  });

  it('reports a byte flipped in a blob and an edited row', async () => {
    const { tenant, rows } = await chainOf();
    const [, second, third] = rows;
    if (!second || !third) throw new Error('no rows');
    const path = join(apiEnv.BLOB_DIR, third.blobKey);
    const bytes = await readFile(path);
    bytes[40] = (bytes[40] ?? 0) ^ 0x01;
    await writeFile(path, bytes);
    await adminDb.evidence.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: second.id } }, data: { capturedAt: new Date(second.capturedAt.getTime() - 60_000) } });
    expect(await problems(tenant)).toEqual([
      { kind: 'ROW_ALTERED', evidenceId: second.id, chainSeq: '2' },
      { kind: 'BLOB_ALTERED', evidenceId: third.id, chainSeq: '3' },
    ]);
  });

  it('retention deletions, even not contiguous in the chain, are not reported; a deletion by hand after them is', async () => {
    const old = new Date(NOW.getTime() - 100 * DAY);
    const recent = new Date(NOW.getTime() - DAY);
    // Rows 1, 2 and 4 are older than the 90-day retention; 3 and 5 are not (a late upload from an offline queue).
    const { tenant, rows } = await chainOf([old, old, recent, old, recent]);
    const filesBefore = rows.length;
    expect(await purgeExpired(db, deps.store, tenant.tenantId, NOW, deps.keyring)).toMatchObject({ evidence: 3, blobs: 3 });
    const left = await adminDb.evidence.findMany({ where: { tenantId: tenant.tenantId }, orderBy: { chainSeq: 'asc' } });
    expect(left.map((r) => r.chainSeq)).toEqual([3n, 5n]);
    expect(filesBefore - left.length).toBe(3);
    const checkpoint = await adminDb.evidenceCheckpoint.findFirstOrThrow({ where: { tenantId: tenant.tenantId } });
    expect(checkpoint).toMatchObject({ chainSeq: 6n, reason: 'RETENTION', removedCount: 3 });
    expect(checkpoint.removed).toEqual([
      { from: '1', to: '2', lastHash: rows[1]?.chainHash },
      { from: '4', to: '4', lastHash: rows[3]?.chainHash },
    ]);
    expect(await problems(tenant)).toEqual([]);
    const report = await verifyEvidence((fn) => withTenant(db, tenant.tenantId, fn), deps.store, deps.keyring, { tenantId: tenant.tenantId });
    expect(report).toMatchObject({ ok: true, checkedRows: 2, removedRows: 3, headSeq: '6' });
    // New uploads link on after the checkpoint; a row then deleted by hand is reported.
    await upload(tenant);
    expect(await problems(tenant)).toEqual([]);
    const third = left[0];
    if (!third) throw new Error('no row');
    await deleteRows(tenant, [third]);
    expect(await problems(tenant)).toEqual([{ kind: 'ROWS_MISSING', afterSeq: '2', nextSeq: '4' }]);
  });

  it('a checkpoint edited to excuse a deletion is reported, and so is the deletion', async () => {
    const old = new Date(NOW.getTime() - 100 * DAY);
    const { tenant, rows } = await chainOf([old]);
    await purgeExpired(db, deps.store, tenant.tenantId, NOW, deps.keyring);
    const victim = rows[2];
    if (!victim) throw new Error('no row');
    await deleteRows(tenant, [victim]);
    await adminDb.evidenceCheckpoint.updateMany({ where: { tenantId: tenant.tenantId }, data: { removed: [{ from: '1', to: '1', lastHash: rows[0]?.chainHash }, { from: '3', to: '3', lastHash: victim.chainHash }], removedCount: 2 } });
    expect(await problems(tenant)).toEqual([
      { kind: 'CHECKPOINT_ALTERED', chainSeq: '6' },
      { kind: 'ROWS_MISSING', afterSeq: '0', nextSeq: '2' },
      { kind: 'ROWS_MISSING', afterSeq: '2', nextSeq: '4' },
    ]);
  });

  it('deleting a user records a checkpoint: the rows that went with the user are not reported', async () => {
    const { tenant } = await chainOf();
    const admin = await signedInUser(db, tenant, 'admin');
    await admin.console((c) => c.users.delete({ userId: tenant.users.worker.id }));
    expect(await adminDb.evidence.count({ where: { tenantId: tenant.tenantId } })).toBe(0);
    expect(await adminDb.evidenceCheckpoint.findFirstOrThrow({ where: { tenantId: tenant.tenantId } })).toMatchObject({ reason: 'USER_DELETED', removedCount: 5 });
    expect(await problems(tenant)).toEqual([]);
  });
});

describe('the chain head', () => {
  it('moves forward only and cannot be deleted by the application role', async () => {
    const { tenant } = await chainOf();
    await expect(withTenant(db, tenant.tenantId, (tx) => tx.evidenceChainHead.update({ where: { tenantId: tenant.tenantId }, data: { seq: 3n } }))).rejects.toThrow(/forward only/);
    await expect(withTenant(db, tenant.tenantId, (tx) => tx.evidenceChainHead.update({ where: { tenantId: tenant.tenantId }, data: { mac: null } }))).rejects.toThrow(/stays signed/);
    await expect(withTenant(db, tenant.tenantId, (tx) => tx.evidenceChainHead.deleteMany({ where: { tenantId: tenant.tenantId } }))).rejects.toThrow(/permission denied/);
    // Another tenant's head is invisible (row-level security).
    const other = await createTenantFixture(adminDb);
    expect(await withTenant(db, other.tenantId, (tx) => tx.evidenceChainHead.findUnique({ where: { tenantId: tenant.tenantId } }))).toBeNull();
  });

  it('a head deleted or re-signed without the master key is reported, and uploads wait (CONFLICT: the agent keeps them queued) rather than extend it', async () => {
    const { tenant, rows } = await chainOf();
    // Rolled back by the owner role past the trigger's reach: a forged signature does not verify.
    await adminDb.$executeRaw`ALTER TABLE evidence_chain_heads DISABLE TRIGGER evidence_chain_head_forward_only`;
    try {
      await adminDb.evidenceChainHead.update({ where: { tenantId: tenant.tenantId }, data: { seq: 3n, hash: rows[2]?.chainHash ?? '', mac: 'f'.repeat(64) } });
    } finally {
      await adminDb.$executeRaw`ALTER TABLE evidence_chain_heads ENABLE TRIGGER evidence_chain_head_forward_only`;
    }
    expect(await problems(tenant)).toEqual([{ kind: 'HEAD_INVALID', reason: 'BAD_SIGNATURE' }, { kind: 'HEAD_INVALID', reason: 'BEHIND' }]);
    await expect(upload(tenant)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'CHAIN_HEAD_INVALID' } });

    await adminDb.evidenceChainHead.delete({ where: { tenantId: tenant.tenantId } });
    expect(await problems(tenant)).toEqual([{ kind: 'HEAD_MISSING' }]);
    await expect(upload(tenant)).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'CHAIN_HEAD_INVALID' } });
    expect(await adminDb.evidence.count({ where: { tenantId: tenant.tenantId } })).toBe(5);
  });
});
