import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';
import { groupTreeMemberIds, managedGroupIds, visibleUserIds, type Viewer } from '../people/scope';
import { replaceUserPatterns, type WeekPattern } from './edit-schedules';

// 勤務パターンの一括割り当て: one weekly pattern given to many workers at once, chosen one by one or
// as a whole group (its sub-groups included). Every target must be within the actor's reach, as
// for one worker: an administrator reaches everyone, a manager the workers of his groups. One audit
// entry records the whole assignment (who, from when, which workers).

interface Actor extends Viewer {
  ip: string | null;
}

export type AssignTarget = { userIds: string[] } | { groupId: string };

export async function assignPattern(db: Tx, { tenantId, actor, target, pattern }: { tenantId: string; actor: Actor; target: AssignTarget; pattern: WeekPattern }) {
  let userIds: string[];
  if ('groupId' in target) {
    userIds = await groupTreeMemberIds(db, tenantId, target.groupId);
    if (actor.role !== 'ADMIN' && !(await managedGroupIds(db, tenantId, actor.id)).includes(target.groupId)) throw new AppError('FORBIDDEN', 'Not a group you manage.');
    if (userIds.length === 0) throw new AppError('VALIDATION', 'The group has no members.', { fieldErrors: { groupId: ['no members'] } });
  } else {
    userIds = [...new Set(target.userIds)];
    const visible = await visibleUserIds(db, tenantId, actor);
    const existing = new Set((await db.user.findMany({ where: { tenantId, id: { in: userIds } }, select: { id: true } })).map((u) => u.id));
    // A worker the actor cannot see answers NOT_FOUND, as for one worker: nothing is assigned.
    if (userIds.some((id) => !existing.has(id) || (visible !== null && !visible.includes(id)))) throw new AppError('NOT_FOUND', 'No such user.');
  }
  await replaceUserPatterns(db, tenantId, userIds, pattern);
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER',
    actorId: actor.id,
    action: 'schedule.pattern_bulk_set',
    ...('groupId' in target ? { targetType: 'Group' as const, targetId: target.groupId } : {}),
    details: { validFrom: pattern.validFrom, days: pattern.days.length, workOnHolidays: pattern.workOnHolidays, userCount: userIds.length, userIds },
    ip: actor.ip,
  });
  return { ok: true as const, count: userIds.length };
}
