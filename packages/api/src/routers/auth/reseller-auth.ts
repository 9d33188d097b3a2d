import type { TRPCRouterRecord } from '@trpc/server';
import { AppError } from '../../errors/app-error';
import { createSession, revokeSession } from '../../auth/sessions';
import { verifyOperatorCredentials, verifyResellerStaffCredentials } from '../../auth/sign-in';
import { authedProcedure, publicProcedure } from '../../trpc';
import { providerResetRequestInput, providerSignInInput, resetConfirmInput } from './schemas';
import { confirmProviderPasswordReset, requestProviderPasswordReset } from '../../auth/password-reset';
import { getMailer } from '../../mail/mailer';

export const resellerAuthRouter = {
  signIn: publicProcedure.input(providerSignInInput).mutation(async ({ ctx, input }) => {
    if (input.kind === 'operator') {
      const op = await verifyOperatorCredentials(ctx.db, input, ctx.meta);
      const session = await createSession(ctx.db, { kind: 'operator', operatorId: op.id }, ctx.meta);
      ctx.cookies.setSession(session.token, session.expiresAt);
      ctx.cookies.setCsrf(session.csrfToken);
      return { kind: 'operator' as const, name: op.name, resellerName: null };
    }
    const staff = await verifyResellerStaffCredentials(ctx.db, input, ctx.meta);
    const session = await createSession(ctx.db, { kind: 'resellerStaff', resellerStaffId: staff.id, resellerId: staff.resellerId }, ctx.meta);
    ctx.cookies.setSession(session.token, session.expiresAt);
    ctx.cookies.setCsrf(session.csrfToken);
    return { kind: 'resellerStaff' as const, name: staff.name, resellerName: staff.resellerName };
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    const p = ctx.principal;
    if (p?.kind === 'operator') {
      const op = await ctx.db.operator.findUnique({ where: { id: p.operatorId }, select: { id: true, name: true, disabledAt: true } });
      return op && !op.disabledAt ? { kind: 'operator' as const, operatorId: op.id, name: op.name } : null;
    }
    if (p?.kind === 'resellerStaff') {
      const s = await ctx.db.resellerStaff.findUnique({
        where: { id: p.resellerStaffId },
        select: { id: true, name: true, disabledAt: true, reseller: { select: { id: true, name: true, status: true } } },
      });
      if (!s || s.disabledAt || s.reseller.status !== 'ACTIVE') return null;
      return { kind: 'resellerStaff' as const, resellerStaffId: s.id, resellerId: s.reseller.id, resellerName: s.reseller.name, name: s.name };
    }
    return null;
  }),

  // Forgotten password of an operator or a reseller's staff member: same answer for unknown addresses.
  passwordReset: {
    request: publicProcedure.input(providerResetRequestInput).mutation(({ ctx, input }) => requestProviderPasswordReset(ctx.db, getMailer(), input, ctx.meta)),
    confirm: publicProcedure.input(resetConfirmInput).mutation(({ ctx, input }) => confirmProviderPasswordReset(ctx.db, input, ctx.meta)),
  },

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    // Each app signs out only its own kind of session.
    if (ctx.principal.kind !== 'operator' && ctx.principal.kind !== 'resellerStaff') throw new AppError('FORBIDDEN', 'Not a session of this app.');
    await revokeSession(ctx.db, ctx.principal.sessionId);
    ctx.cookies.clearSession();
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
