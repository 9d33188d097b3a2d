import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isoDateToDayNumber } from '../calendar/day-number';
import { signedInUser } from '../testing/callers';
import { addWorker, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { HISTORY_FROM, HISTORY_TO, at, historyArb, materialise, oracle, type History } from '../testing/attendance-history';
import { isoToDbDate } from '../schedules/resolve-schedules';

// The attendance rules (docs/attendance-rules.md) through the real report procedure
// (analytics.work): a few generated histories are written as the database would hold them and the
// report's figures are compared with the minute-by-minute oracle. The pure property tests run
// 1,000 histories per rule; this checks that the queries feed the rules the same streams.

const { db, adminDb } = useTestDatabase();
let t: TenantFixture;

beforeEach(async () => {
  t = await createTenantFixture(adminDb);
});
afterEach(() => {
  vi.useRealTimers();
});

async function store(h: History): Promise<Map<string, string>> {
  const userOf = new Map<string, string>();
  const workerIds = [...new Set([...h.sessions.map((s) => s.workerId), ...h.schedules.map((s) => s.workerId)])].sort();
  for (const [i, w] of workerIds.entries()) userOf.set(w, i === 0 ? t.users.worker.id : await addWorker(adminDb, t));
  const user = (w: string) => userOf.get(w) ?? '';
  const tasks = new Map<string, string>([['t1', t.taskId]]);
  for (const code of ['t2', 't3']) tasks.set(code, (await adminDb.task.create({ data: { tenantId: t.tenantId, code: `P-${code}`, name: `task ${code}` } })).id);
  const sessionIds = new Map<string, string>();
  const openHeld = new Set<string>();
  for (const s of h.sessions) {
    // One open session per worker is what the database allows to be marked open; others stay unmarked.
    const markOpen = s.end === null && !openHeld.has(s.workerId);
    if (markOpen) openHeld.add(s.workerId);
    const row = await adminDb.workSession.create({
      data: { tenantId: t.tenantId, userId: user(s.workerId), deviceId: t.deviceId, startedAt: at(s.start), endedAt: s.end === null ? null : at(s.end), openForUserId: markOpen ? user(s.workerId) : null },
    });
    sessionIds.set(s.id, row.id);
  }
  if (h.events.length > 0) {
    await adminDb.presenceEvent.createMany({
      data: h.events.map((e) => ({ tenantId: t.tenantId, userId: user(e.workerId), deviceId: t.deviceId, workSessionId: e.workSessionId === null ? null : (sessionIds.get(e.workSessionId) ?? null), clientEventId: randomUUID(), state: e.state, occurredAt: at(e.minute) })),
    });
  }
  for (const task of h.tasks) {
    await adminDb.taskSession.create({
      data: { tenantId: t.tenantId, userId: user(task.workerId), workSessionId: sessionIds.get(task.workSessionId) ?? '', taskId: tasks.get(task.taskId) ?? '', startedAt: at(task.start), endedAt: task.end === null ? null : at(task.end) },
    });
  }
  if (h.schedules.length > 0) {
    await adminDb.workSchedule.createMany({
      data: h.schedules.map((s) => ({ tenantId: t.tenantId, userId: user(s.workerId), date: isoToDbDate(s.date), startMinute: s.startMinute, endMinute: s.endMinute, breakMinutes: s.breakMinutes, isDayOff: s.isDayOff })),
    });
  }
  return userOf;
}

// Histories with something in them, drawn with a fixed seed so the run is repeatable.
const samples = fc.sample(historyArb.map(materialise).filter((h) => h.sessions.length >= 3 && h.events.length >= 4 && h.asOf > 1440), { numRuns: 4, seed: 16 });

describe('attendance rules through analytics.work', () => {
  it.each(samples.map((h, i) => [i, h] as const))('generated history %i: figures equal the minute count and obey every rule', async (_i, h) => {
    const userOf = await store(h);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at(h.asOf));
    const manager = await signedInUser(db, t, 'manager');
    const report = await manager.console((c) => c.analytics.work({ from: HISTORY_FROM, to: HISTORY_TO, groupId: t.groupId }));
    const expected = oracle(h);
    const firstDay = isoDateToDayNumber(HISTORY_FROM);
    for (const [w, days] of expected) {
      const userId = userOf.get(w) ?? '';
      days.forEach((o, index) => {
        const row = report.days.find((d) => d.workerId === userId && isoDateToDayNumber(d.date) - firstDay === index);
        if (o.worked > 0) expect(row).toBeDefined();
        if (row === undefined) return;
        expect({ worked: row.workedMinutes, present: row.presentMinutes, away: row.awayMinutes }).toEqual({ worked: o.worked, present: o.present, away: o.away });
        expect(row.presentMinutes + row.awayMinutes).toBeLessThanOrEqual(row.workedMinutes);
        expect(row.workedMinutes).toBeLessThanOrEqual(1440);
        if (row.schedule?.absent) expect(row.schedule.plannedEndAt?.getTime() ?? Infinity).toBeLessThanOrEqual(at(h.asOf).getTime());
      });
    }
    for (const worker of report.workers) {
      const mine = report.days.filter((d) => d.workerId === worker.userId);
      expect(worker.workedMinutes).toBe(mine.reduce((a, d) => a + d.workedMinutes, 0));
      expect(worker.presentMinutes).toBe(mine.reduce((a, d) => a + d.presentMinutes, 0));
      expect(worker.awayMinutes).toBe(mine.reduce((a, d) => a + d.awayMinutes, 0));
      expect(worker.absentDays).toBe(mine.filter((d) => d.schedule?.absent).length);
      expect(worker.presentMinutes + worker.awayMinutes).toBeLessThanOrEqual(worker.workedMinutes);
    }
  });

  it('another tenant cannot report on this tenant’s group', async () => {
    const other = await createTenantFixture(adminDb);
    const manager = await signedInUser(db, other, 'admin');
    await expect(manager.console((c) => c.analytics.work({ from: HISTORY_FROM, to: HISTORY_TO, groupId: t.groupId }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
