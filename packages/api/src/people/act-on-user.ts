import type { Tx, UserRole } from '@telework/db';
import { AppError } from '../errors/app-error';
import { decideUserAction, removesAnActiveAdmin, type RuleOutcome, type TargetChange, type UserAction } from './role-rules';
import { managedGroupIds, visibleUserIds, type Viewer } from './scope';

function refuse(outcome: Exclude<RuleOutcome, 'ALLOW'>): never {
  if (outcome === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'No such user.');
  throw new AppError('FORBIDDEN', 'Your role does not allow this on that user.', { reason: 'ROLE_RULE' });
}

async function isInManagedGroups(db: Tx, tenantId: string, actor: Viewer, userIds: string[]): Promise<boolean> {
  if (actor.role !== 'MANAGER' || userIds.length === 0) return false;
  const groups = await managedGroupIds(db, tenantId, actor.id);
  const members = await db.groupMembership.findMany({
    where: { tenantId, groupId: { in: groups }, kind: 'MEMBER', userId: { in: userIds } },
    select: { userId: true },
  });
  return new Set(members.map((m) => m.userId)).size === new Set(userIds).size;
}

/**
 * Checks the role rules (role-rules.ts) for `action` by `actor` on user `userId` of the tenant and
 * returns the target's current role. When `newRole` is given (a role change), the actor must also be
 * allowed to act on a user of that role: nobody hands out a rank above his reach.
 */
export async function assertMayActOn(
  db: Tx,
  tenantId: string,
  actor: Viewer,
  action: UserAction,
  userId: string,
  newRole?: UserRole,
): Promise<{ id: string; role: UserRole }> {
  // Same decision, whatever the target, for a role without the action: nothing about the target is read.
  const early = decideUserAction(action, actor.role, { role: 'WORKER', visible: false, inManagedGroups: false });
  if (early === 'FORBIDDEN') refuse(early);
  const target = await db.user.findFirst({ where: { tenantId, id: userId }, select: { id: true, role: true } });
  if (!target) refuse('NOT_FOUND');
  const ids = await visibleUserIds(db, tenantId, actor);
  const visible = ids === null || ids.includes(userId);
  const inManagedGroups = await isInManagedGroups(db, tenantId, actor, [userId]);
  for (const role of newRole && newRole !== target.role ? [target.role, newRole] : [target.role]) {
    const outcome = decideUserAction(action, actor.role, { role, visible, inManagedGroups });
    if (outcome !== 'ALLOW') refuse(outcome);
  }
  return target;
}

/** Creating a user: the actor must be allowed to act on a user of that role placed in those groups. */
export async function assertMayCreate(db: Tx, tenantId: string, actor: Viewer, role: UserRole, groupIds: string[]): Promise<void> {
  const groups = actor.role === 'MANAGER' ? await managedGroupIds(db, tenantId, actor.id) : [];
  const inManagedGroups = groupIds.length > 0 && groupIds.every((g) => groups.includes(g));
  const outcome = decideUserAction('create', actor.role, { role, visible: true, inManagedGroups });
  if (outcome !== 'ALLOW') refuse(outcome === 'NOT_FOUND' ? 'FORBIDDEN' : outcome);
}

/**
 * Refuses an action that would leave the organisation without an active ADMIN (role-rules.ts,
 * ADMIN_REMOVING_ACTIONS). Call it after the role checks and before the write, in the write's transaction.
 */
export async function assertKeepsAnActiveAdmin(db: Tx, tenantId: string, action: UserAction, target: { id: string; role: UserRole; disabledAt?: Date | null }, change: TargetChange = {}): Promise<void> {
  if (target.disabledAt || !removesAnActiveAdmin(action, target.role, change)) return;
  // Held until commit by every admin-removing change of the tenant: two admins demoting (or disabling,
  // deleting) each other at the same moment would otherwise each still count the other and both succeed.
  // The count below runs after the lock, so it sees whatever the previous holder committed.
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`last-admin:${tenantId}`}, 0))`;
  const others = await db.user.count({ where: { tenantId, role: 'ADMIN', disabledAt: null, id: { not: target.id } } });
  if (others === 0) throw new AppError('RULE_VIOLATION', 'The organisation must keep at least one active administrator.', { reason: 'LAST_ADMIN' });
}
