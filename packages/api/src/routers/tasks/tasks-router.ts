import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listTasks, saveTask } from '../../people/tasks';
import { adminProcedure, agentProcedure, tenantProcedure } from '../../trpc';

const taskInput = z.strictObject({
  code: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(100),
  active: z.boolean().default(true),
});

export const tasksRouter = {
  list: tenantProcedure
    .input(z.strictObject({ activeOnly: z.boolean().default(true) }).default({ activeOnly: true }))
    .query(({ ctx, input }) => listTasks(ctx.db, { tenantId: ctx.tenantId, activeOnly: input.activeOnly })),
  create: adminProcedure.input(taskInput).mutation(({ ctx, input }) =>
    saveTask(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, taskId: null, input }),
  ),
  update: adminProcedure.input(taskInput.extend({ taskId: z.uuid() })).mutation(({ ctx, input }) =>
    saveTask(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, taskId: input.taskId, input: { code: input.code, name: input.name, active: input.active } }),
  ),
} satisfies TRPCRouterRecord;

/** The agent's view of the task catalogue for its task picker. */
export const agentTasksRouter = {
  list: agentProcedure.query(({ ctx }) => listTasks(ctx.db, { tenantId: ctx.tenantId, activeOnly: true })),
} satisfies TRPCRouterRecord;
