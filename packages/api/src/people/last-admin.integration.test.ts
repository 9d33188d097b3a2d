import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTenant, type UserRole } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser, trpcCodeOf, type TestBrowser } from '../testing/callers';
import { LocalBlobStore } from '../storage';
import { randomKeyring } from '../evidence/test-helpers';
import { processAcceptedRequests } from '../privacy/requests';
import { deleteUser, setUserDisabled, updateUser } from './users';
import { ADMIN_REMOVING_ACTIONS, type AdminRemovingAction } from './role-rules';

// Issue 15: an organisation never loses its last active ADMIN. Every admin-removing action of the role
// table (ADMIN_REMOVING_ACTIONS) is replayed as the attack it allows: two administrators, each taking
// the other out at the same moment through the console router (before the rule both succeeded and the
// organisation was left with none); then the same second step made deterministic, by calling the service
// as the second request would (its actor still read as ADMIN); then personal-data erasure of the last admin.

const { db, adminDb } = useTestDatabase();

/** A tenant whose fixture manager is a second administrator; both signed in. */
async function twoAdmins() {
  const t = await createTenantFixture(adminDb);
  await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.manager.id } }, data: { role: 'ADMIN' } });
  return { t, a: await signedInUser(db, t, 'admin'), b: await signedInUser(db, t, 'manager') };
}

const activeAdmins = (t: TenantFixture) => adminDb.user.count({ where: { tenantId: t.tenantId, role: 'ADMIN', disabledAt: null } });

/** The action by `actor` on `targetId`, through the console router. */
function attack(action: AdminRemovingAction, actor: TestBrowser, targetId: string): Promise<string> {
  const call = {
    changeRole: () => actor.console((c) => c.users.update({ userId: targetId, data: { name: 'demoted', role: 'WORKER' as UserRole, language: 'ja', groupIds: [] } })),
    setDisabled: () => actor.console((c) => c.users.setDisabled({ userId: targetId, disabled: true })),
    delete: () => actor.console((c) => c.users.delete({ userId: targetId })),
  }[action];
  return trpcCodeOf(call());
}

/** The same action as a service call by an actor whose role was read as ADMIN when his request began. */
function asStaleAdmin(action: AdminRemovingAction, t: TenantFixture, actorId: string, targetId: string) {
  const actor = { id: actorId, role: 'ADMIN' as const, ip: null };
  return withTenant(db, t.tenantId, (tx) => {
    if (action === 'changeRole') return updateUser(tx, { tenantId: t.tenantId, actor, userId: targetId, input: { name: 'demoted', role: 'WORKER', language: 'ja', groupIds: [] } });
    if (action === 'setDisabled') return setUserDisabled(tx, { tenantId: t.tenantId, actor, userId: targetId, disabled: true });
    return deleteUser(tx, { tenantId: t.tenantId, actor, userId: targetId });
  });
}

describe('the last active administrator (generated from ADMIN_REMOVING_ACTIONS)', () => {
  it.each([...ADMIN_REMOVING_ACTIONS])('%s: two admins taking each other out at the same moment leave one admin', async (action) => {
    const { t, a, b } = await twoAdmins();
    const codes = await Promise.all([attack(action, a, t.users.manager.id), attack(action, b, t.users.admin.id)]);
    // One succeeds; the other is refused (LAST_ADMIN, or signed out if the first already removed him).
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK')[0]).toMatch(/^(PRECONDITION_FAILED|UNAUTHORIZED)$/);
    expect(await activeAdmins(t)).toBe(1);
  });

  it.each([...ADMIN_REMOVING_ACTIONS])('%s: the second step on the last active admin is RULE_VIOLATION LAST_ADMIN and changes nothing', async (action) => {
    const { t, a } = await twoAdmins();
    expect(await attack(action, a, t.users.manager.id)).toBe('OK');
    const before = await adminDb.user.findFirstOrThrow({ where: { id: t.users.admin.id } });
    await expect(asStaleAdmin(action, t, t.users.manager.id, t.users.admin.id)).rejects.toMatchObject({ code: 'RULE_VIOLATION', details: { reason: 'LAST_ADMIN' } });
    expect(await adminDb.user.findFirstOrThrow({ where: { id: t.users.admin.id } })).toEqual(before);
    expect(await activeAdmins(t)).toBe(1);
  });

  it('a disabled administrator does not count: the active one is still the last', async () => {
    const { t } = await twoAdmins();
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.manager.id } }, data: { disabledAt: new Date() } });
    await expect(asStaleAdmin('changeRole', t, t.users.manager.id, t.users.admin.id)).rejects.toMatchObject({ details: { reason: 'LAST_ADMIN' } });
    // Acting on the disabled admin itself takes no active admin away.
    const a = await signedInUser(db, t, 'admin');
    expect(await attack('delete', a, t.users.manager.id)).toBe('OK');
    expect(await activeAdmins(t)).toBe(1);
  });

  it('other changes to admins stay allowed while another active admin remains', async () => {
    const { t, a } = await twoAdmins();
    expect(await trpcCodeOf(a.console((c) => c.users.update({ userId: t.users.manager.id, data: { name: 'renamed', role: 'ADMIN', language: 'en', groupIds: [] } })))).toBe('OK');
    expect(await trpcCodeOf(a.console((c) => c.users.setDisabled({ userId: t.users.manager.id, disabled: false })))).toBe('OK');
    expect(await activeAdmins(t)).toBe(2);
  });
});

describe('personal-data erasure of the last active administrator', () => {
  it('is refused when asked (LAST_ADMIN) and, when the others have gone by the time it runs, ends REJECTED with the admin kept', async () => {
    const { t, a, b } = await twoAdmins();
    // Asked while two admins are active: accepted for the other admin (the fixture admin is a registered administrator).
    const store = new LocalBlobStore(await mkdtemp(join(tmpdir(), 'last-admin-')));
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const req = await a.console((c) => c.privacy.request({ kind: 'DELETE', subjectUserId: t.users.manager.id }));
    await op.reseller((c) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: req.id, decision: 'ACCEPT' }));
    // Then the other admin disables the requester: the subject is now the only active admin.
    expect(await attack('setDisabled', b, t.users.admin.id)).toBe('OK');
    await processAcceptedRequests(db, { store, keyring: randomKeyring(), now: new Date() });
    expect((await adminDb.personalDataRequest.findFirstOrThrow({ where: { id: req.id } })).status).toBe('REJECTED');
    expect(await adminDb.user.count({ where: { id: t.users.manager.id } })).toBe(1);
    expect(await activeAdmins(t)).toBe(1);

    // Asked for the last active admin: refused at once, nothing recorded.
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.manager.id } }, data: { isRegisteredAdministrator: true } });
    const requestsBefore = await adminDb.personalDataRequest.count({ where: { tenantId: t.tenantId } });
    const code = await trpcCodeOf(b.console((c) => c.privacy.request({ kind: 'DELETE', subjectUserId: t.users.manager.id })));
    expect(code).toBe('PRECONDITION_FAILED');
    expect(await adminDb.personalDataRequest.count({ where: { tenantId: t.tenantId } })).toBe(requestsBefore);
  });
});
