import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { getAlertSettings, INCIDENT_ALERT_MODES, setAdminsAlways, setOwnAlertMode } from '../../incident-alerts/settings';
import { adminProcedure, managerProcedure } from '../../trpc';

const actorOf = (ctx: { user: { id: string; role: 'ADMIN' | 'MANAGER' | 'WORKER' }; meta: { ip: string | null } }) => ({ id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip });

/** Incident alert mail: each manager's or administrator's own choice, and the tenant's rule for administrators. */
export const incidentAlertsRouter = {
  settings: managerProcedure.query(({ ctx }) => getAlertSettings(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx) })),
  setMode: managerProcedure
    .input(z.strictObject({ mode: z.enum(INCIDENT_ALERT_MODES) }))
    .mutation(({ ctx, input }) => setOwnAlertMode(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), mode: input.mode })),
  setAdminsAlways: adminProcedure
    .input(z.strictObject({ enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setAdminsAlways(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), enabled: input.enabled })),
} satisfies TRPCRouterRecord;
