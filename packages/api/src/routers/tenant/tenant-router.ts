import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { captureModeSchema, getCaptureModes, setGroupCaptureMode, setTenantCaptureMode } from '../../tenancy/capture-mode';
import { getEditableSettings, tenantSettingsInput, updateTenantSettings } from '../../tenancy/settings';
import { getTenantSettings } from '../../tenancy/tenants';
import { adminProcedure, tenantProcedure } from '../../trpc';

export const tenantRouter = {
  current: tenantProcedure.query(({ ctx }) => getTenantSettings(ctx.db, { tenantId: ctx.tenantId })),
  settings: adminProcedure.query(({ ctx }) => getEditableSettings(ctx.db, { tenantId: ctx.tenantId })),
  updateSettings: adminProcedure
    .input(tenantSettingsInput)
    .mutation(({ ctx, input }) => updateTenantSettings(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, input })),
  /** The privacy mode (issue 20): the tenant's and every group's override. */
  captureModes: adminProcedure.query(({ ctx }) => getCaptureModes(ctx.db, { tenantId: ctx.tenantId })),
  setCaptureMode: adminProcedure
    .input(z.strictObject({ captureMode: captureModeSchema }))
    .mutation(({ ctx, input }) => setTenantCaptureMode(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, captureMode: input.captureMode })),
  setGroupCaptureMode: adminProcedure
    .input(z.strictObject({ groupId: z.uuid(), captureMode: captureModeSchema.nullable() }))
    .mutation(({ ctx, input }) => setGroupCaptureMode(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, ip: ctx.meta.ip }, ...input })),
} satisfies TRPCRouterRecord;
