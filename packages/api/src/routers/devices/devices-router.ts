import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listDevices, revokeTenantDevice } from '../../people/devices';
import { adminProcedure, userActionProcedure } from '../../trpc';

export const devicesRouter = {
  list: adminProcedure.query(({ ctx }) => listDevices(ctx.db, { tenantId: ctx.tenantId })),
  revoke: userActionProcedure('revokeDevice')
    .input(z.strictObject({ deviceId: z.uuid() }))
    .mutation(({ ctx, input }) =>
      revokeTenantDevice(ctx.db, { tenantId: ctx.tenantId, deviceId: input.deviceId, actor: { id: ctx.user.id, role: ctx.user.role }, ip: ctx.meta.ip }),
    ),
} satisfies TRPCRouterRecord;
