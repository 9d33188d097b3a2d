import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser } from '../testing/callers';
import { checkAccess } from '../access/check-access';

const { db, adminDb } = useTestDatabase();

describe('audit log viewer', () => {
  it('shows an administrator their tenant’s log, filtered and paginated, including refused foreign access', async () => {
    const t = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    for (let i = 0; i < 5; i += 1) {
      await adminDb.auditLog.create({ data: { tenantId: t.tenantId, actorKind: 'USER', actorId: t.users.admin.id, action: 'user.update', targetId: String(i) } });
    }
    await adminDb.auditLog.create({ data: { tenantId: other.tenantId, actorKind: 'USER', actorId: other.users.admin.id, action: 'user.update' } });
    await checkAccess(db, { ip: '81.2.69.160', tenantId: t.tenantId });

    const admin = await signedInUser(db, t, 'admin');
    const refused = await admin.console((c) => c.audit.list({ action: 'access.refused' }));
    expect(refused.items).toHaveLength(1);
    expect(refused.items[0]).toMatchObject({ ip: '81.2.69.160', details: { country: 'GB' } });

    const first = await admin.console((c) => c.audit.list({ action: 'user.update', limit: 3 }));
    expect(first.items).toHaveLength(3);
    expect(first.items[0]?.actorName).toMatch(/^admin /);
    expect(first.nextCursor).not.toBeNull();
    const second = await admin.console((c) => c.audit.list({ action: 'user.update', limit: 3, cursor: first.nextCursor ?? undefined }));
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((r) => r.targetId)).toEqual(['4', '3', '2', '1', '0']);
    expect([...first.items, ...second.items].every((r) => r.tenantId === t.tenantId)).toBe(true);
    const byActor = await admin.console((c) => c.audit.list({ actorId: t.users.manager.id }));
    expect(byActor.items).toHaveLength(0);
    const future = await admin.console((c) => c.audit.list({ from: new Date(Date.now() + 60_000) }));
    expect(future.items).toHaveLength(0);
  });

  it('keeps a deleted user’s name on their entries and on the deletion, within the tenant only', async () => {
    const t = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const { userId } = await admin.console((c) => c.users.create({ loginId: 'leaver', name: '退職 太郎', role: 'WORKER', language: 'ja', groupIds: [] }));
    await adminDb.auditLog.create({ data: { tenantId: t.tenantId, actorKind: 'USER', actorId: userId, action: 'user.password_changed' } });
    await admin.console((c) => c.users.delete({ userId }));

    const rows = await admin.console((c) => c.audit.list({}));
    expect(rows.items.find((r) => r.action === 'user.password_changed' && r.actorId === userId)?.actorName).toBe('退職 太郎');
    expect(rows.items.find((r) => r.action === 'user.deleted')).toMatchObject({ targetId: userId, targetName: '退職 太郎', details: { name: '退職 太郎', loginId: 'leaver' } });
    expect(rows.items.find((r) => r.action === 'user.created')?.targetName).toBe('退職 太郎');
    // Filtered by target type: only entries about users.
    await adminDb.auditLog.create({ data: { tenantId: t.tenantId, actorKind: 'USER', actorId: t.users.admin.id, action: 'task.created', targetType: 'Task', targetId: userId } });
    const aboutUsers = await admin.console((c) => c.audit.list({ targetType: 'User' }));
    expect(new Set(aboutUsers.items.map((r) => r.action))).toEqual(new Set(['user.created', 'user.deleted']));
    const aboutTasks = await admin.console((c) => c.audit.list({ targetType: 'Task' }));
    expect(aboutTasks.items.map((r) => r.action)).toEqual(['task.created']);
    await expect(admin.console((c) => c.audit.list({ targetType: 'Nonsense' as 'User' }))).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    // Another tenant's log never borrows the name, even for an entry naming the same id.
    await adminDb.auditLog.create({ data: { tenantId: other.tenantId, actorKind: 'USER', actorId: userId, action: 'user.password_changed' } });
    const otherAdmin = await signedInUser(db, other, 'admin');
    const theirs = await otherAdmin.console((c) => c.audit.list({ actorId: userId }));
    expect(theirs.items.map((r) => r.actorName)).toEqual([null]);
  });

  it('shows operators provider-side actions', async () => {
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const t = await createTenantFixture(adminDb);
    await op.reseller((c) => c.operator.notices.create({ kind: 'GENERAL', audience: 'SELECTED_TENANTS', tenantIds: [t.tenantId], titleJa: '監査', bodyJa: '本文' }));
    const rows = await op.reseller((c) => c.operator.audit.list({ action: 'notice.*' }));
    expect(rows.items.length).toBeGreaterThanOrEqual(1);
    expect(rows.items.every((r) => r.action.startsWith('notice.'))).toBe(true);
    // Named, not shown as an id (issue 18: 「オペレーター 01a2514e」).
    const me = await adminDb.operator.findUniqueOrThrow({ where: { email }, select: { id: true, name: true } });
    expect(rows.items.find((r) => r.actorId === me.id)?.actorName).toBe(me.name);
  });

  it('names reseller staff in the provider log', async () => {
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const reseller = await createResellerFixture(adminDb);
    const staff = await adminDb.resellerStaff.findFirstOrThrow({ where: { resellerId: reseller.resellerId }, select: { id: true, name: true } });
    await adminDb.providerAuditLog.create({ data: { actorKind: 'RESELLER_STAFF', actorId: staff.id, resellerId: reseller.resellerId, action: 'auth.sign_in' } });
    const rows = await op.reseller((c) => c.operator.audit.list({ actorId: staff.id }));
    expect(rows.items.map((r) => r.actorName)).toEqual([staff.name]);
  });
});
