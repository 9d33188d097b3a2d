import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { isValidIsoDate, jstDayRange } from '../../calendar';
import { getMailer } from '../../mail/mailer';
import { assertUserVisible } from '../../people/scope';
import { adminProcedure, agentProcedure, managerProcedure, tenantProcedure } from '../../trpc';
import { closeMonth, listMonthCloses, reopenMonth } from '../../work/month-close';
import { buildPayroll } from '../../work/payroll';
import { applyCorrection, decideCorrection, listCorrectionsToDecide, listOwnCorrections, ownSessionsBetween, requestCorrection } from '../../work/punch-corrections';

const isoDate = z.string().refine(isValidIsoDate, 'YYYY-MM-DD');
const times = z.strictObject({
  workSessionId: z.uuid().nullable(),
  startedAt: z.date(),
  endedAt: z.date(),
  reason: z.string().trim().min(1).max(500),
});
const actorOf = (ctx: { user: { id: string; role: 'ADMIN' | 'MANAGER' | 'WORKER' }; meta: { ip: string | null } }) => ({ id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip });

/** 打刻修正 (docs/attendance-rules.md): requests, decisions, direct corrections. */
export const correctionsRouter = {
  /** Any signed-in user, for their own work. */
  request: tenantProcedure.input(times).mutation(({ ctx, input }) =>
    requestCorrection(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), times: input, now: new Date(), mailer: getMailer() }),
  ),
  mine: tenantProcedure.query(({ ctx }) => listOwnCorrections(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
  /** The caller's own sessions of a JST date range, to choose the one to correct. */
  mySessions: tenantProcedure.input(z.strictObject({ from: isoDate, to: isoDate })).query(({ ctx, input }) =>
    ownSessionsBetween(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, from: jstDayRange(input.from).start, to: jstDayRange(input.to).end }),
  ),
  /** A worker's sessions, for an administrator's direct correction (or a manager looking at a request). */
  sessionsOf: managerProcedure.input(z.strictObject({ userId: z.uuid(), from: isoDate, to: isoDate })).query(async ({ ctx, input }) => {
    await assertUserVisible(ctx.db, ctx.tenantId, actorOf(ctx), input.userId);
    return ownSessionsBetween(ctx.db, { tenantId: ctx.tenantId, userId: input.userId, from: jstDayRange(input.from).start, to: jstDayRange(input.to).end });
  }),
  toDecide: managerProcedure.input(z.strictObject({ status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).default('PENDING') })).query(({ ctx, input }) =>
    listCorrectionsToDecide(ctx.db, { tenantId: ctx.tenantId, viewer: actorOf(ctx), status: input.status }),
  ),
  decide: managerProcedure.input(z.strictObject({ id: z.uuid(), approve: z.boolean(), note: z.string().trim().max(500).nullish() })).mutation(({ ctx, input }) =>
    decideCorrection(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), id: input.id, approve: input.approve, note: input.note ?? null, now: new Date(), mailer: getMailer() }),
  ),
  /** An administrator corrects directly (approved at once, audited). */
  correctDirectly: adminProcedure.input(times.extend({ userId: z.uuid() })).mutation(({ ctx, input }) =>
    applyCorrection(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), userId: input.userId, times: input, now: new Date() }),
  ),
} satisfies TRPCRouterRecord;

/**
 * The same requests from the desktop agent (device token, issue 16): the device's worker asks for
 * his own work and sees his own requests, exactly as `corrections.request/mine/mySessions` do.
 */
export const agentCorrectionsRouter = {
  request: agentProcedure.input(times).mutation(({ ctx, input }) =>
    requestCorrection(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), times: input, now: new Date(), mailer: getMailer() }),
  ),
  mine: agentProcedure.query(({ ctx }) => listOwnCorrections(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
  mySessions: agentProcedure.input(z.strictObject({ from: isoDate, to: isoDate })).query(({ ctx, input }) =>
    ownSessionsBetween(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, from: jstDayRange(input.from).start, to: jstDayRange(input.to).end }),
  ),
} satisfies TRPCRouterRecord;

const monthInput = z.strictObject({ groupId: z.uuid(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') });

/** 月次締め per group (administrators). */
export const monthCloseRouter = {
  list: adminProcedure.query(({ ctx }) => listMonthCloses(ctx.db, { tenantId: ctx.tenantId })),
  close: adminProcedure.input(monthInput).mutation(({ ctx, input }) => closeMonth(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), ...input, now: new Date() })),
  reopen: adminProcedure.input(monthInput).mutation(({ ctx, input }) => reopenMonth(ctx.db, { tenantId: ctx.tenantId, actor: actorOf(ctx), ...input, now: new Date() })),
  /** The closed month's payroll figures of the group (CONFLICT NOT_CLOSED otherwise); the file is /api/export/payroll. */
  payroll: adminProcedure.input(monthInput).query(({ ctx, input }) => buildPayroll(ctx.db, { tenantId: ctx.tenantId, viewer: actorOf(ctx), ...input, now: new Date() })),
} satisfies TRPCRouterRecord;
