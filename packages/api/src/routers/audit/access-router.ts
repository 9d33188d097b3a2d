import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { getAllowList, recentRefusals, setAllowList } from '../../access/allow-list';
import { adminProcedure } from '../../trpc';

/** Console: the tenant's IP allow-list and the requests refused by the access rules (第5条, 第22条6号). */
export const accessRouter = {
  allowList: adminProcedure.query(({ ctx }) => getAllowList(ctx.db, ctx.tenantId, ctx.meta.ip)),
  setAllowList: adminProcedure
    .input(z.strictObject({ cidrs: z.array(z.string().max(64)).max(200) }))
    .mutation(({ ctx, input }) => setAllowList(ctx.db, { tenantId: ctx.tenantId, actorId: ctx.user.id, ip: ctx.meta.ip, cidrs: input.cidrs })),
  refusals: adminProcedure.query(({ ctx }) => recentRefusals(ctx.db, ctx.tenantId)),
} satisfies TRPCRouterRecord;
