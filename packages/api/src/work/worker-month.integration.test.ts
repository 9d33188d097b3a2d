import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jstDateTimeToInstant } from '../calendar';
import { signedInUser, trpcCodeOf } from '../testing/callers';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

const { db, adminDb } = useTestDatabase();
let t: TenantFixture;
let other: TenantFixture;
const at = (date: string, hh: number, mm = 0) => jstDateTimeToInstant(date, hh * 60 + mm);

beforeEach(async () => {
  t = await createTenantFixture(adminDb);
  other = await createTenantFixture(adminDb);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-12-01', 10, 0));
});
afterEach(() => {
  vi.useRealTimers();
});

// November 2026, computed by hand:
//   11/02 plan 09:00–18:00, worked 09:10–17:30 → 500 worked, 10 late, 30 early
//   11/04 plan 09:00–18:00, no work            → absent
//   11/05 no plan, worked 10:00–12:00, 在席 10:00, 離席 11:00 (the last state ends with its session)
//                                               → 120 worked, 60 present, 60 away; task DEV 10:30–11:30
//   totals: worked 620, present 60, away 60, work days 2, absent 1, late 1 day / 10 min, early 1 day / 30 min.
async function seed() {
  const w = t.users.worker.id;
  for (const date of ['2026-11-02', '2026-11-04']) await adminDb.workSchedule.create({ data: { tenantId: t.tenantId, userId: w, date: new Date(`${date}T00:00:00Z`), startMinute: 540, endMinute: 1080, breakMinutes: 60 } });
  await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: w, startedAt: at('2026-11-02', 9, 10), endedAt: at('2026-11-02', 17, 30) } });
  const s = await adminDb.workSession.create({ data: { tenantId: t.tenantId, userId: w, startedAt: at('2026-11-05', 10, 0), endedAt: at('2026-11-05', 12, 0) } });
  for (const [state, hh] of [['PRESENT', 10], ['AWAY', 11]] as const) {
    await adminDb.presenceEvent.create({ data: { tenantId: t.tenantId, userId: w, deviceId: t.deviceId, workSessionId: s.id, clientEventId: randomUUID(), state, occurredAt: at('2026-11-05', hh, 0) } });
  }
  await adminDb.taskSession.create({ data: { tenantId: t.tenantId, userId: w, workSessionId: s.id, taskId: t.taskId, startedAt: at('2026-11-05', 10, 30), endedAt: at('2026-11-05', 11, 30) } });
  // The other tenant's worker works a long month: none of it may show up in t's figures, and the reverse.
  await adminDb.workSession.create({ data: { tenantId: other.tenantId, userId: other.users.worker.id, startedAt: at('2026-11-02', 8, 0), endedAt: at('2026-11-02', 22, 0) } });
}

describe("the worker's own views", () => {
  it('month summary: the signed-in worker sees their own hand-computed figures; totals are sums of the days', async () => {
    await seed();
    const worker = await signedInUser(db, t, 'worker');
    const month = await worker.console((c) => c.work.myMonth({ month: '2026-11' }));
    expect(month.totals).toEqual({ workedMinutes: 620, presentMinutes: 60, awayMinutes: 60, plannedMinutes: 960, workDays: 2, absentDays: 1, lateStartDays: 1, lateStartMinutes: 10, earlyEndDays: 1, earlyEndMinutes: 30 });
    expect(month.days.map((d) => [d.date, d.workedMinutes, d.absent])).toEqual([
      ['2026-11-02', 500, false],
      ['2026-11-04', 0, true],
      ['2026-11-05', 120, false],
    ]);
    expect(month.days.reduce((sum, d) => sum + d.workedMinutes, 0)).toBe(month.totals.workedMinutes);
    // Bad input is a typed error.
    expect(await trpcCodeOf(worker.console((c) => c.work.myMonth({ month: '2026-13' })))).toBe('BAD_REQUEST');
  });

  it("another tenant's worker gets only their own month, never t's", async () => {
    await seed();
    const outsider = await signedInUser(db, other, 'worker');
    const month = await outsider.console((c) => c.work.myMonth({ month: '2026-11' }));
    expect(month.totals).toMatchObject({ workedMinutes: 840, workDays: 1, absentDays: 0 });
    // The manager of t has no work of their own: zeros, not the group's figures.
    const manager = await signedInUser(db, t, 'manager');
    expect((await manager.console((c) => c.work.myMonth({ month: '2026-11' }))).totals).toMatchObject({ workedMinutes: 0, workDays: 0 });
  });

  it('the timeline shows the task punches of the day; another tenant asking for them gets NOT_FOUND', async () => {
    await seed();
    const worker = await signedInUser(db, t, 'worker');
    const tl = await worker.console((c) => c.evidence.timeline({ from: at('2026-11-05', 0, 0), to: at('2026-11-06', 0, 0) }));
    expect(tl.tasks.map((x) => [x.task.code, x.startedAt.toISOString(), x.endedAt?.toISOString()])).toEqual([['DEV', at('2026-11-05', 10, 30).toISOString(), at('2026-11-05', 11, 30).toISOString()]]);
    const outsiderAdmin = await signedInUser(db, other, 'admin');
    expect(await trpcCodeOf(outsiderAdmin.console((c) => c.evidence.timeline({ userId: t.users.worker.id, from: at('2026-11-05', 0, 0), to: at('2026-11-06', 0, 0) })))).toBe('NOT_FOUND');
  });
});
