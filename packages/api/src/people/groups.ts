import { groupSelect, type Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';
import { managedGroupIds, type Viewer } from './scope';

export async function listGroups(db: Tx, { tenantId, viewer }: { tenantId: string; viewer: Viewer }) {
  const ids = viewer.role === 'ADMIN' ? null : await managedGroupIds(db, tenantId, viewer.id);
  return db.group.findMany({
    where: { tenantId, ...(ids ? { id: { in: ids } } : {}) },
    select: { ...groupSelect, memberships: { select: { userId: true, kind: true } } },
    orderBy: { name: 'asc' },
  });
}

async function assertParentOk(db: Tx, tenantId: string, groupId: string | null, parentId: string | null) {
  if (!parentId) return;
  const all = await db.group.findMany({ where: { tenantId }, select: { id: true, parentId: true } });
  const byId = new Map(all.map((g) => [g.id, g.parentId]));
  if (!byId.has(parentId)) throw new AppError('NOT_FOUND', 'No such parent group.');
  // Walk up from the new parent: meeting the group itself would make a cycle.
  for (let at: string | null | undefined = parentId; at; at = byId.get(at)) {
    if (at === groupId) throw new AppError('RULE_VIOLATION', 'A group cannot be inside itself.', { reason: 'GROUP_CYCLE' });
  }
}

export async function saveGroup(
  db: Tx,
  { tenantId, actor, groupId, input }: { tenantId: string; actor: { id: string; ip: string | null }; groupId: string | null; input: { name: string; parentId: string | null; managerIds: string[] } },
) {
  await assertParentOk(db, tenantId, groupId, input.parentId);
  const managers = await db.user.count({ where: { tenantId, id: { in: input.managerIds }, role: { in: ['MANAGER', 'ADMIN'] } } });
  if (managers !== new Set(input.managerIds).size) throw new AppError('NOT_FOUND', 'No such manager.');
  let id = groupId;
  const before = id ? await db.group.findFirst({ where: { tenantId, id }, select: { name: true } }) : null;
  if (id) {
    const r = await db.group.updateMany({ where: { tenantId, id }, data: { name: input.name, parentId: input.parentId } });
    if (r.count === 0) throw new AppError('NOT_FOUND', 'No such group.');
  } else {
    id = (await db.group.create({ data: { tenantId, name: input.name, parentId: input.parentId }, select: { id: true } })).id;
  }
  await db.groupMembership.deleteMany({ where: { tenantId, groupId: id, kind: 'MANAGER' } });
  if (input.managerIds.length) {
    await db.groupMembership.createMany({ data: [...new Set(input.managerIds)].map((userId) => ({ tenantId, groupId: id, userId, kind: 'MANAGER' as const })) });
  }
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: groupId ? 'group.updated' : 'group.created', targetType: 'Group', targetId: id,
    details: { name: before && before.name !== input.name ? { from: before.name, to: input.name } : input.name }, ip: actor.ip });
  return { groupId: id };
}

export async function deleteGroup(db: Tx, { tenantId, actor, groupId }: { tenantId: string; actor: { id: string; ip: string | null }; groupId: string }) {
  const group = await db.group.findFirst({ where: { tenantId, id: groupId }, select: { id: true, name: true, _count: { select: { children: true } } } });
  if (!group) throw new AppError('NOT_FOUND', 'No such group.');
  if (group._count.children > 0) throw new AppError('RULE_VIOLATION', 'Move or delete its sub-groups first.', { reason: 'GROUP_HAS_CHILDREN' });
  await db.group.deleteMany({ where: { tenantId, id: groupId } });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'group.deleted', targetType: 'Group', targetId: groupId, details: { name: group.name }, ip: actor.ip });
  return { ok: true as const };
}
