import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { withTenant } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { addWorker, createOperatorFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser } from '../testing/callers';
import { LocalBlobStore } from '../storage';
import { randomKeyring } from '../evidence/test-helpers';
import { downloadExport, processAcceptedRequests } from './requests';

const { db, adminDb } = useTestDatabase();

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return 'OK';
}

async function setup() {
  const store = new LocalBlobStore(await mkdtemp(join(tmpdir(), 'privacy-')));
  const keyring = randomKeyring();
  const t = await createTenantFixture(adminDb);
  const { email } = await createOperatorFixture(adminDb);
  return { store, keyring, t, op: await signedInProvider(db, 'operator', email), admin: await signedInUser(db, t, 'admin') };
}

describe('personal-data requests (第26条2項)', () => {
  it('only a registered administrator may ask; another tenant’s person is NOT_FOUND', async () => {
    const { t } = await setup();
    const other = await createTenantFixture(adminDb);
    const manager = await signedInUser(db, t, 'manager');
    expect(await codeOf(manager.console((c) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: t.users.worker.id })))).toBe('FORBIDDEN');
    const admin = await signedInUser(db, t, 'admin');
    expect(await codeOf(admin.console((c) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: other.users.worker.id })))).toBe('NOT_FOUND');
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.admin.id } }, data: { isRegisteredAdministrator: false } });
    expect(await codeOf(admin.console((c) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: t.users.worker.id })))).toBe('FORBIDDEN');
  });

  it('a disclosure builds a sealed export in the tenant’s scope with the person’s rows and no images', async () => {
    const { store, keyring, t, op, admin } = await setup();
    await adminDb.punch.count(); // the fixture worker has no work yet; the export still lists every table
    const req = await admin.console((c) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: t.users.worker.id, format: 'json' }));
    expect(req.status).toBe('RECEIVED');
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: req.id, decision: 'ACCEPT' }));
    expect((await processAcceptedRequests(db, { store, keyring, now: new Date() })).disclosed).toBeGreaterThanOrEqual(1);
    const row = await adminDb.personalDataRequest.findFirstOrThrow({ where: { tenantId: t.tenantId, id: req.id } });
    expect(row.status).toBe('COMPLETED');
    expect(row.exportBlobKey).toMatch(new RegExp(`^exports/${t.tenantId}/${req.id}\\.v\\d+\\.json$`));
    // Stored sealed: the plain name does not appear in the stored bytes.
    const sealed = await store.get(row.exportBlobKey ?? '');
    expect(Buffer.from(sealed ?? new Uint8Array()).toString('utf8')).not.toContain('worker');
    const file = await withTenant(db, t.tenantId, (tx) => downloadExport(tx, { tenantId: t.tenantId, requestId: req.id, deps: () => ({ store, keyring }) }));
    const data = JSON.parse(file.body) as { exportedTables: string[]; user: { id: string; loginId: string; passwordHash?: string } };
    expect(data.user).toMatchObject({ id: t.users.worker.id, loginId: 'worker' });
    expect(data.user.passwordHash).toBeUndefined();
    expect(data.exportedTables).toEqual(expect.arrayContaining(['user', 'punches', 'workSessions', 'presenceEvents']));
    expect(data.exportedTables).not.toContain('faceImages');
    expect(data.exportedTables).not.toContain('evidence');
  });

  it('a deletion removes the person, their image blobs, and keeps only the fact', async () => {
    const { store, keyring, t, op, admin } = await setup();
    const userId = await addWorker(adminDb, t);
    const blobKey = `faces/${t.tenantId}/${userId}/one.bin`;
    await store.put(blobKey, new Uint8Array([1, 2, 3]));
    await adminDb.faceImage.create({
      data: { tenantId: t.tenantId, userId, source: 'CONSOLE', blobKey, sha256: 'x'.repeat(64), byteSize: 3, width: 1, height: 1, descriptorEncrypted: new Uint8Array([0]), keyVersion: 1 },
    });
    const req = await admin.console((c) => c.privacy.request({ kind: 'DELETE', subjectUserId: userId }));
    // Not before an operator accepts it.
    expect((await processAcceptedRequests(db, { store, keyring, now: new Date() })).deleted).toBe(0);
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: req.id, decision: 'ACCEPT' }));
    expect((await processAcceptedRequests(db, { store, keyring, now: new Date() })).deleted).toBeGreaterThanOrEqual(1);

    expect(await adminDb.user.count({ where: { tenantId: t.tenantId, id: userId } })).toBe(0);
    expect(await adminDb.faceImage.count({ where: { tenantId: t.tenantId, userId } })).toBe(0);
    expect(await adminDb.groupMembership.count({ where: { tenantId: t.tenantId, userId } })).toBe(0);
    expect(await store.exists(blobKey)).toBe(false);
    const row = await adminDb.personalDataRequest.findFirstOrThrow({ where: { tenantId: t.tenantId, id: req.id } });
    expect(row).toMatchObject({ status: 'COMPLETED', subjectUserId: null, subjectDescription: '(deleted)' });
    const entry = await adminDb.auditLog.findFirstOrThrow({ where: { tenantId: t.tenantId, action: 'personal-data.deleted', targetId: req.id } });
    expect(JSON.stringify(entry)).not.toContain(userId);
    expect(JSON.stringify(entry)).not.toContain('extra worker');
  });

  it('operators reject, or confirm a correction; wrong transitions are RULE_VIOLATION', async () => {
    const { t, op, admin } = await setup();
    const fix = await admin.console((c) => c.privacy.request({ kind: 'CORRECT', subjectUserId: t.users.worker.id, details: '氏名の漢字が違います' }));
    expect(await codeOf(op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'COMPLETE' })))).toBe('PRECONDITION_FAILED');
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'ACCEPT' }));
    expect((await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'COMPLETE' }))).status).toBe('COMPLETED');
    const no = await admin.console((c) => c.privacy.request({ kind: 'DELETE', subjectUserId: t.users.worker.id }));
    expect((await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: no.id, decision: 'REJECT' }))).status).toBe('REJECTED');
    expect((await admin.console((c) => c.privacy.list())).map((r) => r.status).sort()).toEqual(['COMPLETED', 'REJECTED']);
    expect(await codeOf(admin.console((c) => c.privacy.download({ requestId: fix.id })))).toBe('PRECONDITION_FAILED');
  });
});
