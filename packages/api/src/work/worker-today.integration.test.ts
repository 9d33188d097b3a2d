import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '@telework/db';
import { addDays, jstDateTimeToInstant, toJstDate } from '../calendar';
import { agentCaller, signedInAgent, signedInUser, trpcCodeOf as codeOf } from '../testing/callers';
import { addWorker, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { getWorkerToday } from './worker-today';

// agent.work.today: the signed-in worker's own figures for the Tokyo day, never anyone else's.
const { db, adminDb } = useTestDatabase();

let a: TenantFixture;
let b: TenantFixture;
let otherLoginId = '';
// A fixed morning (08:00 JST): "yesterday 09:00–11:00" is then 21–23 h ago, inside the ±1 day the server
// accepts for client times, whatever the hour the suite runs at (with the wall clock this test failed
// every day before 10:00 JST, when yesterday 09:00 was more than a day ago).
const NOW = new Date('2026-06-10T08:00:00+09:00');
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  a = await createTenantFixture(adminDb);
  b = await createTenantFixture(adminDb);
  const otherId = await addWorker(adminDb, a);
  otherLoginId = (await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: a.tenantId, id: otherId } }, select: { loginId: true } })).loginId;
});

afterAll(() => {
  vi.useRealTimers();
});

const agentOf = async (t: TenantFixture, loginId = 'worker') => (await signedInAgent(db, t, loginId, 'PC-TODAY')).caller;

describe('agent.work.today', () => {
  it('counts worked and per-task minutes of the Tokyo day, with the open session and task', async () => {
    const agent = await agentOf(a);
    expect(toJstDate(new Date())).toBe('2026-06-10');
    const yesterday = addDays(toJstDate(new Date()), -1);
    const at = (hh: number, mm = 0) => jstDateTimeToInstant(yesterday, hh * 60 + mm);
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: at(9) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: a.taskId, occurredAt: at(9, 30) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_END', occurredAt: at(10, 30) });
    await agent.agent.work.presence({ clientEventId: randomUUID(), state: 'PRESENT', occurredAt: at(10, 45) });

    // As of 11:00 that day: two hours worked, one of them on the task, the session still open.
    const asOf = await withTenant(db, a.tenantId, (tx) => getWorkerToday(tx, { tenantId: a.tenantId, userId: a.users.worker.id }, at(11)));
    expect(asOf).toMatchObject({ date: yesterday, workedMinutes: 120, state: 'WORKING', currentTask: null, presence: { state: 'PRESENT', at: at(10, 45) } });
    expect(asOf.tasks).toEqual([{ taskId: a.taskId, code: 'DEV', name: '開発', minutes: 60 }]);
    expect(asOf.workSession?.startedAt).toEqual(at(9));

    // Through the procedure, now: the open session counts from Tokyo midnight, on no task.
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: a.taskId, occurredAt: new Date() });
    const now = await agent.agent.work.today();
    expect(now).toMatchObject({ date: toJstDate(new Date()), state: 'ON_TASK', currentTask: { id: a.taskId, code: 'DEV' } });
    const sinceMidnight = (Date.now() - jstDateTimeToInstant(toJstDate(new Date()), 0).getTime()) / 60_000;
    expect(sinceMidnight).toBe(8 * 60);
    expect(now.workedMinutes).toBe(8 * 60);
  });

  it("another worker's device and another tenant's device see only their own (empty) day", async () => {
    const mine = await (await agentOf(a)).agent.work.today();
    expect(mine.state).toBe('ON_TASK');
    for (const other of [await agentOf(a, otherLoginId), await agentOf(b)]) {
      const today = await other.agent.work.today();
      expect(today).toMatchObject({ workedMinutes: 0, state: 'OFF', workSession: null, currentTask: null, presence: null, tasks: [] });
    }
  });

  it('refuses a web session and a revoked device token with UNAUTHORIZED', async () => {
    const admin = await signedInUser(db, a, 'admin');
    expect(await codeOf(admin.console((c) => c.agent.work.today()))).toBe('UNAUTHORIZED');
    const { token, caller } = await signedInAgent(db, a, 'worker', 'PC-GONE');
    await caller.agent.auth.signOut();
    expect(await codeOf((await agentCaller(db, token)).agent.work.today())).toBe('UNAUTHORIZED');
  });
});
