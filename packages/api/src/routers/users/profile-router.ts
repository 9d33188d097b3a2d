import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { changeOwnPassword, getUser, updateOwnProfile } from '../../people/users';
import { issuedPasswordProcedure, tenantProcedure } from '../../trpc';
import { newPassword, profileInput } from './schemas';

export const profileRouter = {
  // Readable with an issued password: the forced change screen shows who is signed in.
  get: issuedPasswordProcedure.query(({ ctx }) => getUser(ctx.db, { tenantId: ctx.tenantId, viewer: { id: ctx.user.id, role: ctx.user.role }, userId: ctx.user.id })),
  update: tenantProcedure.input(profileInput).mutation(({ ctx, input }) => updateOwnProfile(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, input })),
  changePassword: issuedPasswordProcedure
    .input(z.strictObject({ current: z.string().min(1).max(256), next: newPassword }))
    .mutation(({ ctx, input }) =>
      changeOwnPassword(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, sessionId: ctx.principal.sessionId, current: input.current, next: input.next, ip: ctx.meta.ip }),
    ),
} satisfies TRPCRouterRecord;
