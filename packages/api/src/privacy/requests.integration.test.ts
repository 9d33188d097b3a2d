import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { addWorker, createOperatorFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser, trpcCodeOf as codeOf } from '../testing/callers';
import { LocalBlobStore } from '../storage';
import { randomKeyring } from '../evidence/test-helpers';
import { downloadExport, processAcceptedRequests } from './requests';

const { db, adminDb } = useTestDatabase();

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

  it('a disclosure builds a sealed export in the tenant’s scope with the person’s records and no internal ids', async () => {
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
    // The documented document (docs/schemas/personal-data-disclosure.schema.json; disclosure.integration.test.ts validates it).
    const data = JSON.parse(file.body) as { person: { loginId: string; passwordHash?: string }; punches: unknown[]; workSessions: unknown[]; presence: unknown[] };
    expect(data.person.loginId).toBe('worker');
    expect(data.person.passwordHash).toBeUndefined();
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['person', 'punches', 'workSessions', 'presence']));
    expect(file.body).not.toContain(t.users.worker.id);
    expect(file.body).not.toContain(t.tenantId);
    expect(file.filename).toMatch(/^personal-data-\d{12}\.json$/);
  });

  it('a deletion removes the person, their image blobs, and keeps only the fact', async () => {
    const { store, keyring, t, op, admin } = await setup();
    const userId = await addWorker(adminDb, t);
    const blobKey = `faces/${t.tenantId}/${userId}/one.bin`;
    await store.put(blobKey, new Uint8Array([1, 2, 3]));
    await adminDb.faceImage.create({
      data: { tenantId: t.tenantId, userId, source: 'CONSOLE', blobKey, sha256: 'x'.repeat(64), byteSize: 3, width: 1, height: 1, descriptorEncrypted: new Uint8Array([0]), descriptorModel: 'dlib-resnet34-v1', keyVersion: 1 },
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

  it('completing a correction applies the requested name, department and e-mail, audit-logged on both sides', async () => {
    const { t, op, admin } = await setup();
    const userId = await addWorker(adminDb, t);
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: userId } }, data: { department: '旧部署', email: 'old@example.test' } });
    const fix = await admin.console((c) =>
      c.privacy.request({ kind: 'CORRECT', subjectUserId: userId, details: '結婚により改姓', correction: { name: '新しい 名前', department: '', email: 'new@example.test' } }),
    );
    expect(fix.correction).toEqual({ name: '新しい 名前', department: null, email: 'new@example.test' });
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'ACCEPT' }));
    // Accepting alone changes nothing.
    expect((await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: userId } } })).name).toBe('extra worker');
    const done = await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'COMPLETE' }));
    expect(done).toMatchObject({ status: 'COMPLETED', corrected: ['name', 'department', 'email'] });
    expect(done.subjectDescription).toMatch(/^新しい 名前 \(w-/);
    const user = await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: userId } } });
    expect(user).toMatchObject({ name: '新しい 名前', department: null, email: 'new@example.test' });
    const tenantEntry = await adminDb.auditLog.findFirstOrThrow({ where: { tenantId: t.tenantId, action: 'personal-data.corrected', targetId: userId } });
    expect(tenantEntry).toMatchObject({ actorKind: 'OPERATOR', details: { requestId: fix.id, fields: ['name', 'department', 'email'] } });
    const providerEntry = await adminDb.providerAuditLog.findFirstOrThrow({ where: { tenantId: t.tenantId, action: 'personal-data.complete', targetId: fix.id } });
    expect(providerEntry.details).toMatchObject({ kind: 'CORRECT', corrected: ['name', 'department', 'email'] });
    // The administrator reads the operator's change in the tenant's own audit log.
    expect((await admin.console((c) => c.audit.list({ action: 'personal-data.corrected', limit: 10 }))).items.map((i) => i.targetId)).toContain(userId);
  });

  it('a correction must say what to change; bad values are refused and a vanished person is NOT_FOUND, changing nothing', async () => {
    const { t, op, admin } = await setup();
    expect(await codeOf(admin.console((c) => c.privacy.request({ kind: 'CORRECT', subjectUserId: t.users.worker.id })))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.console((c) => c.privacy.request({ kind: 'CORRECT', subjectUserId: t.users.worker.id, correction: { email: 'not-an-address' } })))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.console((c) => c.privacy.request({ kind: 'CORRECT', subjectUserId: t.users.worker.id, correction: { name: '  ' } })))).toBe('BAD_REQUEST');
    const userId = await addWorker(adminDb, t);
    const fix = await admin.console((c) => c.privacy.request({ kind: 'CORRECT', subjectUserId: userId, correction: { department: '開発部' } }));
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'ACCEPT' }));
    await adminDb.user.delete({ where: { tenantId_id: { tenantId: t.tenantId, id: userId } } });
    expect(await codeOf(op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'COMPLETE' })))).toBe('NOT_FOUND');
    expect((await adminDb.personalDataRequest.findFirstOrThrow({ where: { tenantId: t.tenantId, id: fix.id } })).status).toBe('IN_PROGRESS');
    // Values are only kept for corrections: a disclosure ignores them.
    const see = await admin.console((c) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: t.users.worker.id, correction: { name: 'x' } }));
    expect(see.correction).toBeNull();
  });

  it('an operator completing a correction cannot touch another tenant’s person', async () => {
    const { t, op, admin } = await setup();
    const other = await createTenantFixture(adminDb);
    const fix = await admin.console((c) => c.privacy.request({ kind: 'CORRECT', subjectUserId: t.users.worker.id, correction: { name: '正しい名前' } }));
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'ACCEPT' }));
    // The request named with the other tenant's id is simply not found, and neither person changes.
    expect(await codeOf(op.reseller((c) => c.operator.privacy.decide({ tenantId: other.tenantId, requestId: fix.id, decision: 'COMPLETE' })))).toBe('NOT_FOUND');
    expect((await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: other.tenantId, id: other.users.worker.id } } })).name).not.toBe('正しい名前');
    expect((await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.worker.id } } })).name).not.toBe('正しい名前');
    // With the right tenant the same request completes and changes its own person only.
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: fix.id, decision: 'COMPLETE' }));
    expect((await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.worker.id } } })).name).toBe('正しい名前');
  });
});
