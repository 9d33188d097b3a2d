import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { getVisibleTenant, listVisibleTenants } from '../../tenancy/tenants';
import { operatorProcedure, resellerProcedure } from '../../trpc';

const byId = z.strictObject({ tenantId: z.uuid() });

/** Customers as the provider's operators see them (all) … */
export const operatorTenantsRouter = {
  list: operatorProcedure.query(({ ctx }) => listVisibleTenants(ctx.db)),
  get: operatorProcedure.input(byId).query(({ ctx, input }) => getVisibleTenant(ctx.db, input)),
} satisfies TRPCRouterRecord;

/** … and as a reseller's staff see them (only the customers it sold to; RLS enforces it). */
export const resellerCustomersRouter = {
  list: resellerProcedure.query(({ ctx }) => listVisibleTenants(ctx.db)),
  get: resellerProcedure.input(byId).query(({ ctx, input }) => getVisibleTenant(ctx.db, input)),
} satisfies TRPCRouterRecord;
