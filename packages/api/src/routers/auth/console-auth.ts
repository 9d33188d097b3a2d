import type { TRPCRouterRecord } from '@trpc/server';
import { AppError } from '../../errors/app-error';
import { withTenant } from '@telework/db';
import { createSession, revokeSession } from '../../auth/sessions';
import { verifyUserCredentials } from '../../auth/sign-in';
import { authedProcedure, publicProcedure } from '../../trpc';
import { resetConfirmInput, userResetRequestInput, userSignInInput } from './schemas';
import { confirmUserPasswordReset, requestUserPasswordReset } from '../../auth/password-reset';
import { getMailer } from '../../mail/mailer';

export const consoleAuthRouter = {
  signIn: publicProcedure.input(userSignInInput).mutation(async ({ ctx, input }) => {
    const { tenant, user } = await verifyUserCredentials(ctx.db, input, ctx.meta, 'console');
    const session = await createSession(ctx.db, { kind: 'user', tenantId: tenant.id, userId: user.id }, ctx.meta);
    ctx.cookies.setSession(session.token, session.expiresAt);
    ctx.cookies.setCsrf(session.csrfToken);
    // With an issued password the session opens only the change screen (the ladder refuses the rest).
    return { kind: 'user' as const, role: user.role, name: user.name, tenantName: tenant.name, language: user.language, mustChangePassword: user.mustChangePassword };
  }),

  me: publicProcedure.query(async ({ ctx }) => {
    const p = ctx.principal;
    if (!p || p.kind !== 'user') return null;
    const found = await withTenant(ctx.db, p.tenantId, async (tx) => {
      const user = await tx.user.findUnique({
        where: { tenantId_id: { tenantId: p.tenantId, id: p.userId } },
        select: { id: true, name: true, role: true, language: true, disabledAt: true, mustChangePassword: true, isRegisteredAdministrator: true, tenant: { select: { id: true, name: true, systemId: true, status: true } } },
      });
      return user && !user.disabledAt && user.tenant.status === 'ACTIVE' ? user : null;
    });
    if (!found) return null;
    return {
      kind: 'user' as const,
      userId: found.id,
      role: found.role,
      name: found.name,
      language: found.language,
      tenantId: found.tenant.id,
      tenantName: found.tenant.name,
      systemId: found.tenant.systemId,
      mustChangePassword: found.mustChangePassword,
      /** Registered with the provider (第4条2項): may open inquiries; the console fills the form with this member. */
      registeredAdministrator: found.isRegisteredAdministrator,
    };
  }),

  // Forgotten password: the same answer whether or not the account exists; the link comes by mail.
  passwordReset: {
    request: publicProcedure.input(userResetRequestInput).mutation(({ ctx, input }) => requestUserPasswordReset(ctx.db, getMailer(), input, ctx.meta)),
    confirm: publicProcedure.input(resetConfirmInput).mutation(({ ctx, input }) => confirmUserPasswordReset(ctx.db, input, ctx.meta)),
  },

  signOut: authedProcedure.mutation(async ({ ctx }) => {
    // Each app signs out only its own kind of session.
    if (ctx.principal.kind !== 'user') throw new AppError('FORBIDDEN', 'Not a session of this app.');
    await revokeSession(ctx.db, ctx.principal.sessionId);
    ctx.cookies.clearSession();
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
