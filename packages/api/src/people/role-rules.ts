import type { UserRole } from '@telework/db';

/**
 * Who may act on whose account, as data. Every user-management procedure asks this table (through
 * `decideUserAction`, and `assertMayActOn` in act-on-user.ts); the procedure ladder's role gate for
 * those procedures is derived from it too (`actorRolesFor`), so there is one place to read and change.
 *
 * Ranks: ADMIN > MANAGER > WORKER. Nobody acts upward; a manager acts only downward (on workers) and
 * only inside the groups he manages (and their sub-groups), never sideways on another manager, never
 * across groups. Admins act on the whole organisation, other admins included (someone has to be able
 * to reset an administrator's password).
 */
export const USER_ROLES = ['ADMIN', 'MANAGER', 'WORKER'] as const satisfies readonly UserRole[];

export const USER_ACTIONS = [
  /** Create a user with this role. */
  'create',
  /** Edit name, e-mail, department, language and group memberships. */
  'edit',
  /** Change the role: needed for the current role and for the new one. */
  'changeRole',
  'setDisabled',
  'delete',
  /** Issue a new password (shown once to the actor). */
  'resetPassword',
  /** Revoke one of the user's agent devices. */
  'revokeDevice',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** 'tenant': anyone in the organisation. 'managed-groups': members of the groups the actor manages, sub-groups included. */
export type Reach = 'tenant' | 'managed-groups';

type Rules = Record<UserRole, Partial<Record<UserAction, Partial<Record<UserRole, Reach>>>>>;

const anyoneInTenant = { ADMIN: 'tenant', MANAGER: 'tenant', WORKER: 'tenant' } as const;

export const ROLE_RULES = {
  ADMIN: {
    create: anyoneInTenant,
    edit: anyoneInTenant,
    changeRole: anyoneInTenant,
    setDisabled: anyoneInTenant,
    delete: anyoneInTenant,
    resetPassword: anyoneInTenant,
    revokeDevice: anyoneInTenant,
  },
  MANAGER: {
    resetPassword: { WORKER: 'managed-groups' },
  },
  WORKER: {},
} as const satisfies Rules;

const RULES: Rules = ROLE_RULES;

/** The roles that may perform `action` on someone at all: the procedure ladder's gate. */
export function actorRolesFor(action: UserAction): UserRole[] {
  return USER_ROLES.filter((role) => Object.keys(RULES[role][action] ?? {}).length > 0);
}

/** Where the target stands from the actor's point of view. */
export interface TargetPosition {
  role: UserRole;
  /** Whether the actor can see the target at all (scope.ts: admins everyone, managers their groups and themselves). */
  visible: boolean;
  /** Whether the target is a member of a group the actor manages (or one of its sub-groups). */
  inManagedGroups: boolean;
}

export type RuleOutcome = 'ALLOW' | 'FORBIDDEN' | 'NOT_FOUND';

/**
 * The decision for one action. Order matters and is part of the contract:
 *  1. an actor whose role has no rule for the action is FORBIDDEN (whoever the target);
 *  2. a target the actor cannot see is NOT_FOUND, so its existence is not revealed;
 *  3. a visible target whose role is not in the actor's rule is FORBIDDEN (a manager and an admin of his group);
 *  4. a managed-groups rule needs the target in one of the actor's groups, else NOT_FOUND (outside his reach).
 */
export function decideUserAction(action: UserAction, actorRole: UserRole, target: TargetPosition): RuleOutcome {
  const rule = RULES[actorRole][action];
  if (!rule || Object.keys(rule).length === 0) return 'FORBIDDEN';
  if (!target.visible) return 'NOT_FOUND';
  const reach = rule[target.role];
  if (!reach) return 'FORBIDDEN';
  if (reach === 'managed-groups' && !target.inManagedGroups) return 'NOT_FOUND';
  return 'ALLOW';
}

export const ROLE_RANK: Record<UserRole, number> = { ADMIN: 3, MANAGER: 2, WORKER: 1 };

/**
 * An organisation never loses its last active ADMIN: nobody would be left to manage users, settings or
 * the contract. These are the actions that, aimed at an active admin, take him out of the active
 * admins (a role change away from ADMIN, disabling, deletion); the services refuse them with
 * RULE_VIOLATION, reason LAST_ADMIN, when no other active admin would remain (act-on-user.ts,
 * `assertKeepsAnActiveAdmin`, which the personal-data erasure of privacy/requests.ts uses too).
 */
export const ADMIN_REMOVING_ACTIONS = ['changeRole', 'setDisabled', 'delete'] as const satisfies readonly UserAction[];
export type AdminRemovingAction = (typeof ADMIN_REMOVING_ACTIONS)[number];

/** What the action does to its target: the new role of a role change, the new state of setDisabled. */
export interface TargetChange {
  newRole?: UserRole;
  disabled?: boolean;
}

/** Whether `action` with `change` on an active user of `targetRole` leaves him no longer an active admin. */
export function removesAnActiveAdmin(action: UserAction, targetRole: UserRole, change: TargetChange = {}): boolean {
  if (targetRole !== 'ADMIN' || !(ADMIN_REMOVING_ACTIONS as readonly UserAction[]).includes(action)) return false;
  if (action === 'changeRole') return change.newRole !== undefined && change.newRole !== 'ADMIN';
  if (action === 'setDisabled') return change.disabled === true;
  return true;
}
