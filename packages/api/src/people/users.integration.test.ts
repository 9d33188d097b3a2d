import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { signedInUser, TestBrowser } from '../testing/callers';
import { addWorker, createTenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

const { db, adminDb } = useTestDatabase();

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, appCode: (e.cause as { code?: string }).code };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('seat limit', () => {
  it('never lets active workers exceed the licensed seats, and stores nothing when refused', async () => {
    const t = await createTenantFixture(adminDb, { seats: 2 }); // the fixture already has 1 worker
    const admin = await signedInUser(db, t, 'admin');
    const add = (loginId: string) => admin.console((c) => c.users.create({ loginId, name: loginId, role: 'WORKER', language: 'ja', groupIds: [] }));
    await add('second');
    expect(await admin.console((c) => c.users.seats())).toEqual({ allowed: 2, used: 2 });
    expect(await refusal(add('third'))).toEqual({ code: 'PRECONDITION_FAILED', appCode: 'SEAT_LIMIT' });
    expect(await adminDb.user.count({ where: { tenantId: t.tenantId, loginId: 'third' } })).toBe(0);
    // Managers and admins do not take seats…
    await admin.console((c) => c.users.create({ loginId: 'boss', name: 'boss', role: 'MANAGER', language: 'ja', groupIds: [] }));
    const boss = await adminDb.user.findFirstOrThrow({ where: { tenantId: t.tenantId, loginId: 'boss' } });
    // …but turning one into a worker does.
    expect(await refusal(admin.console((c) => c.users.update({ userId: boss.id, data: { name: 'boss', role: 'WORKER', language: 'ja', groupIds: [] } })))).toEqual({
      code: 'PRECONDITION_FAILED',
      appCode: 'SEAT_LIMIT',
    });
    expect((await adminDb.user.findFirstOrThrow({ where: { id: boss.id } })).role).toBe('MANAGER');
    // Disabling frees a seat; enabling again beyond the limit is refused.
    await admin.console((c) => c.users.setDisabled({ userId: t.users.worker.id, disabled: true }));
    await add('third');
    expect(await refusal(admin.console((c) => c.users.setDisabled({ userId: t.users.worker.id, disabled: false })))).toEqual({
      code: 'PRECONDITION_FAILED',
      appCode: 'SEAT_LIMIT',
    });
  });
});

describe('issued passwords', () => {
  it('shows a new user’s password once; it works for sign-in and only its hash is stored', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const { userId, initialPassword } = await admin.console((c) => c.users.create({ loginId: 'fresh', name: '新人', role: 'WORKER', language: 'ja', groupIds: [t.groupId] }));
    const row = await adminDb.user.findFirstOrThrow({ where: { id: userId } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.mustChangePassword).toBe(true);
    const browser = new TestBrowser(db, 'console');
    await browser.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'fresh', password: initialPassword }));
    expect(browser.hasSession).toBe(true);
    // A reset ends that session and issues another password.
    const { password } = await admin.console((c) => c.users.resetPassword({ userId }));
    expect(password).not.toBe(initialPassword);
    expect(await browser.console((c) => c.auth.me())).toBeNull();
  });
});

describe('manager scope', () => {
  it('a manager sees and manages only the members of his groups (including sub-groups)', async () => {
    const t = await createTenantFixture(adminDb);
    const inGroup = await addWorker(adminDb, t);
    const sub = await adminDb.group.create({ data: { tenantId: t.tenantId, name: '営業一課', parentId: t.groupId } });
    const inSub = (await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'sub', name: 'sub', role: 'WORKER' } })).id;
    await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: sub.id, userId: inSub, kind: 'MEMBER' } });
    const outside = (await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'outside', name: 'outside', role: 'WORKER' } })).id;

    const manager = await signedInUser(db, t, 'manager');
    const ids = (await manager.console((c) => c.users.list())).map((u) => u.id);
    expect(ids).toEqual(expect.arrayContaining([t.users.manager.id, t.users.worker.id, inGroup, inSub]));
    expect(ids).not.toContain(outside);
    expect(ids).not.toContain(t.users.admin.id);
    expect(await refusal(manager.console((c) => c.users.get({ userId: outside })))).toEqual({ code: 'NOT_FOUND', appCode: 'NOT_FOUND' });
    expect(await refusal(manager.console((c) => c.users.resetPassword({ userId: outside })))).toEqual({ code: 'NOT_FOUND', appCode: 'NOT_FOUND' });
    await manager.console((c) => c.users.resetPassword({ userId: inSub }));
    expect((await manager.console((c) => c.groups.list())).map((g) => g.id).sort()).toEqual([t.groupId, sub.id].sort());
  });

  it('refuses a group cycle', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const { groupId: child } = await admin.console((c) => c.groups.create({ name: '子', parentId: t.groupId, managerIds: [] }));
    expect(await refusal(admin.console((c) => c.groups.update({ groupId: t.groupId, name: '営業部', parentId: child, managerIds: [] })))).toEqual({
      code: 'PRECONDITION_FAILED',
      appCode: 'RULE_VIOLATION',
    });
  });
});
