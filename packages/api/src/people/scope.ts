import type { Tx, UserRole } from '@telework/db';
import { AppError } from '../errors/app-error';

export interface Viewer {
  id: string;
  role: UserRole;
}

/**
 * The users a viewer may see and manage: admins see everyone in the tenant; a manager sees the
 * members of the groups he manages (and their sub-groups) and himself; a worker only himself.
 * Returns null for "everyone".
 */
export async function visibleUserIds(db: Tx, tenantId: string, viewer: Viewer): Promise<string[] | null> {
  if (viewer.role === 'ADMIN') return null;
  if (viewer.role === 'WORKER') return [viewer.id];
  const groupIds = await managedGroupIds(db, tenantId, viewer.id);
  const members = await db.groupMembership.findMany({
    where: { tenantId, groupId: { in: groupIds }, kind: 'MEMBER' },
    select: { userId: true },
  });
  return [...new Set([viewer.id, ...members.map((m) => m.userId)])];
}

/** The given groups and every group nested below them (groups may nest to any depth). */
async function withDescendants(db: Tx, tenantId: string, roots: string[]): Promise<string[]> {
  const all = await db.group.findMany({ where: { tenantId }, select: { id: true, parentId: true } });
  const children = new Map<string, string[]>();
  for (const g of all) if (g.parentId) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g.id]);
  const out = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop();
    if (id === undefined || out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

/** Groups a manager manages, including every descendant group. */
export async function managedGroupIds(db: Tx, tenantId: string, managerId: string): Promise<string[]> {
  const direct = await db.groupMembership.findMany({ where: { tenantId, userId: managerId, kind: 'MANAGER' }, select: { groupId: true } });
  return withDescendants(db, tenantId, direct.map((d) => d.groupId));
}

/** Members of a group and of every group below it; NOT_FOUND for a group the tenant does not have. */
export async function groupTreeMemberIds(db: Tx, tenantId: string, groupId: string): Promise<string[]> {
  if (!(await db.group.findFirst({ where: { tenantId, id: groupId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such group.');
  const groups = await withDescendants(db, tenantId, [groupId]);
  const members = await db.groupMembership.findMany({ where: { tenantId, groupId: { in: groups }, kind: 'MEMBER' }, select: { userId: true } });
  return [...new Set(members.map((m) => m.userId))];
}

/** NOT_FOUND (not FORBIDDEN) for users outside the viewer's scope, so their existence is not revealed. */
export async function assertUserVisible(db: Tx, tenantId: string, viewer: Viewer, userId: string): Promise<void> {
  const ids = await visibleUserIds(db, tenantId, viewer);
  const visible = ids ? ids.includes(userId) : (await db.user.count({ where: { tenantId, id: userId } })) > 0;
  if (!visible) throw new AppError('NOT_FOUND', 'No such user.');
}
