import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessDate } from '../../validation/bounds';
import { buildWorkReport } from '../../analytics/work-report';
import { managerProcedure, tenantProcedure } from '../../trpc';

const isoDate = businessDate;
const reportInput = z.strictObject({ from: isoDate, to: isoDate, groupId: z.uuid().nullish(), userId: z.uuid().nullish() });

export const analyticsRouter = {
  /** Work and task analysis for a period, per worker and group (managers: their groups only). */
  work: managerProcedure.input(reportInput).query(({ ctx, input }) =>
    buildWorkReport(ctx.db, { tenantId: ctx.tenantId, viewer: { id: ctx.user.id, role: ctx.user.role }, ...input }),
  ),
  /** A worker's own figures. */
  mine: tenantProcedure.input(z.strictObject({ from: isoDate, to: isoDate })).query(({ ctx, input }) =>
    buildWorkReport(ctx.db, { tenantId: ctx.tenantId, viewer: { id: ctx.user.id, role: ctx.user.role }, from: input.from, to: input.to, userId: ctx.user.id }),
  ),
} satisfies TRPCRouterRecord;
