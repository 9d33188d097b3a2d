import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listDevices, revokeTenantDevice, setDeviceThreshold } from '../../people/devices';
import { adminProcedure, userActionProcedure } from '../../trpc';

export const devicesRouter = {
  list: adminProcedure.query(({ ctx }) => listDevices(ctx.db, { tenantId: ctx.tenantId })),
  revoke: userActionProcedure('revokeDevice')
    .input(z.strictObject({ deviceId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      revokeTenantDevice(ctx.db, { tenantId: ctx.tenantId, deviceId: input.deviceId, actor: { id: ctx.user.id, role: ctx.user.role }, ip: ctx.meta.ip }),
    ),
  /** Administrators only, like the tenant's own level (tenant settings). */
  setThreshold: adminProcedure
    .input(z.strictObject({ deviceId: z.uuid(), level: z.number().int().min(1).max(5).nullable() }))
    .mutation(({ ctx, input }) => setDeviceThreshold(ctx.db, { tenantId: ctx.tenantId, deviceId: input.deviceId, level: input.level, actorId: ctx.user.id, ip: ctx.meta.ip })),
} satisfies TRPCRouterRecord;
