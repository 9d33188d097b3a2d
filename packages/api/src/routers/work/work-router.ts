import type { TRPCRouterRecord } from '@trpc/server';
import { recordPunch } from '../../work/punches';
import { getWorkerState } from '../../work/current-state';
import { agentProcedure, tenantProcedure } from '../../trpc';
import { punchInput } from './schemas';

/** Punches from the console (workers without a camera policy punch in the browser). */
export const workRouter = {
  punch: tenantProcedure.input(punchInput).mutation(({ ctx, input }) =>
    recordPunch(ctx.db, { ...input, tenantId: ctx.tenantId, userId: ctx.user.id, deviceId: null, source: 'CONSOLE' }),
  ),
  myState: tenantProcedure.query(({ ctx }) => getWorkerState(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
} satisfies TRPCRouterRecord;

/** The agent's punches, tied to its device (which is how a second PC is told apart). */
export const agentWorkRouter = {
  punch: agentProcedure.input(punchInput).mutation(({ ctx, input }) =>
    recordPunch(ctx.db, { ...input, tenantId: ctx.tenantId, userId: ctx.user.id, deviceId: ctx.deviceId, source: 'AGENT' }),
  ),
  state: agentProcedure.query(({ ctx }) => getWorkerState(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
} satisfies TRPCRouterRecord;
