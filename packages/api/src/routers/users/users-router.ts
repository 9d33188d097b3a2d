import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { createUser, deleteUser, getUser, listUsers, resetPassword, setUserDisabled, updateUser } from '../../people/users';
import { seatUsage } from '../../people/seats';
import { managerProcedure, userActionProcedure } from '../../trpc';
import { applyImport, previewImportForUi } from '../../people/import/import-users';
import { importTemplateXlsx } from '../../people/import/template-xlsx';
import { createUserInput, importFileInput, userFields, userIdInput } from './schemas';

type Role = 'ADMIN' | 'MANAGER' | 'WORKER';
const viewer = (ctx: { user: { id: string; role: Role } }) => ({ id: ctx.user.id, role: ctx.user.role });
const actor = (ctx: { user: { id: string; role: Role }; meta: { ip: string | null }; principal: { sessionId: string } }) => ({
  ...viewer(ctx),
  ip: ctx.meta.ip,
  sessionId: ctx.principal.sessionId,
});

// Who may act on whom is decided by the role rules (people/role-rules.ts): the ladder's role gate of each
// procedure below is derived from them, and the services check the target against them.
export const usersRouter = {
  list: managerProcedure.query(({ ctx }) => listUsers(ctx.db, { tenantId: ctx.tenantId, viewer: viewer(ctx) })),
  get: managerProcedure.input(userIdInput).query(({ ctx, input }) => getUser(ctx.db, { tenantId: ctx.tenantId, viewer: viewer(ctx), userId: input.userId })),
  seats: managerProcedure.query(({ ctx }) => seatUsage(ctx.db, ctx.tenantId)),
  create: userActionProcedure('create').input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), input })),
  update: userActionProcedure('edit')
    .input(userIdInput.extend({ data: userFields }))
    .mutation(({ ctx, input }) => updateUser(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId, input: input.data })),
  setDisabled: userActionProcedure('setDisabled')
    .input(userIdInput.extend({ disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId, disabled: input.disabled })),
  delete: userActionProcedure('delete').input(userIdInput).mutation(({ ctx, input }) => deleteUser(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId })),
  resetPassword: userActionProcedure('resetPassword')
    .input(userIdInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), userId: input.userId })),
  // Bulk creation is creation: the same role gate, and each row's role checked against the table.
  importPreview: userActionProcedure('create')
    .input(importFileInput)
    .mutation(({ ctx, input }) => previewImportForUi(ctx.db, { tenantId: ctx.tenantId, actor: viewer(ctx), file: Buffer.from(input.file, 'base64') })),
  /** The import template as an Excel workbook (base64); the CSV template is built in the browser from the same columns. */
  importTemplate: userActionProcedure('create').query(async () => ({
    filename: 'users-template.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: (await importTemplateXlsx()).toString('base64'),
  })),
  importApply: userActionProcedure('create')
    .input(importFileInput)
    .mutation(({ ctx, input }) => applyImport(ctx.db, { tenantId: ctx.tenantId, actor: actor(ctx), file: Buffer.from(input.file, 'base64') })),
} satisfies TRPCRouterRecord;
