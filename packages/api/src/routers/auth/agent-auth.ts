import type { TRPCRouterRecord } from '@trpc/server';
import { issueDeviceToken, revokeDevice } from '../../auth/devices';
import { verifyUserCredentials } from '../../auth/sign-in';
import { passwordChangeRequired } from '../../auth/issued-password';
import { withTenant } from '@telework/db';
import { agentProcedure, publicProcedure } from '../../trpc';
import { AppError } from '../../errors/app-error';
import { changeOwnPassword } from '../../people/users';
import { agentIssuedPasswordChangeInput, agentSignInInput } from './schemas';

/** The desktop agent's sign-in: ID/password once, then a revocable device token. */
export const agentAuthRouter = {
  signIn: publicProcedure.input(agentSignInInput).mutation(async ({ ctx, input }) => {
    const { tenant, user } = await verifyUserCredentials(ctx.db, input, ctx.meta, 'agent');
    // An issued password gets no device token: its holder changes it in the console first.
    if (user.mustChangePassword) throw passwordChangeRequired();
    const { deviceId, token } = await issueDeviceToken(
      ctx.db,
      { tenantId: tenant.id, userId: user.id, deviceName: input.deviceName, platform: input.platform, agentVersion: input.agentVersion },
      ctx.meta,
    );
    return { deviceId, token, user: { id: user.id, name: user.name, role: user.role, language: user.language }, tenantName: tenant.name };
  }),

  /**
   * The agent's forced change screen (issue 15): a worker whose password was issued (mustChangePassword)
   * gets no device token from signIn; here he proves the issued password, sets his own, and the device
   * is signed in. Same credential checks as signIn (lockout, allow-list, contract); the change is the
   * console's (changeOwnPassword: must differ, ends every other session and device token). A password
   * that was not issued is not changed here: that is the console's profile page.
   */
  changeIssuedPassword: publicProcedure.input(agentIssuedPasswordChangeInput).mutation(async ({ ctx, input }) => {
    const { tenant, user } = await verifyUserCredentials(ctx.db, input, ctx.meta, 'agent');
    if (!user.mustChangePassword) throw new AppError('RULE_VIOLATION', 'This password was not issued: sign in with it.', { reason: 'PASSWORD_NOT_ISSUED' });
    await withTenant(ctx.db, tenant.id, (tx) =>
      changeOwnPassword(tx, { tenantId: tenant.id, userId: user.id, sessionId: null, current: input.password, next: input.newPassword, ip: ctx.meta.ip }),
    );
    const { deviceId, token } = await issueDeviceToken(
      ctx.db,
      { tenantId: tenant.id, userId: user.id, deviceName: input.deviceName, platform: input.platform, agentVersion: input.agentVersion },
      ctx.meta,
    );
    return { deviceId, token, user: { id: user.id, name: user.name, role: user.role, language: user.language }, tenantName: tenant.name };
  }),

  me: agentProcedure.query(({ ctx }) => ({
    deviceId: ctx.deviceId,
    userId: ctx.user.id,
    name: ctx.user.name,
    tenantName: ctx.tenant.name,
    systemId: ctx.tenant.systemId,
  })),

  signOut: agentProcedure.mutation(async ({ ctx }) => {
    await revokeDevice(ctx.db, { tenantId: ctx.tenantId, deviceId: ctx.deviceId, actorUserId: ctx.user.id, ip: ctx.meta.ip });
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
