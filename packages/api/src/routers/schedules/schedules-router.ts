import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessDate } from '../../validation/bounds';
import { japaneseHolidaysBetween } from '../../calendar';
import { resolveSchedules } from '../../schedules/resolve-schedules';
import { getWeeklyPattern, setDaySchedule, setWeeklyPattern } from '../../schedules/edit-schedules';
import { assertUserVisible } from '../../people/scope';
import { adminProcedure, managerProcedure, tenantProcedure } from '../../trpc';
import { getStandardPattern, setStandardPattern } from '../../schedules/standard-patterns';
import { assignPattern } from '../../schedules/bulk-assign';
import { listCompanyDaysOff, removeCompanyDayOff, setCompanyDaysOff } from '../../schedules/company-calendar';

const isoDate = businessDate;
// A shift starts within its day (0…1439) and may end on the next one, up to 24 h later (夜勤:
// 22:00–07:00 is 1320–1860); the service checks end > start and the 24 h.
const startMinute = z.number().int().min(0).max(1439);
const endMinute = z.number().int().min(1).max(2880);
const breakMinutes = z.number().int().min(0).max(720);
const plan = z.strictObject({ startMinute, endMinute, breakMinutes, isDayOff: z.boolean().default(false), note: z.string().max(200).nullish() });
const range = z.strictObject({ from: isoDate, to: isoDate });
const weekDays = z.array(z.strictObject({ weekday: z.number().int().min(1).max(7), startMinute, endMinute, breakMinutes })).max(7);
const weekPattern = z.strictObject({ validFrom: isoDate, workOnHolidays: z.boolean().default(false), days: weekDays });
const dayOffName = z.string().trim().min(1).max(50);

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
      days: weekDays,
    }))
    .mutation(({ ctx, input }) =>
      setWeeklyPattern(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip }, userId: input.userId, pattern: { days: input.days, workOnHolidays: input.workOnHolidays, validFrom: input.validFrom } }),
    ),
  /** The company's (groupId null) or a group's standard pattern in force on a day (or the next one). */
  standardPattern: managerProcedure
    .input(z.strictObject({ groupId: z.uuid().nullable(), on: isoDate }))
    .query(({ ctx, input }) => getStandardPattern(ctx.db, { tenantId: ctx.tenantId, viewer: ctx.user, groupId: input.groupId, on: input.on })),
  /** Sets the company's (administrators) or a group's (administrators, its managers) standard pattern. */
  setStandardPattern: managerProcedure
    .input(weekPattern.extend({ groupId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) =>
      setStandardPattern(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip }, groupId: input.groupId, pattern: { days: input.days, workOnHolidays: input.workOnHolidays, validFrom: input.validFrom } }),
    ),
  /** Gives one weekly pattern to many workers at once: chosen ones or a whole group (no days: back to the standard pattern). */
  assignPattern: managerProcedure
    .input(weekPattern.extend({ target: z.union([z.object({ userIds: z.array(z.uuid()).min(1).max(1000) }).strict(), z.object({ groupId: z.uuid() }).strict()]) }))
    .mutation(({ ctx, input }) =>
      assignPattern(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip }, target: input.target, pattern: { days: input.days, workOnHolidays: input.workOnHolidays, validFrom: input.validFrom } }),
    ),
  /** The company's own days off (会社カレンダー) in a range; everyone in the tenant sees them. */
  companyDaysOff: tenantProcedure.input(range).query(({ ctx, input }) => listCompanyDaysOff(ctx.db, { tenantId: ctx.tenantId, from: input.from, to: input.to })),
  setCompanyDaysOff: adminProcedure
    .input(z.strictObject({ days: z.array(z.strictObject({ date: isoDate, name: dayOffName })).min(1).max(31) }))
    .mutation(({ ctx, input }) => setCompanyDaysOff(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip }, days: input.days })),
  removeCompanyDayOff: adminProcedure
    .input(z.strictObject({ date: isoDate }))
    .mutation(({ ctx, input }) => removeCompanyDayOff(ctx.db, { tenantId: ctx.tenantId, actor: { id: ctx.user.id, role: ctx.user.role, ip: ctx.meta.ip }, date: input.date })),
  /** Japanese public holidays in a range (bundled data; nobody types them in). */
  holidays: tenantProcedure.input(range).query(({ input }) => japaneseHolidaysBetween(input.from, input.to)),
} satisfies TRPCRouterRecord;
