import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { withTenant } from '@telework/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoToDbDate } from '../schedules/resolve-schedules';
import { HISTORY_FROM, HISTORY_TO, at, historyArb, materialise, type History } from '../testing/attendance-history';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { loadReportInputsReference } from '../testing/report-inputs-reference';
import { addDays } from '../calendar';
import { buildWorkReport } from './work-report';

// The set-based loader of the work report (report-inputs.ts) against the reference ORM queries
// (testing/report-inputs-reference.ts): 1,000 generated histories (punches, forgotten ends, open
// sessions, presence with heartbeats and offline re-deliveries, states without a session, tasks,
// schedules) plus approved, pending and rejected punch corrections, written to PostgreSQL as one
// tenant of ~2,000 workers, and the whole report compared field by field at several "nows".
// One tenant instead of 1,000 keeps the run to seconds; each history's workers are its own users,
// so histories cannot interfere, and a second tenant holds copies that must never show.

const HISTORIES = 1_000;
const { db, adminDb } = useTestDatabase();
let t: TenantFixture;
let other: TenantFixture;
const histories = fc.sample(historyArb.map(materialise), { numRuns: HISTORIES, seed: 1_616 });
// Corrections drawn per session: none, approved (start/end moved), pending, rejected; plus work never punched.
const correctionDraws = fc.sample(fc.array(fc.record({ kind: fc.constantFrom('none', 'none', 'approved', 'approved', 'pending', 'rejected'), shiftStart: fc.integer({ min: -120, max: 120 }), length: fc.integer({ min: 1, max: 1600 }) }), { minLength: 6, maxLength: 6 }), { numRuns: HISTORIES, seed: 1_617 });

async function store(target: TenantFixture, withCorrections: boolean): Promise<number> {
  const users: { id: string; tenantId: string; loginId: string; name: string; role: 'WORKER' }[] = [];
  const sessions: { id: string; tenantId: string; userId: string; deviceId: string; startedAt: Date; endedAt: Date | null; openForUserId: string | null; flaggedForgotten: boolean }[] = [];
  const events: { tenantId: string; userId: string; deviceId: string; workSessionId: string | null; clientEventId: string; state: 'PRESENT' | 'AWAY'; occurredAt: Date }[] = [];
  const tasks: { tenantId: string; userId: string; workSessionId: string; taskId: string; startedAt: Date; endedAt: Date | null }[] = [];
  const schedules: { tenantId: string; userId: string; date: Date; startMinute: number; endMinute: number; breakMinutes: number; isDayOff: boolean }[] = [];
  const corrections: { tenantId: string; userId: string; workSessionId: string | null; startedAt: Date; endedAt: Date; reason: string; status: 'PENDING' | 'APPROVED' | 'REJECTED'; requestedById: string; decidedById: string | null; decidedAt: Date | null }[] = [];
  const taskIds = [target.taskId, ...(await Promise.all(['t2', 't3'].map(async (code) => (await adminDb.task.create({ data: { tenantId: target.tenantId, code: `E-${code}`, name: code } })).id)))];
  histories.forEach((h: History, i) => {
    const userOf = new Map<string, string>();
    const user = (w: string) => {
      let id = userOf.get(w);
      if (id === undefined) {
        id = randomUUID();
        userOf.set(w, id);
        users.push({ id, tenantId: target.tenantId, loginId: `h${i}-${w}`, name: `history ${i} ${w}`, role: 'WORKER' });
      }
      return id;
    };
    const sessionIds = new Map<string, string>();
    const openHeld = new Set<string>();
    h.sessions.forEach((s, k) => {
      const markOpen = s.end === null && !openHeld.has(s.workerId);
      if (markOpen) openHeld.add(s.workerId);
      const id = randomUUID();
      sessionIds.set(s.id, id);
      sessions.push({ id, tenantId: target.tenantId, userId: user(s.workerId), deviceId: target.deviceId, startedAt: at(s.start), endedAt: s.end === null ? null : at(s.end), openForUserId: markOpen ? user(s.workerId) : null, flaggedForgotten: k % 4 === 1 });
      const draw = withCorrections ? correctionDraws[i]?.[k % 6] : undefined;
      if (draw && draw.kind !== 'none') {
        const startedAt = at(s.start + draw.shiftStart);
        corrections.push({
          tenantId: target.tenantId, userId: user(s.workerId), workSessionId: id, startedAt, endedAt: at(s.start + draw.shiftStart + draw.length), reason: 'generated',
          status: draw.kind === 'approved' ? 'APPROVED' : draw.kind === 'pending' ? 'PENDING' : 'REJECTED', requestedById: user(s.workerId),
          decidedById: draw.kind === 'pending' ? null : target.users.manager.id, decidedAt: draw.kind === 'pending' ? null : new Date(at(0).getTime() + k * 60_000),
        });
      }
    });
    const loose = withCorrections ? correctionDraws[i]?.[5] : undefined;
    const firstWorker = h.sessions[0]?.workerId;
    if (loose?.kind === 'approved' && firstWorker !== undefined) {
      // Work that was never punched: a correction without a session adds it.
      corrections.push({ tenantId: target.tenantId, userId: user(firstWorker), workSessionId: null, startedAt: at(1440 + loose.shiftStart * 5), endedAt: at(1440 + loose.shiftStart * 5 + loose.length), reason: 'never punched', status: 'APPROVED', requestedById: user(firstWorker), decidedById: target.users.manager.id, decidedAt: at(10) });
    }
    for (const e of h.events) events.push({ tenantId: target.tenantId, userId: user(e.workerId), deviceId: target.deviceId, workSessionId: e.workSessionId === null ? null : (sessionIds.get(e.workSessionId) ?? null), clientEventId: randomUUID(), state: e.state, occurredAt: at(e.minute) });
    for (const task of h.tasks) tasks.push({ tenantId: target.tenantId, userId: user(task.workerId), workSessionId: sessionIds.get(task.workSessionId) ?? '', taskId: taskIds[Number(task.taskId.slice(1)) - 1] ?? target.taskId, startedAt: at(task.start), endedAt: task.end === null ? null : at(task.end) });
    for (const s of h.schedules) schedules.push({ tenantId: target.tenantId, userId: user(s.workerId), date: isoToDbDate(s.date), startMinute: s.startMinute, endMinute: s.endMinute, breakMinutes: s.breakMinutes, isDayOff: s.isDayOff });
  });
  await adminDb.user.createMany({ data: users });
  await adminDb.workSession.createMany({ data: sessions });
  await adminDb.presenceEvent.createMany({ data: events });
  await adminDb.taskSession.createMany({ data: tasks });
  await adminDb.workSchedule.createMany({ data: schedules });
  await adminDb.punchCorrection.createMany({ data: corrections });
  // Incidents: a few per worker, some on the range's edges.
  const incidents = sessions.filter((_, k) => k % 3 === 0).map((s, k) => ({ tenantId: target.tenantId, userId: s.userId, deviceId: target.deviceId, workSessionId: s.id, clientEventId: randomUUID(), kind: 'PEEKING' as const, faceCount: 2, occurredAt: new Date(s.startedAt.getTime() + (k % 7) * 3_600_000 - 3_600_000) }));
  await adminDb.incident.createMany({ data: incidents });
  return corrections.filter((c) => c.status === 'APPROVED').length;
}

let approved = 0;
beforeAll(async () => {
  t = await createTenantFixture(adminDb);
  other = await createTenantFixture(adminDb);
  approved = await store(t, true);
  await store(other, false);
}, 120_000);

type Report = Awaited<ReturnType<typeof buildWorkReport>>;
const canonical = (r: Report) => ({
  ...r,
  days: [...r.days].sort((a, b) => (a.workerId === b.workerId ? (a.date < b.date ? -1 : 1) : a.workerId < b.workerId ? -1 : 1)),
});

describe('the report loader against the reference queries', () => {
  it(`gives exactly the same figures over ${HISTORIES} random histories with corrections`, async () => {
    expect(approved).toBeGreaterThan(200);
    const admin = { id: t.users.admin.id, role: 'ADMIN' as const };
    // "Now" at some histories' own moments (before, inside and after the range), over the range and a wider one.
    const nows = [...new Set(histories.slice(0, 12).map((h) => h.asOf))].map(at);
    const ranges = [{ from: HISTORY_FROM, to: HISTORY_TO }, { from: addDays(HISTORY_FROM, 1), to: addDays(HISTORY_TO, -1) }, { from: addDays(HISTORY_FROM, -3), to: addDays(HISTORY_TO, 2) }];
    let compared = 0;
    for (const now of nows) {
      for (const range of ranges) {
        const scope = { tenantId: t.tenantId, viewer: admin, ...range };
        const [fast, reference] = await withTenant(db, t.tenantId, async (tx) => [await buildWorkReport(tx, scope, now), await buildWorkReport(tx, scope, now, loadReportInputsReference)]);
        expect(canonical(fast)).toEqual(canonical(reference));
        expect(fast.workers.length).toBeGreaterThan(1_000);
        compared += fast.days.length;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  }, 300_000);

  it('a manager’s group report is the same through both loaders, and another tenant’s rows never show', async () => {
    const manager = { id: t.users.manager.id, role: 'MANAGER' as const };
    const now = at(3 * 1440);
    const scope = { tenantId: t.tenantId, viewer: manager, from: HISTORY_FROM, to: HISTORY_TO, groupId: t.groupId };
    const [fast, reference] = await withTenant(db, t.tenantId, async (tx) => [await buildWorkReport(tx, scope, now), await buildWorkReport(tx, scope, now, loadReportInputsReference)]);
    expect(canonical(fast)).toEqual(canonical(reference));
    const otherUsers = new Set((await adminDb.user.findMany({ where: { tenantId: other.tenantId }, select: { id: true } })).map((u) => u.id));
    const all = await withTenant(db, t.tenantId, (tx) => buildWorkReport(tx, { tenantId: t.tenantId, viewer: { id: t.users.admin.id, role: 'ADMIN' }, from: HISTORY_FROM, to: HISTORY_TO }, now));
    expect(all.days.some((d) => otherUsers.has(d.workerId))).toBe(false);
    expect(all.workers.some((w) => otherUsers.has(w.userId))).toBe(false);
  });
});
