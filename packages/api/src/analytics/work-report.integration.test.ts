import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { jstDateTimeToInstant } from '../calendar';
import { signedInUser } from '../testing/callers';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { closeForgottenSessions } from '../work/forgotten-sessions';

const { db, adminDb } = useTestDatabase();
let t: TenantFixture;
const at = (date: string, hh: number, mm = 0) => jstDateTimeToInstant(date, hh * 60 + mm);

async function session(userId: string, start: Date, end: Date | null) {
  return adminDb.workSession.create({ data: { tenantId: t.tenantId, userId, startedAt: start, endedAt: end, openForUserId: end ? null : userId } });
}

beforeEach(async () => {
  t = await createTenantFixture(adminDb);
});

describe('schedules', () => {
  it('knows Japanese public holidays without being told, and a day row overrides the weekly pattern', async () => {
    const manager = await signedInUser(db, t, 'manager');
    const w = t.users.worker.id;
    // Mon–Fri 9:00–18:00 from November 2026. 2026-11-03 (Tue) is 文化の日, 2026-11-23 (Mon) is 勤労感謝の日.
    await manager.console((c) => c.schedules.setPattern({ userId: w, validFrom: '2026-11-01', workOnHolidays: false, days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1080, breakMinutes: 60 })) }));
    await manager.console((c) => c.schedules.setDay({ userId: w, date: '2026-11-07', plan: { startMinute: 600, endMinute: 900, breakMinutes: 0, isDayOff: false } }));
    const plan = await manager.console((c) => c.schedules.forUser({ userId: w, from: '2026-11-01', to: '2026-11-30' }));
    const byDate = new Map(plan.map((p) => [p.date, p]));
    expect(byDate.get('2026-11-03')).toMatchObject({ isDayOff: true });
    expect(byDate.get('2026-11-23')).toMatchObject({ isDayOff: true });
    expect(byDate.get('2026-11-02')).toMatchObject({ isDayOff: false, startMinute: 540, endMinute: 1080 });
    expect(byDate.get('2026-11-07')).toMatchObject({ startMinute: 600, endMinute: 900 }); // a Saturday, set by hand
    expect(byDate.has('2026-11-08')).toBe(false); // Sunday: no plan
    const holidays = await manager.console((c) => c.schedules.holidays({ from: '2026-11-01', to: '2026-11-30' }));
    expect(holidays.map((h) => h.date)).toEqual(['2026-11-03', '2026-11-23']);
  });
});

describe('work analysis', () => {
  it('splits a session across JST midnight into both days and compares with the schedule', async () => {
    const manager = await signedInUser(db, t, 'manager');
    const w = t.users.worker.id;
    await manager.console((c) => c.schedules.setPattern({ userId: w, validFrom: '2026-11-01', workOnHolidays: false, days: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 540, endMinute: 1080, breakMinutes: 60 })) }));
    // Wed 11-04: 9:30 → Thu 11-05 01:00 (late start 30 min, overtime 7 h after 18:00), then Thu 9:00–17:00 (early end 60).
    await session(w, at('2026-11-04', 9, 30), at('2026-11-05', 1, 0));
    await session(w, at('2026-11-05', 9, 0), at('2026-11-05', 17, 0));
    const s = await adminDb.workSession.findFirstOrThrow({ where: { tenantId: t.tenantId, userId: w, startedAt: at('2026-11-04', 9, 30) } });
    await adminDb.presenceEvent.createMany({
      data: [
        { tenantId: t.tenantId, userId: w, deviceId: t.deviceId, workSessionId: s.id, clientEventId: randomUUID(), state: 'PRESENT', occurredAt: at('2026-11-04', 9, 30) },
        { tenantId: t.tenantId, userId: w, deviceId: t.deviceId, workSessionId: s.id, clientEventId: randomUUID(), state: 'AWAY', occurredAt: at('2026-11-04', 12, 0) },
        { tenantId: t.tenantId, userId: w, deviceId: t.deviceId, workSessionId: s.id, clientEventId: randomUUID(), state: 'PRESENT', occurredAt: at('2026-11-04', 13, 0) },
      ],
    });
    await adminDb.incident.create({ data: { tenantId: t.tenantId, userId: w, deviceId: t.deviceId, clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt: at('2026-11-04', 15, 0) } });
    // A covered camera is an incident like the others (issue 14).
    await adminDb.incident.create({ data: { tenantId: t.tenantId, userId: w, deviceId: t.deviceId, clientEventId: randomUUID(), kind: 'COVERED_CAMERA', faceCount: 0, occurredAt: at('2026-11-05', 10, 0) } });

    const report = await manager.console((c) => c.analytics.work({ from: '2026-11-04', to: '2026-11-05', groupId: t.groupId }));
    const day = (date: string) => report.days.find((d) => d.workerId === w && d.date === date);
    expect(day('2026-11-04')).toMatchObject({ workedMinutes: 14 * 60 + 30, awayMinutes: 60, incidents: 1 });
    expect(day('2026-11-04')?.schedule).toMatchObject({ lateStartMinutes: 30, overtimeMinutes: 6 * 60 });
    expect(day('2026-11-05')).toMatchObject({ workedMinutes: 60 + 8 * 60, incidents: 1 });
    expect(day('2026-11-05')?.schedule).toMatchObject({ earlyEndMinutes: 60, overtimeMinutes: 60 });
    const total = report.workers.find((x) => x.userId === w);
    expect(total).toMatchObject({ workedMinutes: 14 * 60 + 30 + 9 * 60, lateStartDays: 1, earlyEndDays: 1, incidents: 2, workDays: 2 });
  });
});

describe('forgotten work end', () => {
  it('closes a session left open at JST midnight (the default rule), flags it, and ends its task', async () => {
    const w = t.users.worker.id;
    const open = await session(w, at('2026-11-10', 9, 0), null);
    await adminDb.taskSession.create({ data: { tenantId: t.tenantId, userId: w, workSessionId: open.id, taskId: t.taskId, startedAt: at('2026-11-10', 9, 5) } });
    const before = await withTenant(db, t.tenantId, (tx) => closeForgottenSessions(tx, { tenantId: t.tenantId, now: at('2026-11-10', 23, 0) }));
    expect(before).toBe(0);
    const closed = await withTenant(db, t.tenantId, (tx) => closeForgottenSessions(tx, { tenantId: t.tenantId, now: at('2026-11-11', 0, 10) }));
    expect(closed).toBe(1);
    const row = await adminDb.workSession.findFirstOrThrow({ where: { id: open.id } });
    expect(row).toMatchObject({ endedAt: at('2026-11-11', 0, 0), flaggedForgotten: true, endReason: 'FORGOTTEN_AUTO_CLOSE', openForUserId: null });
    expect((await adminDb.taskSession.findFirstOrThrow({ where: { workSessionId: open.id } })).endedAt).toEqual(at('2026-11-11', 0, 0));
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: 'work.session_auto_closed', actorKind: 'SYSTEM' } })).toBe(1);
  });

  it('closes at the scheduled end when the tenant chose that rule', async () => {
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { forgottenEndRule: 'AT_SCHEDULED_END' } });
    const w = t.users.worker.id;
    await adminDb.workSchedule.create({ data: { tenantId: t.tenantId, userId: w, date: new Date('2026-11-12T00:00:00Z'), startMinute: 540, endMinute: 1050, breakMinutes: 60 } });
    const open = await session(w, at('2026-11-12', 9, 0), null);
    await withTenant(db, t.tenantId, (tx) => closeForgottenSessions(tx, { tenantId: t.tenantId, now: at('2026-11-12', 18, 0) }));
    expect((await adminDb.workSession.findFirstOrThrow({ where: { id: open.id } })).endedAt).toEqual(at('2026-11-12', 17, 30));
  });
});
