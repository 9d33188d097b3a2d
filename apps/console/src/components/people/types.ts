import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';

type Out = inferRouterOutputs<ConsoleRouter>;
export type UserRow = Out['users']['list'][number];
export type GroupRow = Out['groups']['list'][number];
export type TaskRow = Out['tasks']['list'][number];
export type ReportRow = Out['reports']['list'][number];
export type DeviceRow = Out['devices']['list'][number];
export type ScheduleDay = Out['schedules']['forUser'][number];
export type Role = UserRow['role'];
export const ROLES: Role[] = ['ADMIN', 'MANAGER', 'WORKER'];
