import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessInstant } from '../../validation/bounds';
import { createNotice, listNoticesForOperators, loginScreenNotices, noticeDeliveriesReport, noticesForTenant, withdrawNotice } from '../../notices/notices';
import { managerProcedure, operatorProcedure, publicProcedure } from '../../trpc';

const noticeInput = z.strictObject({
  kind: z.enum(['GENERAL', 'MAINTENANCE', 'TERMS_CHANGE', 'SERVICE_END']),
  audience: z.enum(['ALL_TENANTS', 'SELECTED_TENANTS']),
  tenantIds: z.array(z.uuid()).max(10_000).optional(),
  titleJa: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().max(200).nullish(),
  bodyJa: z.string().trim().min(1).max(20_000),
  bodyEn: z.string().trim().max(20_000).nullish(),
  publishAt: businessInstant.nullish(),
  effectiveAt: businessInstant.nullish(),
  maintenanceStartAt: businessInstant.nullish(),
  maintenanceEndAt: businessInstant.nullish(),
  emergency: z.boolean().default(false),
  showOnLoginScreen: z.boolean().default(true),
});

/** Console: the sign-in screen (no session) and the home of administrators and managers. */
export const noticesRouter = {
  loginScreen: publicProcedure.query(({ ctx }) => loginScreenNotices(ctx.db, new Date())),
  forMe: managerProcedure
    .input(z.strictObject({ includePast: z.boolean().default(false) }).default({ includePast: false }))
    .query(({ ctx, input }) => noticesForTenant(ctx.db, { tenantId: ctx.tenantId, now: new Date(), includePast: input.includePast })),
} satisfies TRPCRouterRecord;

/** Reseller app, operators only: write, withdraw and follow deliveries. */
export const operatorNoticesRouter = {
  list: operatorProcedure.query(({ ctx }) => listNoticesForOperators(ctx.db)),
  create: operatorProcedure.input(noticeInput).mutation(({ ctx, input }) => createNotice(ctx.db, { operatorId: ctx.operator.id, ip: ctx.meta.ip, now: new Date(), input })),
  withdraw: operatorProcedure
    .input(z.strictObject({ noticeId: z.uuid() }))
    .mutation(({ ctx, input }) => withdrawNotice(ctx.db, { operatorId: ctx.operator.id, ip: ctx.meta.ip, noticeId: input.noticeId, now: new Date() })),
  deliveries: operatorProcedure.input(z.strictObject({ noticeId: z.uuid() })).query(({ ctx, input }) => noticeDeliveriesReport(ctx.db, input)),
} satisfies TRPCRouterRecord;
