import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listDevices, revokeTenantDevice } from '../../people/devices';
import { adminProcedure } from '../../trpc';

export const devicesRouter = {
  list: adminProcedure.query(({ ctx }) => listDevices(ctx.db, { tenantId: ctx.tenantId })),
  revoke: adminProcedure
    .input(z.object({ deviceId: z.uuid() }))
    .mutation(({ ctx, input }) => revokeTenantDevice(ctx.db, { tenantId: ctx.tenantId, deviceId: input.deviceId, actorUserId: ctx.user.id, ip: ctx.meta.ip })),
} satisfies TRPCRouterRecord;
