import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createUser, deleteUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser } from '../../people/users';
import { seatUsage } from '../../people/seats';
import { adminProcedure, managerProcedure } from '../../trpc';
import { createUserInput, userFields, userIdInput } from './schemas';

const viewer = (ctx: { user: { id: string; role: 'ADMIN' | 'MANAGER' | 'WORKER' } }) => ({ id: ctx.user.id, role: ctx.user.role });
const actor = (ctx: { user: { id: string; role: 'ADMIN' | 'MANAGER' | 'WORKER' }; meta: { ip: string | null } }) => ({ ...viewer(ctx), ip: ctx.meta.ip });

export const usersRouter = {
  list: managerProcedure.query(({ ctx }) => listUsers(ctx.db, { tenantId: ctx.tenantId, viewer: viewer(ctx) })),
  get: managerProcedure.input(userIdInput).query(({ ctx, input }) => getUser(ctx.db, { tenantId: ctx.tenantId, viewer: viewer(ctx), userId: input.userId })),
  seats: managerProcedure.query(({ ctx }) => seatUsage(ctx.db, ctx.tenantId)),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), input })),
  update: adminProcedure
    .input(userIdInput.extend({ data: userFields }))
    .mutation(({ ctx, input }) => updateUser(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId, input: input.data })),
  setDisabled: adminProcedure
    .input(userIdInput.extend({ disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId, disabled: input.disabled })),
  delete: adminProcedure.input(userIdInput).mutation(({ ctx, input }) => deleteUser(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId })),
  // Managers may reset the passwords of the workers in their groups (scope checked in the service).
  resetPassword: managerProcedure.input(userIdInput).mutation(({ ctx, input }) => resetPassword(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId })),
} satisfies TRPCRouterRecord;
