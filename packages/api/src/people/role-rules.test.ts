import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { actorRolesFor, ADMIN_REMOVING_ACTIONS, decideUserAction, removesAnActiveAdmin, ROLE_RANK, USER_ACTIONS, USER_ROLES, type TargetPosition } from './role-rules';

const position = fc.record({
  role: fc.constantFrom(...USER_ROLES),
  visible: fc.boolean(),
  inManagedGroups: fc.boolean(),
}) satisfies fc.Arbitrary<TargetPosition>;
const action = fc.constantFrom(...USER_ACTIONS);
const actorRole = fc.constantFrom(...USER_ROLES);

// The policy as the issue states it (admin > manager > worker, never upward, never sideways across
// groups), checked as invariants over every combination the table can be asked about.
describe('role rules: invariants', () => {
  it('nobody acts upward', () => {
    fc.assert(
      fc.property(action, actorRole, position, (a, r, p) => {
        if (ROLE_RANK[p.role] > ROLE_RANK[r]) expect(decideUserAction(a, r, p)).not.toBe('ALLOW');
      }),
    );
  });

  it('a worker acts on nobody, and is told FORBIDDEN whoever the target', () => {
    fc.assert(
      fc.property(action, position, (a, p) => {
        expect(decideUserAction(a, 'WORKER', p)).toBe('FORBIDDEN');
      }),
    );
  });

  it('a manager acts only on workers of his own groups: never sideways on a manager, never across groups', () => {
    fc.assert(
      fc.property(action, position, (a, p) => {
        const outcome = decideUserAction(a, 'MANAGER', p);
        if (outcome === 'ALLOW') expect(p).toMatchObject({ role: 'WORKER', visible: true, inManagedGroups: true });
        if (p.role !== 'WORKER') expect(outcome).not.toBe('ALLOW');
        if (!p.inManagedGroups) expect(outcome).not.toBe('ALLOW');
      }),
    );
  });

  it('a target the actor cannot see is never acted on, and its existence is not revealed by the answer', () => {
    fc.assert(
      fc.property(action, actorRole, position, (a, r, p) => {
        const hidden = decideUserAction(a, r, { ...p, visible: false });
        expect(hidden).not.toBe('ALLOW');
        // Whatever the hidden user's role, the answer is the same.
        for (const role of USER_ROLES) expect(decideUserAction(a, r, { ...p, role, visible: false })).toBe(hidden);
      }),
    );
  });

  it('the ladder gate lets through exactly the roles with some allowed target', () => {
    for (const a of USER_ACTIONS) {
      for (const r of USER_ROLES) {
        const somewhere = USER_ROLES.some((role) => decideUserAction(a, r, { role, visible: true, inManagedGroups: true }) === 'ALLOW');
        expect(actorRolesFor(a).includes(r)).toBe(somewhere);
      }
    }
  });
});

// Worked examples written from the issue, not from the table.
describe('role rules: worked examples', () => {
  it('issue 15, attack 1: a manager resetting the password of an ADMIN of his group is FORBIDDEN', () => {
    expect(decideUserAction('resetPassword', 'MANAGER', { role: 'ADMIN', visible: true, inManagedGroups: true })).toBe('FORBIDDEN');
  });

  it.each([
    ['resetPassword', 'MANAGER', { role: 'WORKER', visible: true, inManagedGroups: true }, 'ALLOW'],
    ['resetPassword', 'MANAGER', { role: 'MANAGER', visible: true, inManagedGroups: true }, 'FORBIDDEN'],
    ['resetPassword', 'MANAGER', { role: 'WORKER', visible: false, inManagedGroups: false }, 'NOT_FOUND'],
    ['delete', 'MANAGER', { role: 'WORKER', visible: true, inManagedGroups: true }, 'FORBIDDEN'],
    ['changeRole', 'MANAGER', { role: 'WORKER', visible: true, inManagedGroups: true }, 'FORBIDDEN'],
    ['revokeDevice', 'MANAGER', { role: 'WORKER', visible: true, inManagedGroups: true }, 'FORBIDDEN'],
    ['resetPassword', 'ADMIN', { role: 'ADMIN', visible: true, inManagedGroups: false }, 'ALLOW'],
    ['delete', 'ADMIN', { role: 'MANAGER', visible: true, inManagedGroups: false }, 'ALLOW'],
    ['revokeDevice', 'ADMIN', { role: 'WORKER', visible: true, inManagedGroups: false }, 'ALLOW'],
    ['edit', 'WORKER', { role: 'WORKER', visible: true, inManagedGroups: false }, 'FORBIDDEN'],
  ] as const)('%s by %s on %o → %s', (a, r, p, expected) => {
    expect(decideUserAction(a, r, p)).toBe(expected);
  });
});

describe('the last active administrator (ADMIN_REMOVING_ACTIONS)', () => {
  const change = { changeRole: { newRole: 'WORKER' as const }, setDisabled: { disabled: true }, delete: {} };
  it.each(USER_ACTIONS.flatMap((action) => USER_ROLES.map((role) => ({ action, role }))))('$action on a $role', ({ action, role }) => {
    const listed = (ADMIN_REMOVING_ACTIONS as readonly string[]).includes(action);
    const effect = listed ? change[action as keyof typeof change] : {};
    expect(removesAnActiveAdmin(action, role, effect)).toBe(listed && role === 'ADMIN');
  });
  it('keeping the admin role, or enabling, takes no admin away', () => {
    expect(removesAnActiveAdmin('changeRole', 'ADMIN', { newRole: 'ADMIN' })).toBe(false);
    expect(removesAnActiveAdmin('setDisabled', 'ADMIN', { disabled: false })).toBe(false);
    expect(removesAnActiveAdmin('changeRole', 'ADMIN', { newRole: 'MANAGER' })).toBe(true);
  });
});
