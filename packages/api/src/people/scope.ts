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

/** Groups a manager manages, including every descendant group (groups may nest). */
export async function managedGroupIds(db: Tx, tenantId: string, managerId: string): Promise<string[]> {
  const direct = await db.groupMembership.findMany({ where: { tenantId, userId: managerId, kind: 'MANAGER' }, select: { groupId: true } });
  const all = await db.group.findMany({ where: { tenantId }, select: { id: true, parentId: true } });
  const children = new Map<string, string[]>();
  for (const g of all) if (g.parentId) children.set(g.parentId, [...(children.get(g.parentId) ?? []), g.id]);
  const out = new Set<string>();
  const stack = direct.map((d) => d.groupId);
  while (stack.length) {
    const id = stack.pop();
    if (id === undefined || out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}

/** NOT_FOUND (not FORBIDDEN) for users outside the viewer's scope, so their existence is not revealed. */
export async function assertUserVisible(db: Tx, tenantId: string, viewer: Viewer, userId: string): Promise<void> {
  const ids = await visibleUserIds(db, tenantId, viewer);
  const visible = ids ? ids.includes(userId) : (await db.user.count({ where: { tenantId, id: userId } })) > 0;
  if (!visible) throw new AppError('NOT_FOUND', 'No such user.');
}
