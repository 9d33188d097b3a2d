import type { TRPCRouterRecord } from '@trpc/server';
import { getTenantSettings } from '../../tenancy/tenants';
import { tenantProcedure } from '../../trpc';

export const tenantRouter = {
  current: tenantProcedure.query(({ ctx }) => getTenantSettings(ctx.db, { tenantId: ctx.tenantId })),
} satisfies TRPCRouterRecord;
