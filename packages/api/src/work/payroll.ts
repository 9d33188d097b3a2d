import type { Tx } from '@telework/db';
import { isBusinessDay, lastDayOfMonth } from '../calendar';
import { AppError } from '../errors/app-error';
import { payrollTotals } from '../analytics/rules';
import { buildWorkReport } from '../analytics/work-report';
import type { Viewer } from '../people/scope';
import { listCompanyDaysOff } from '../schedules/company-calendar';

// The month's payroll file of a group (月次締め → 給与連携). It exists only for a closed month: the
// figures are final once corrections are refused. The figures come from the same work report as the
// 勤務分析 screen and its exports (buildWorkReport → aggregateWorkDays), summed per worker by
// payrollTotals; the definitions are in docs/attendance-rules.md, "Payroll file".

export async function buildPayroll(db: Tx, { tenantId, viewer, groupId, month, now }: { tenantId: string; viewer: Viewer; groupId: string; month: string; now: Date }) {
  const group = await db.group.findFirst({ where: { tenantId, id: groupId }, select: { id: true, name: true } });
  if (!group) throw new AppError('NOT_FOUND', 'No such group.');
  const close = await db.monthClose.findUnique({ where: { tenantId_groupId_month: { tenantId, groupId, month } }, select: { closedAt: true, reopenedAt: true } });
  if (!close || close.reopenedAt !== null) throw new AppError('CONFLICT', 'The month is not closed.', { reason: 'NOT_CLOSED' });
  const from = `${month}-01`;
  const report = await buildWorkReport(db, { tenantId, viewer, from, to: lastDayOfMonth(from), groupId }, now);
  // The close covers the group's own members (as the correction lock does), not its sub-groups.
  const members = new Set((await db.groupMembership.findMany({ where: { tenantId, groupId, kind: 'MEMBER' }, select: { userId: true } })).map((m) => m.userId));
  const workers = report.workers.filter((w) => members.has(w.userId)).map((w) => ({ userId: w.userId, employeeNo: w.loginId, name: w.name }));
  // A day without a schedule is a work day unless it is a weekend, a national holiday or a company
  // day off (会社カレンダー): work on it is 休日出勤.
  const companyOff = new Set((await listCompanyDaysOff(db, { tenantId, from, to: lastDayOfMonth(from) })).map((d) => d.date));
  const isWorkDay = (date: string) => isBusinessDay(date) && !companyOff.has(date);
  return { group, month, closedAt: close.closedAt, generatedAt: now, rows: payrollTotals(workers, report.days, isWorkDay) };
}

export type PayrollRow = Awaited<ReturnType<typeof buildPayroll>>['rows'][number];
