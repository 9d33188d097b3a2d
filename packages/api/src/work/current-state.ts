import type { Tx } from '@telework/db';

/** A worker's state right now: open work session, task in progress, and today's punches. */
export async function getWorkerState(db: Tx, { tenantId, userId }: { tenantId: string; userId: string }) {
  const open = await db.workSession.findUnique({
    where: { tenantId_openForUserId: { tenantId, openForUserId: userId } },
    select: { id: true, startedAt: true, deviceId: true },
  });
  const task = open
    ? await db.taskSession.findFirst({
        where: { tenantId, workSessionId: open.id, endedAt: null },
        select: { id: true, startedAt: true, task: { select: { id: true, code: true, name: true } } },
      })
    : null;
  return {
    working: open !== null,
    workSession: open,
    currentTask: task ? { taskSessionId: task.id, startedAt: task.startedAt, ...task.task } : null,
  };
}
