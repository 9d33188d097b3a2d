import type { TRPCRouterRecord } from '@trpc/server';
import { getEditableSettings, tenantSettingsInput, updateTenantSettings } from '../../tenancy/settings';
import { getTenantSettings } from '../../tenancy/tenants';
import { adminProcedure, tenantProcedure } from '../../trpc';

export const tenantRouter = {
  current: tenantProcedure.query(({ ctx }) => getTenantSettings(ctx.db, { tenantId: ctx.tenantId })),
  settings: adminProcedure.query(({ ctx }) => getEditableSettings(ctx.db, { tenantId: ctx.tenantId })),
  updateSettings: adminProcedure
    .input(tenantSettingsInput)
    .mutation(({ ctx, input }) => updateTenantSettings(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, input })),
} satisfies TRPCRouterRecord;
