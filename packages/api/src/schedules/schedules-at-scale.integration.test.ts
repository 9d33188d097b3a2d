import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRPCError } from '@trpc/server';
import { signedInUser } from '../testing/callers';
import { addWorker, createTenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

// Schedules at scale (issue 16): company and group standard patterns and their precedence, many
// workers given one pattern at once, the company calendar, night shifts through the API.

const { db, adminDb } = useTestDatabase();
const weekdays = (start: number, end: number, breakMinutes = 60) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: start, endMinute: end, breakMinutes }));
const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof TRPCError ? e.code : String(e)));

beforeEach(() => {
  // A fixed clock: the plans below are looked at after December 2026.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2027-01-10T03:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('the plan of a worker: own schedule, else his group’s pattern, else the company’s', () => {
  it('a new worker starts with the company default, a group pattern overrides it, his own pattern and a day row override both', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const worker = await addWorker(adminDb, t);
    const week = (userId: string) => admin.console((c) => c.schedules.forUser({ userId, from: '2026-12-07', to: '2026-12-13' }));
    expect(await week(worker)).toEqual([]);

    await admin.console((c) => c.schedules.setStandardPattern({ groupId: null, validFrom: '2026-12-01', workOnHolidays: false, days: weekdays(540, 1080) }));
    const company = await week(worker);
    expect(company.map((d) => [d.date, d.startMinute, d.endMinute, d.source])).toEqual(['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'].map((date) => [date, 540, 1080, 'company']));
    // Administrators and managers have a plan only when one is set for them.
    expect(await week(t.users.manager.id)).toEqual([]);

    await admin.console((c) => c.schedules.setStandardPattern({ groupId: t.groupId, validFrom: '2026-12-01', workOnHolidays: false, days: weekdays(600, 1140) }));
    expect((await week(worker)).map((d) => [d.startMinute, d.source])[0]).toEqual([600, 'group']);
    // A sub-group without its own pattern follows the enclosing group's.
    const sub = await adminDb.group.create({ data: { tenantId: t.tenantId, name: 'sub team', parentId: t.groupId } });
    const subWorker = await addWorker(adminDb, t);
    await adminDb.groupMembership.deleteMany({ where: { tenantId: t.tenantId, userId: subWorker } });
    await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: sub.id, userId: subWorker, kind: 'MEMBER' } });
    expect((await week(subWorker)).map((d) => [d.startMinute, d.source])[0]).toEqual([600, 'group']);

    await admin.console((c) => c.schedules.setPattern({ userId: worker, validFrom: '2026-12-01', workOnHolidays: false, days: [{ weekday: 3, startMinute: 780, endMinute: 1020, breakMinutes: 0 }] }));
    // His own pattern covers the whole week: Wednesday only, no fallback on the other days.
    expect((await week(worker)).map((d) => [d.date, d.startMinute, d.source])).toEqual([['2026-12-09', 780, 'user']]);
    await admin.console((c) => c.schedules.setDay({ userId: worker, date: '2026-12-12', plan: { startMinute: 540, endMinute: 720, breakMinutes: 0, isDayOff: false } }));
    expect((await week(worker)).map((d) => [d.date, d.source])).toEqual([['2026-12-09', 'user'], ['2026-12-12', 'day']]);

    // A changed company default starts on its date: the days before keep the old plan.
    await admin.console((c) => c.schedules.setStandardPattern({ groupId: null, validFrom: '2026-12-10', workOnHolidays: false, days: weekdays(480, 1020) }));
    const other = await addWorker(adminDb, t);
    await adminDb.groupMembership.deleteMany({ where: { tenantId: t.tenantId, userId: other } });
    expect((await week(other)).map((d) => [d.date, d.startMinute])).toEqual([['2026-12-07', 540], ['2026-12-08', 540], ['2026-12-09', 540], ['2026-12-10', 480], ['2026-12-11', 480]]);
  });

  it('the company pattern is the administrator’s; a manager sets his own groups’ pattern only', async () => {
    const t = await createTenantFixture(adminDb);
    const manager = await signedInUser(db, t, 'manager');
    const set = (groupId: string | null) => manager.console((c) => c.schedules.setStandardPattern({ groupId, validFrom: '2026-12-01', workOnHolidays: false, days: weekdays(540, 1080) }));
    expect(await codeOf(set(null))).toBe('FORBIDDEN');
    expect(await codeOf(set(t.groupId))).toBe('OK');
    const otherGroup = await adminDb.group.create({ data: { tenantId: t.tenantId, name: 'not his' } });
    expect(await codeOf(set(otherGroup.id))).toBe('FORBIDDEN');
    expect(await codeOf(manager.console((c) => c.schedules.standardPattern({ groupId: otherGroup.id, on: '2026-12-01' })))).toBe('FORBIDDEN');
    // He may read the company default his workers fall back on.
    expect(await manager.console((c) => c.schedules.standardPattern({ groupId: null, on: '2026-12-01' }))).toBeNull();
    expect((await manager.console((c) => c.schedules.standardPattern({ groupId: t.groupId, on: '2026-12-24' })))?.days).toEqual(weekdays(540, 1080));
    const audit = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: 'schedule.standard_pattern_set' } });
    expect(audit.map((a) => [a.targetType, a.targetId])).toEqual([['Group', t.groupId]]);
  });
});

describe('one pattern for many workers at once', () => {
  it('assigns to chosen workers or a whole group, audited once; out-of-reach workers are refused and nothing changes', async () => {
    const t = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    const manager = await signedInUser(db, t, 'manager');
    const extra = await Promise.all([addWorker(adminDb, t), addWorker(adminDb, t)]);
    const night = [{ weekday: 1, startMinute: 1320, endMinute: 1860, breakMinutes: 60 }];
    const assign = (target: { userIds: string[] } | { groupId: string }, days = night) => manager.console((c) => c.schedules.assignPattern({ target, validFrom: '2026-12-01', workOnHolidays: false, days }));

    expect(await assign({ groupId: t.groupId })).toEqual({ ok: true, count: 3 });
    for (const userId of [t.users.worker.id, ...extra]) {
      expect((await manager.console((c) => c.schedules.pattern({ userId, on: '2026-12-07' })))?.days).toEqual(night);
    }
    const audit = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: 'schedule.pattern_bulk_set' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetType: 'Group', targetId: t.groupId, details: { userCount: 3, validFrom: '2026-12-01' } });

    // Another tenant's worker or group, and a worker outside the manager's groups: refused, nothing assigned.
    expect(await codeOf(assign({ userIds: [t.users.worker.id, other.users.worker.id] }, weekdays(540, 1080)))).toBe('NOT_FOUND');
    expect(await codeOf(assign({ groupId: other.groupId }))).toBe('NOT_FOUND');
    const outsider = await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'outsider', name: 'outsider', role: 'WORKER', passwordHash: 'x' } });
    expect(await codeOf(assign({ userIds: [outsider.id] }))).toBe('NOT_FOUND');
    const foreignGroup = await adminDb.group.create({ data: { tenantId: t.tenantId, name: 'elsewhere' } });
    expect(await codeOf(assign({ groupId: foreignGroup.id }))).toBe('FORBIDDEN');
    expect((await manager.console((c) => c.schedules.pattern({ userId: t.users.worker.id, on: '2026-12-07' })))?.days).toEqual(night);

    // No days: back to the standard pattern (no pattern of their own from then on); the others keep theirs.
    await assign({ userIds: extra }, []);
    for (const userId of extra) expect(await manager.console((c) => c.schedules.pattern({ userId, on: '2026-12-07' }))).toBeNull();
    expect((await manager.console((c) => c.schedules.pattern({ userId: t.users.worker.id, on: '2026-12-07' })))?.days).toEqual(night);
  });
});

describe('the company calendar', () => {
  it('company days off make planned days days off, count no absence, and make work on them 休日出勤 in the payroll file', async () => {
    const t = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const worker = t.users.worker.id;
    await admin.console((c) => c.schedules.setStandardPattern({ groupId: null, validFrom: '2026-12-01', workOnHolidays: false, days: weekdays(540, 1080) }));
    await admin.console((c) => c.schedules.setCompanyDaysOff({ days: [{ date: '2026-12-29', name: '年末年始' }, { date: '2026-12-30', name: '年末年始' }, { date: '2026-12-31', name: '年末年始' }, { date: '2026-12-15', name: '創立記念日' }] }));
    expect(await admin.console((c) => c.schedules.companyDaysOff({ from: '2026-12-01', to: '2026-12-31' }))).toEqual([
      { date: '2026-12-15', name: '創立記念日' }, { date: '2026-12-29', name: '年末年始' }, { date: '2026-12-30', name: '年末年始' }, { date: '2026-12-31', name: '年末年始' },
    ]);
    // Another tenant sees none of them, and cannot remove them.
    const otherAdmin = await signedInUser(db, other, 'admin');
    expect(await otherAdmin.console((c) => c.schedules.companyDaysOff({ from: '2026-12-01', to: '2026-12-31' }))).toEqual([]);
    expect(await codeOf(otherAdmin.console((c) => c.schedules.removeCompanyDayOff({ date: '2026-12-15' })))).toBe('NOT_FOUND');
    expect(await codeOf((await signedInUser(db, t, 'manager')).console((c) => c.schedules.setCompanyDaysOff({ days: [{ date: '2026-12-01', name: 'x' }] })))).toBe('FORBIDDEN');

    const plan = await admin.console((c) => c.schedules.forUser({ userId: worker, from: '2026-12-28', to: '2026-12-31' }));
    expect(plan.map((d) => [d.date, d.isDayOff])).toEqual([['2026-12-28', false], ['2026-12-29', true], ['2026-12-30', true], ['2026-12-31', true]]);

    // The worker works 12/30 (a company day off) 10:00–15:00, nothing else in December.
    await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: worker, startedAt: new Date('2026-12-30T01:00:00Z'), endedAt: new Date('2026-12-30T06:00:00Z') } });
    const report = await admin.console((c) => c.analytics.work({ from: '2026-12-01', to: '2026-12-31', groupId: t.groupId }));
    const mine = report.days.filter((d) => d.workerId === worker);
    // 23 weekdays in December 2026 minus 12/15, 12/29, 12/30, 12/31 (no national holiday in December).
    expect(mine.filter((d) => d.schedule?.absent).length).toBe(19);
    expect(mine.find((d) => d.date === '2026-12-30')?.schedule).toMatchObject({ dayOff: true, absent: false, plannedMinutes: 0 });

    await admin.console((c) => c.monthClose.close({ groupId: t.groupId, month: '2026-12' }));
    const payroll = await admin.console((c) => c.monthClose.payroll({ groupId: t.groupId, month: '2026-12' }));
    expect(payroll.rows.find((r) => r.userId === worker)).toMatchObject({ absentDays: 19, presentDays: 1, workedMinutes: 300, holidayMinutes: 300 });

    await admin.console((c) => c.schedules.removeCompanyDayOff({ date: '2026-12-15' }));
    const actions = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: { startsWith: 'calendar.' } }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual([...Array<string>(4).fill('calendar.day_off_set'), 'calendar.day_off_removed'].sort());
  });
});

describe('night shifts through the API', () => {
  it('a 22:00–07:00 shift is planned on its day and compared with the work that ends next morning', async () => {
    const t = await createTenantFixture(adminDb);
    const manager = await signedInUser(db, t, 'manager');
    const worker = t.users.worker.id;
    await manager.console((c) => c.schedules.setDay({ userId: worker, date: '2026-12-10', plan: { startMinute: 1320, endMinute: 1860, breakMinutes: 60, isDayOff: false } }));
    // 22:20 → 06:40 next morning (JST).
    await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: worker, startedAt: new Date('2026-12-10T13:20:00Z'), endedAt: new Date('2026-12-10T21:40:00Z') } });
    const report = await manager.console((c) => c.analytics.work({ from: '2026-12-10', to: '2026-12-10', groupId: t.groupId }));
    expect(report.days.find((d) => d.workerId === worker)?.schedule).toMatchObject({ plannedMinutes: 480, lateStartMinutes: 20, earlyEndMinutes: 20, absent: false });
    // More than 24 h, or a start on the next day, is refused.
    expect(await codeOf(manager.console((c) => c.schedules.setDay({ userId: worker, date: '2026-12-11', plan: { startMinute: 1320, endMinute: 2800, breakMinutes: 60, isDayOff: false } })))).toBe('BAD_REQUEST');
  });
});
