import { taskSelect, type Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';

export function listTasks(db: Tx, { tenantId, activeOnly }: { tenantId: string; activeOnly: boolean }) {
  return db.task.findMany({ where: { tenantId, ...(activeOnly ? { active: true } : {}) }, select: taskSelect, orderBy: { code: 'asc' } });
}

export async function saveTask(
  db: Tx,
  { tenantId, actor, taskId, input }: { tenantId: string; actor: { id: string; ip: string | null }; taskId: string | null; input: { code: string; name: string; active: boolean } },
) {
  let id = taskId;
  const before = id ? await db.task.findFirst({ where: { tenantId, id }, select: { code: true, name: true, active: true } }) : null;
  if (id) {
    const r = await db.task.updateMany({ where: { tenantId, id }, data: input });
    if (r.count === 0) throw new AppError('NOT_FOUND', 'No such task.');
  } else {
    id = (await db.task.create({ data: { tenantId, ...input }, select: { id: true } })).id;
  }
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: taskId ? 'task.updated' : 'task.created', targetType: 'Task', targetId: id,
    details: {
      code: input.code, name: input.name,
      ...(before ? { changes: Object.fromEntries((['code', 'name', 'active'] as const).filter((k) => before[k] !== input[k]).map((k) => [k, { from: before[k], to: input[k] }])) } : {}),
    },
    ip: actor.ip,
  });
  return { taskId: id };
}
