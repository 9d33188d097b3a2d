import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { deleteGroup, listGroups, saveGroup } from '../../people/groups';
import { adminProcedure, managerProcedure } from '../../trpc';

const groupInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  parentId: z.uuid().nullable().default(null),
  managerIds: z.array(z.uuid()).max(50).default([]),
});

export const groupsRouter = {
  list: managerProcedure.query(({ ctx }) => listGroups(ctx.db, { tenantId: ctx.tenantId, viewer: { id: ctx.user.id, role: ctx.user.role } })),
  create: adminProcedure.input(groupInput).mutation(({ ctx, input }) =>
    saveGroup(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, groupId: null, input }),
  ),
  update: adminProcedure.input(groupInput.extend({ groupId: z.uuid() })).mutation(({ ctx, input }) =>
    saveGroup(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, groupId: input.groupId, input }),
  ),
  delete: adminProcedure.input(z.strictObject({ groupId: z.uuid() })).mutation(({ ctx, input }) =>
    deleteGroup(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, groupId: input.groupId }),
  ),
} satisfies TRPCRouterRecord;
