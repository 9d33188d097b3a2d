import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { deleteReportSubscription, listReportSubscriptions, saveReportSubscription } from '../../reports/subscriptions';
import { adminProcedure } from '../../trpc';

const subscriptionInput = z.strictObject({
  groupId: z.uuid(),
  period: z.enum(['WEEKLY', 'MONTHLY']),
  recipientUserIds: z.array(z.uuid()).min(1).max(50),
  active: z.boolean().default(true),
});

/** Periodic reports an admin configures per group; a scheduled job builds and mails them. */
export const reportsRouter = {
  list: adminProcedure.query(({ ctx }) => listReportSubscriptions(ctx.db, { tenantId: ctx.tenantId })),
  create: adminProcedure.input(subscriptionInput).mutation(({ ctx, input }) =>
    saveReportSubscription(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, subscriptionId: null, input }),
  ),
  update: adminProcedure.input(subscriptionInput.extend({ subscriptionId: z.uuid() })).mutation(({ ctx, input: { subscriptionId, ...input } }) =>
    saveReportSubscription(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, subscriptionId, input }),
  ),
  delete: adminProcedure.input(z.strictObject({ subscriptionId: z.uuid() })).mutation(({ ctx, input }) =>
    deleteReportSubscription(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, subscriptionId: input.subscriptionId }),
  ),
} satisfies TRPCRouterRecord;
