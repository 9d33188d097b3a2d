import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessInstant } from '../../validation/bounds';
import { AUDIT_TARGET_TYPES } from '../../audit/actions';
import { listProviderAudit, listTenantAudit } from '../../audit/viewer';
import { adminProcedure, operatorProcedure } from '../../trpc';

const filter = z.strictObject({
  action: z.string().trim().max(100).optional(),
  actorId: z.uuid().optional(),
  targetType: z.enum(AUDIT_TARGET_TYPES).optional(),
  from: businessInstant.optional(),
  to: businessInstant.optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** Console: an administrator reads their organisation's audit log (including refused foreign access). */
export const auditRouter = {
  list: adminProcedure.input(filter.default({ limit: 50 })).query(({ ctx, input }) => listTenantAudit(ctx.db, { tenantId: ctx.tenantId, ...input })),
} satisfies TRPCRouterRecord;

/** Reseller app: operators read provider-side actions. */
export const operatorAuditRouter = {
  list: operatorProcedure
    .input(filter.extend({ tenantId: z.uuid().optional() }).default({ limit: 50 }))
    .query(({ ctx, input }) => listProviderAudit(ctx.db, input)),
} satisfies TRPCRouterRecord;
