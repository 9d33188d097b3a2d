import type { TRPCRouterRecord } from '@trpc/server';
import { issueDeviceToken, revokeDevice } from '../../auth/devices';
import { verifyUserCredentials } from '../../auth/sign-in';
import { passwordChangeRequired } from '../../auth/issued-password';
import { agentProcedure, publicProcedure } from '../../trpc';
import { agentSignInInput } from './schemas';

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
