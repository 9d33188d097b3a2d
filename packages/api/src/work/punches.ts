import type { PunchKind, PunchSource, Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { liveTaskChanged, liveWorkEnded, liveWorkStarted } from './live-state';
import { checkPunchTime, type PunchRefusal } from './punch-rules';

export interface PunchInput {
  tenantId: string;
  userId: string;
  deviceId: string | null;
  source: PunchSource;
  clientEventId: string;
  kind: PunchKind;
  taskId?: string | null;
  occurredAt: Date;
}

export interface PunchResult {
  punchId: string;
  duplicate: boolean;
  workSessionId: string | null;
  taskSessionId: string | null;
}

const refuse = (reason: PunchRefusal, message: string) => new AppError('RULE_VIOLATION', message, { reason });

/**
 * Records one punch and applies it to the worker's work and task sessions, in the caller's
 * tenant-scoped transaction. Rules: a retried punch (same client event id) is stored once; no task
 * outside a work session; one open work session per worker across all PCs.
 */
export async function recordPunch(db: Tx, input: PunchInput, now = new Date()): Promise<PunchResult> {
  const { tenantId, userId } = input;
  // Serialise this worker's punches (two PCs, or a retry racing the original).
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${tenantId}:${userId}`}, 0))`;

  const previous = await db.punch.findUnique({ where: { tenantId_clientEventId: { tenantId, clientEventId: input.clientEventId } } });
  if (previous) {
    if (previous.userId !== userId || previous.kind !== input.kind) {
      throw new AppError('CONFLICT', 'That event id was already used for another punch.');
    }
    const open = await db.workSession.findUnique({ where: { tenantId_openForUserId: { tenantId, openForUserId: userId } }, select: { id: true } });
    return { punchId: previous.id, duplicate: true, workSessionId: open?.id ?? null, taskSessionId: null };
  }

  const timeProblem = checkPunchTime(input.occurredAt, now);
  if (timeProblem) throw refuse(timeProblem, 'The punch time is not plausible.');

  const open = await db.workSession.findUnique({ where: { tenantId_openForUserId: { tenantId, openForUserId: userId } } });
  let workSessionId: string | null = open?.id ?? null;
  let taskSessionId: string | null = null;

  switch (input.kind) {
    case 'WORK_START': {
      if (open) {
        const elsewhere = open.deviceId !== null && input.deviceId !== null && open.deviceId !== input.deviceId;
        throw elsewhere
          ? refuse('WORK_SESSION_OPEN_ON_ANOTHER_PC', 'Work has already started on another PC. End it there first.')
          : refuse('WORK_ALREADY_STARTED', 'Work has already started.');
      }
      const created = await db.workSession.create({
        data: { tenantId, userId, deviceId: input.deviceId, startedAt: input.occurredAt, openForUserId: userId },
        select: { id: true },
      });
      workSessionId = created.id;
      await liveWorkStarted(db, { tenantId, userId, workSessionId: created.id, startedAt: input.occurredAt });
      break;
    }
    case 'WORK_END': {
      if (!open) throw refuse('NO_OPEN_WORK_SESSION', 'Work has not started.');
      if (input.occurredAt < open.startedAt) throw refuse('PUNCH_BEFORE_SESSION_START', 'The end is before the start.');
      await closeOpenTask(db, tenantId, open.id, input.occurredAt);
      await db.workSession.update({
        where: { tenantId_id: { tenantId, id: open.id } },
        data: { endedAt: input.occurredAt, endReason: 'PUNCH', openForUserId: null },
      });
      await liveWorkEnded(db, { tenantId, userId, workSessionId: open.id });
      break;
    }
    case 'TASK_START': {
      if (!input.taskId) throw new AppError('VALIDATION', 'A task is required.', { fieldErrors: { taskId: ['required'] } });
      const task = await db.task.findFirst({ where: { tenantId, id: input.taskId }, select: { id: true, active: true } });
      if (!task) throw new AppError('NOT_FOUND', 'No such task.');
      if (!task.active) throw refuse('TASK_INACTIVE', 'That task is no longer active.');
      if (!open) throw refuse('NO_OPEN_WORK_SESSION', 'Start work before starting a task.');
      const start = input.occurredAt < open.startedAt ? open.startedAt : input.occurredAt;
      // Starting a task ends the one in progress: a worker does one task at a time.
      await closeOpenTask(db, tenantId, open.id, start);
      const ts = await db.taskSession.create({
        data: { tenantId, userId, workSessionId: open.id, taskId: task.id, startedAt: start },
        select: { id: true },
      });
      await liveTaskChanged(db, { tenantId, userId, workSessionId: open.id, task: { id: task.id, startedAt: start } });
      taskSessionId = ts.id;
      break;
    }
    case 'TASK_END': {
      if (!open) throw refuse('NO_OPEN_WORK_SESSION', 'Work has not started.');
      const closed = await closeOpenTask(db, tenantId, open.id, input.occurredAt, input.taskId ?? undefined);
      if (!closed) throw refuse('NO_OPEN_TASK', 'No task is in progress.');
      await liveTaskChanged(db, { tenantId, userId, workSessionId: open.id, task: null });
      taskSessionId = closed;
      break;
    }
  }

  const punch = await db.punch.create({
    data: {
      tenantId, userId, deviceId: input.deviceId, clientEventId: input.clientEventId, kind: input.kind,
      taskId: input.taskId ?? null, source: input.source, occurredAt: input.occurredAt, receivedAt: now,
    },
    select: { id: true },
  });
  return { punchId: punch.id, duplicate: false, workSessionId, taskSessionId };
}

async function closeOpenTask(db: Tx, tenantId: string, workSessionId: string, at: Date, taskId?: string): Promise<string | null> {
  const openTask = await db.taskSession.findFirst({
    where: { tenantId, workSessionId, endedAt: null, ...(taskId ? { taskId } : {}) },
    select: { id: true, startedAt: true },
  });
  if (!openTask) return null;
  await db.taskSession.update({
    where: { tenantId_id: { tenantId, id: openTask.id } },
    data: { endedAt: at < openTask.startedAt ? openTask.startedAt : at },
  });
  return openTask.id;
}
