import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { addDays, toJstDate } from '../calendar';
import { agentCaller, signedInUser } from '../testing/callers';
import { createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { closeForgottenSessions } from './forgotten-sessions';
import { liveIncident } from './live-state';
import { getStatusBoard } from './status-board';

// The board reads one live row per worker; these check that punches, late agent events, the
// forgotten-end rule and contacts keep that row exactly as the history says.
const { db, adminDb } = useTestDatabase();
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

let t: TenantFixture;
beforeEach(async () => {
  t = await createTenantFixture(adminDb);
});

async function signedInAgent() {
  const anon = await agentCaller(db, null);
  const { token } = await anon.agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'PC-LIVE' });
  return agentCaller(db, token);
}
const board = (now = new Date()) => withTenant(db, t.tenantId, (tx) => getStatusBoard(tx, { tenantId: t.tenantId, viewer: { id: t.users.admin.id, role: 'ADMIN' } }, now));
const workerRow = async (now?: Date) => (await board(now)).workers.find((w) => w.userId === t.users.worker.id);

describe('live state behind the status board', () => {
  it('shows the agent sign-in as the last contact before any work', async () => {
    expect((await workerRow())?.lastContactAt).toBeNull();
    const before = Date.now();
    await signedInAgent();
    const row = await workerRow();
    expect(row?.state).toBe('OFF');
    expect(row?.lastContactAt?.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('a late presence event (older than the one shown, or from before the session) changes nothing', async () => {
    const agent = await signedInAgent();
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(30) });
    await agent.agent.work.presence({ clientEventId: randomUUID(), state: 'AWAY', occurredAt: minutesAgo(5) });
    await agent.agent.work.presence({ clientEventId: randomUUID(), state: 'PRESENT', occurredAt: minutesAgo(10) });
    await agent.agent.work.presence({ clientEventId: randomUUID(), state: 'PRESENT', occurredAt: minutesAgo(40) });
    expect(await workerRow()).toMatchObject({ state: 'AWAY', since: minutesAgoRounded(5) });
  });

  it('work end clears the session facts; the next session starts without the old task or presence', async () => {
    const agent = await signedInAgent();
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(60) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: t.taskId, occurredAt: minutesAgo(59) });
    await agent.agent.work.presence({ clientEventId: randomUUID(), state: 'AWAY', occurredAt: minutesAgo(50) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_END', occurredAt: minutesAgo(40) });
    expect(await workerRow()).toMatchObject({ state: 'OFF', task: null, workStartedAt: null });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(10) });
    expect(await workerRow()).toMatchObject({ state: 'WORKING', task: null, since: minutesAgoRounded(10) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: t.taskId, occurredAt: minutesAgo(9) });
    expect((await workerRow())?.task).toMatchObject({ id: t.taskId, name: '開発' });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_END', occurredAt: minutesAgo(8) });
    expect((await workerRow())?.task).toBeNull();
  });

  it('a session closed by the forgotten-end rule shows the worker off', async () => {
    const agent = await signedInAgent();
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { forgottenEndRule: 'AFTER_HOURS', forgottenEndAfterHours: 1 } });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(180) });
    expect((await workerRow())?.state).toBe('WORKING');
    expect(await withTenant(db, t.tenantId, (tx) => closeForgottenSessions(tx, { tenantId: t.tenantId, now: new Date() }))).toBe(1);
    expect(await workerRow()).toMatchObject({ state: 'OFF', workStartedAt: null });
  });

  it("counts today's incidents by the Tokyo day they occurred, however late they arrive", async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - 24 * 3_600_000);
    const worker = { tenantId: t.tenantId, userId: t.users.worker.id };
    const record = (at: Date) => withTenant(db, t.tenantId, (tx) => liveIncident(tx, { ...worker, kind: 'PEEKING', at }, now));
    await record(yesterday);
    expect((await workerRow(now))?.incidentsToday).toBe(0);
    await record(now);
    await record(now);
    expect((await workerRow(now))?.incidentsToday).toBe(2);
    // Yesterday's event delivered late by the offline queue does not count today.
    await record(yesterday);
    expect((await workerRow(now))?.incidentsToday).toBe(2);
    // The next Tokyo day starts from zero.
    const tomorrow = new Date(`${addDays(toJstDate(now), 1)}T12:00:00+09:00`);
    expect((await workerRow(tomorrow))?.incidentsToday).toBe(0);
  });

  it('a judged incident no longer marks the worker as in an incident', async () => {
    const agent = await signedInAgent();
    const manager = await signedInUser(db, t, 'manager');
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(20) });
    const { incidentId } = await agent.agent.work.incident({ clientEventId: randomUUID(), kind: 'IMPERSONATION', faceCount: 1, occurredAt: minutesAgo(1) });
    expect((await workerRow())?.state).toBe('INCIDENT');
    await manager.console((c) => c.evidence.judge({ incidentId, verdict: 'FALSE_ALARM' }));
    expect(await workerRow()).toMatchObject({ state: 'WORKING', incidentsToday: 1 });
  });

  it('names holding the separators of the board format cannot shift its fields', async () => {
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.worker.id } }, data: { name: 'A\u001eB\u001fC', department: '\u001f' } });
    const rows = (await board()).workers;
    expect(rows.find((w) => w.userId === t.users.worker.id)).toMatchObject({ name: 'ABC', department: null, state: 'OFF' });
  });
});

/** The board keeps milliseconds; compare to the minute the test asked for. */
function minutesAgoRounded(m: number) {
  return expect.toSatisfy((d: unknown) => d instanceof Date && Math.abs(d.getTime() - minutesAgo(m).getTime()) < 5_000);
}
