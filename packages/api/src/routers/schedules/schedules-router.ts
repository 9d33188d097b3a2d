import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessDate } from '../../validation/bounds';
import { japaneseHolidaysBetween } from '../../calendar';
import { resolveSchedules } from '../../schedules/resolve-schedules';
import { getWeeklyPattern, setDaySchedule, setWeeklyPattern } from '../../schedules/edit-schedules';
import { assertUserVisible } from '../../people/scope';
import { managerProcedure, tenantProcedure } from '../../trpc';

const isoDate = businessDate;
const minute = z.number().int().min(0).max(1440);
const plan = z.strictObject({ startMinute: minute, endMinute: minute, breakMinutes: z.number().int().min(0).max(720), isDayOff: z.boolean().default(false), note: z.string().max(200).nullish() });
const range = z.strictObject({ from: isoDate, to: isoDate });

export const schedulesRouter = {
  /** Planned hours per day for one worker (managers for their workers; a worker for himself). */
  forUser: tenantProcedure.input(range.extend({ userId: z.uuid() })).query(async ({ ctx, input }) => {
    await assertUserVisible(ctx.db, ctx.tenantId, ctx.user, input.userId);
    return resolveSchedules(ctx.db, { tenantId: ctx.tenantId, userIds: [input.userId], from: input.from, to: input.to });
  }),
  setDay: managerProcedure.input(z.strictObject({ userId: z.uuid(), date: isoDate, plan: plan.nullable() })).mutation(({ ctx, input }) =>
    setDaySchedule(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip }, userId: input.userId, date: input.date, plan: input.plan }),
  ),
  /** The weekly pattern in force on a day (or the next one), to edit it. */
  pattern: tenantProcedure
    .input(z.strictObject({ userId: z.uuid(), on: isoDate }))
    .query(({ ctx, input }) => getWeeklyPattern(ctx.db, { tenantId: ctx.tenantId, viewer: ctx.user, userId: input.userId, on: input.on })),
  setPattern: managerProcedure
    .input(z.strictObject({
      userId: z.uuid(),
      validFrom: isoDate,
      workOnHolidays: z.boolean().default(false),
      days: z.array(z.strictObject({ weekday: z.number().int().min(1).max(7), startMinute: minute, endMinute: minute, breakMinutes: z.number().int().min(0).max(720) })).max(7),
    }))
    .mutation(({ ctx, input }) =>
      setWeeklyPattern(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip }, userId: input.userId, pattern: { days: input.days, workOnHolidays: input.workOnHolidays, validFrom: input.validFrom } }),
    ),
  /** Japanese public holidays in a range (bundled data; nobody types them in). */
  holidays: tenantProcedure.input(range).query(({ input }) => japaneseHolidaysBetween(input.from, input.to)),
} satisfies TRPCRouterRecord;
