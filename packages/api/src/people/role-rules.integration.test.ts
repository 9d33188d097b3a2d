import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '@telework/db';
import { FIXTURE_PASSWORD, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { signedInUser, TestBrowser, trpcCodeOf } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { hashPassword } from '../auth/passwords';
import { decideUserAction, USER_ACTIONS, USER_ROLES, type RuleOutcome, type UserAction } from './role-rules';

const { db, adminDb } = useTestDatabase();

// Every user-management procedure, called through the console router for every actor role × target
// role × (target in the actor's group | in another group). The expected answer comes from the role
// table; the effect (or its absence) is read back from the database with the privileged client.

type Group = 'same' | 'other';
const GROUPS: Group[] = ['same', 'other'];
const EXPECTED_CODE: Record<RuleOutcome, string> = { ALLOW: 'OK', FORBIDDEN: 'FORBIDDEN', NOT_FOUND: 'NOT_FOUND' };
/** The role a changeRole case moves the target to: always a different one. */
const ROLE_CHANGE: Record<UserRole, UserRole> = { ADMIN: 'MANAGER', MANAGER: 'WORKER', WORKER: 'MANAGER' };

let t: TenantFixture;
let otherGroupId: string;
let hash: string;
const actors = {} as Record<UserRole, TestBrowser>;

beforeAll(async () => {
  t = await createTenantFixture(adminDb);
  // The fixture's manager manages its group, the worker is a member; the admin joins it too, so that
  // "same group" means the same thing for every actor.
  await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: t.groupId, userId: t.users.admin.id, kind: 'MEMBER' } });
  otherGroupId = (await adminDb.group.create({ data: { tenantId: t.tenantId, name: '別部署' } })).id;
  hash = await hashPassword('Target-pass-2026');
  actors.ADMIN = await signedInUser(db, t, 'admin');
  actors.MANAGER = await signedInUser(db, t, 'manager');
  actors.WORKER = await signedInUser(db, t, 'worker');
});

async function makeTarget(role: UserRole, group: Group) {
  const user = await adminDb.user.create({
    data: { tenantId: t.tenantId, loginId: `target-${randomUUID().slice(0, 8)}`, name: 'target', role, passwordHash: hash },
    select: { id: true },
  });
  await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: group === 'same' ? t.groupId : otherGroupId, userId: user.id, kind: 'MEMBER' } });
  const device = await adminDb.agentDevice.create({ data: { tenantId: t.tenantId, userId: user.id, name: 'PC', tokenHash: `t-${randomUUID()}` }, select: { id: true } });
  return { userId: user.id, deviceId: device.id };
}

/** Where the target stands for the actor, from the fixture's layout (not from the code under test). */
function positionOf(actor: UserRole, role: UserRole, group: Group) {
  const visible = actor === 'ADMIN' || (actor === 'MANAGER' && group === 'same');
  return { role, visible, inManagedGroups: actor === 'MANAGER' && group === 'same' };
}

function expectedOutcome(action: UserAction, actor: UserRole, role: UserRole, group: Group): RuleOutcome {
  if (action === 'create') {
    const outcome = decideUserAction('create', actor, { ...positionOf(actor, role, group), visible: true });
    return outcome === 'NOT_FOUND' ? 'FORBIDDEN' : outcome;
  }
  const first = decideUserAction(action, actor, positionOf(actor, role, group));
  if (action !== 'changeRole' || first !== 'ALLOW') return first;
  return decideUserAction(action, actor, positionOf(actor, ROLE_CHANGE[role], group));
}

interface Case {
  /** Calls the procedure; returns a probe that tells whether the action took effect. */
  run: (b: TestBrowser, role: UserRole, group: Group) => Promise<{ code: string; happened: () => Promise<boolean> }>;
}

const CASES: Record<UserAction, Case> = {
  create: {
    async run(b, role, group) {
      const loginId = `new-${randomUUID().slice(0, 8)}`;
      const code = await trpcCodeOf(b.console((c) => c.users.create({ loginId, name: '新人', role, language: 'ja', groupIds: [group === 'same' ? t.groupId : otherGroupId] })));
      return { code, happened: async () => (await adminDb.user.count({ where: { tenantId: t.tenantId, loginId } })) === 1 };
    },
  },
  edit: {
    async run(b, role, group) {
      const { userId } = await makeTarget(role, group);
      const code = await trpcCodeOf(b.console((c) => c.users.update({ userId, data: { name: '改名', role, language: 'en', groupIds: [group === 'same' ? t.groupId : otherGroupId] } })));
      return { code, happened: async () => (await adminDb.user.findFirstOrThrow({ where: { id: userId } })).name === '改名' };
    },
  },
  changeRole: {
    async run(b, role, group) {
      const { userId } = await makeTarget(role, group);
      const to = ROLE_CHANGE[role];
      const code = await trpcCodeOf(b.console((c) => c.users.update({ userId, data: { name: 'target', role: to, language: 'ja', groupIds: [group === 'same' ? t.groupId : otherGroupId] } })));
      return { code, happened: async () => (await adminDb.user.findFirstOrThrow({ where: { id: userId } })).role === to };
    },
  },
  setDisabled: {
    async run(b, role, group) {
      const { userId } = await makeTarget(role, group);
      const code = await trpcCodeOf(b.console((c) => c.users.setDisabled({ userId, disabled: true })));
      return { code, happened: async () => (await adminDb.user.findFirstOrThrow({ where: { id: userId } })).disabledAt !== null };
    },
  },
  delete: {
    async run(b, role, group) {
      const { userId } = await makeTarget(role, group);
      const code = await trpcCodeOf(b.console((c) => c.users.delete({ userId })));
      return { code, happened: async () => (await adminDb.user.count({ where: { id: userId } })) === 0 };
    },
  },
  resetPassword: {
    async run(b, role, group) {
      const { userId } = await makeTarget(role, group);
      const code = await trpcCodeOf(b.console((c) => c.users.resetPassword({ userId })));
      return { code, happened: async () => (await adminDb.user.findFirstOrThrow({ where: { id: userId } })).passwordHash !== hash };
    },
  },
  revokeDevice: {
    async run(b, role, group) {
      const { deviceId } = await makeTarget(role, group);
      const code = await trpcCodeOf(b.console((c) => c.devices.revoke({ deviceId })));
      return { code, happened: async () => (await adminDb.agentDevice.findFirstOrThrow({ where: { id: deviceId } })).revokedAt !== null };
    },
  },
};

const matrix = USER_ACTIONS.flatMap((action) => USER_ROLES.flatMap((actor) => USER_ROLES.flatMap((role) => GROUPS.map((group) => ({ action, actor, role, group })))));

describe('role rules, every user-management procedure (generated from the table)', () => {
  it('covers every action of the table with a procedure', () => {
    expect(Object.keys(CASES).sort()).toEqual([...USER_ACTIONS].sort());
    expect(matrix).toHaveLength(USER_ACTIONS.length * 3 * 3 * 2);
  });

  it.each(matrix)('$action by $actor on a $role of the $group group', async ({ action, actor, role, group }) => {
    const expected = expectedOutcome(action, actor, role, group);
    const { code, happened } = await CASES[action].run(actors[actor], role, group);
    expect(code).toBe(EXPECTED_CODE[expected]);
    expect(await happened()).toBe(expected === 'ALLOW');
  });
});

describe('issue 15, attack 1 replayed: a manager resets the password of an ADMIN of his group', () => {
  it('is FORBIDDEN, returns no password, and changes nothing: the admin keeps his password and session', async () => {
    const f = await createTenantFixture(adminDb);
    // The admin is a member of the manager's group, as in the report.
    await adminDb.groupMembership.create({ data: { tenantId: f.tenantId, groupId: f.groupId, userId: f.users.admin.id, kind: 'MEMBER' } });
    const admin = await signedInUser(db, f, 'admin');
    const manager = await signedInUser(db, f, 'manager');
    const before = await adminDb.user.findFirstOrThrow({ where: { id: f.users.admin.id } });
    // The manager can see the admin (he is in the group)…
    expect((await manager.console((c) => c.users.list())).map((u) => u.id)).toContain(f.users.admin.id);
    // …but the reset is refused with FORBIDDEN.
    let answer: unknown;
    const code = await trpcCodeOf(manager.console(async (c) => (answer = await c.users.resetPassword({ userId: f.users.admin.id }))));
    expect(code).toBe('FORBIDDEN');
    expect(answer).toBeUndefined();
    const after = await adminDb.user.findFirstOrThrow({ where: { id: f.users.admin.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.mustChangePassword).toBe(false);
    expect(await adminDb.auditLog.count({ where: { tenantId: f.tenantId, action: 'user.password_reset' } })).toBe(0);
    // The admin is still signed in and still signs in with his own password.
    expect(await admin.console((c) => c.auth.me())).toMatchObject({ userId: f.users.admin.id, role: 'ADMIN' });
    const again = new TestBrowser(db, 'console');
    await again.console((c) => c.auth.signIn({ systemId: f.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }));
    expect(again.hasSession).toBe(true);
  });

  it('another manager of the same group is refused too (never sideways), another tenant’s admin is NOT_FOUND', async () => {
    const f = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    const peer = await adminDb.user.create({ data: { tenantId: f.tenantId, loginId: 'peer', name: 'peer', role: 'MANAGER', passwordHash: hash }, select: { id: true } });
    await adminDb.groupMembership.create({ data: { tenantId: f.tenantId, groupId: f.groupId, userId: peer.id, kind: 'MEMBER' } });
    const manager = await signedInUser(db, f, 'manager');
    expect(await trpcCodeOf(manager.console((c) => c.users.resetPassword({ userId: peer.id })))).toBe('FORBIDDEN');
    const admin = await signedInUser(db, f, 'admin');
    expect(await trpcCodeOf(admin.console((c) => c.users.resetPassword({ userId: other.users.admin.id })))).toBe('NOT_FOUND');
    expect(await trpcCodeOf(admin.console((c) => c.devices.revoke({ deviceId: other.deviceId })))).toBe('NOT_FOUND');
    expect((await adminDb.agentDevice.findFirstOrThrow({ where: { id: other.deviceId } })).revokedAt).toBeNull();
  });
});
