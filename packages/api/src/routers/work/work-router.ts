import type { TRPCRouterRecord } from '@trpc/server';
import { recordPunch } from '../../work/punches';
import { getWorkerState } from '../../work/current-state';
import { getWorkerToday } from '../../work/worker-today';
import { getWorkerMonth } from '../../work/worker-month';
import { z } from 'zod';
import { recordHeartbeat, recordIncident, recordPresence } from '../../work/agent-events';
import { getStatusBoard } from '../../work/status-board';
import { sendIncidentAlerts } from '../../incident-alerts/alerts';
import { getMailer } from '../../mail/mailer';
import { agentProcedure, managerProcedure, tenantProcedure } from '../../trpc';
import { boardInput, heartbeatInput, incidentInput, presenceInput, punchInput } from './schemas';

/** Punches from the console (workers without a camera policy punch in the browser) and the board. */
export const workRouter = {
  punch: tenantProcedure.input(punchInput).mutation(({ ctx, input }) =>
    recordPunch(ctx.db, { ...input, tenantId: ctx.tenantId, userId: ctx.user.id, deviceId: null, source: 'CONSOLE' }),
  ),
  myState: tenantProcedure.query(({ ctx }) => getWorkerState(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
  /** The caller's own month summary (JST month). */
  myMonth: tenantProcedure.input(z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') })).query(({ ctx, input }) =>
    getWorkerMonth(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, role: ctx.user.role, month: input.month }),
  ),
  board: managerProcedure.input(boardInput).query(({ ctx, input }) =>
    getStatusBoard(ctx.db, { tenantId: ctx.tenantId, viewer: { id: ctx.user.id, role: ctx.user.role }, groupId: input.groupId, states: input.states }),
  ),
} satisfies TRPCRouterRecord;

const caller = (ctx: { tenantId: string; user: { id: string }; deviceId: string }) => ({ tenantId: ctx.tenantId, userId: ctx.user.id, deviceId: ctx.deviceId });

/** The agent's punches and camera events, tied to its device (which is how a second PC is told apart). */
export const agentWorkRouter = {
  punch: agentProcedure.input(punchInput).mutation(({ ctx, input }) =>
    recordPunch(ctx.db, { ...input, tenantId: ctx.tenantId, userId: ctx.user.id, deviceId: ctx.deviceId, source: 'AGENT' }),
  ),
  state: agentProcedure.query(({ ctx }) => getWorkerState(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
  today: agentProcedure.query(({ ctx }) => getWorkerToday(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
  presence: agentProcedure.input(presenceInput).mutation(({ ctx, input }) => recordPresence(ctx.db, caller(ctx), input)),
  incident: agentProcedure.input(incidentInput).mutation(async ({ ctx, input }) => {
    const recorded = await recordIncident(ctx.db, caller(ctx), input);
    // The managers' alert mails leave at once, after the commit; the minute job sends what this could not.
    if (!recorded.duplicate) ctx.afterCommit((db) => sendIncidentAlerts(db, getMailer(), { tenantId: ctx.tenantId, incidentId: recorded.incidentId, now: new Date() }));
    return recorded;
  }),
  heartbeat: agentProcedure.input(heartbeatInput).mutation(({ ctx, input }) => recordHeartbeat(ctx.db, caller(ctx), { ip: ctx.meta.ip, ...input })),
} satisfies TRPCRouterRecord;
