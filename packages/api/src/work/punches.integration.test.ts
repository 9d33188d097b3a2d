import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { agentCaller, signedInUser } from '../testing/callers';
import { createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

const { db, adminDb } = useTestDatabase();

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, reason: (e.cause as { details?: { reason?: string } }).details?.reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

let t: TenantFixture;
async function agentFor(deviceName: string) {
  const anon = await agentCaller(db, null);
  const { token } = await anon.agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName });
  return agentCaller(db, token);
}
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

beforeEach(async () => {
  t = await createTenantFixture(adminDb);
});

describe('punch rules', () => {
  it('stores a retried punch once (same client event id)', async () => {
    const agent = await agentFor('PC-A');
    const punch = { clientEventId: randomUUID(), kind: 'WORK_START' as const, occurredAt: minutesAgo(30) };
    const first = await agent.agent.work.punch(punch);
    const retry = await agent.agent.work.punch(punch);
    expect(first.duplicate).toBe(false);
    expect(retry).toMatchObject({ duplicate: true, punchId: first.punchId, workSessionId: first.workSessionId });
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId } })).toBe(1);
    expect(await adminDb.workSession.count({ where: { tenantId: t.tenantId } })).toBe(1);
  });

  it('refuses work start on a second PC while a session is open on the first', async () => {
    const pcA = await agentFor('PC-A');
    const pcB = await agentFor('PC-B');
    await pcA.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(10) });
    expect(await refusal(pcB.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(5) }))).toEqual({
      code: 'PRECONDITION_FAILED',
      reason: 'WORK_SESSION_OPEN_ON_ANOTHER_PC',
    });
    await pcA.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_END', occurredAt: minutesAgo(4) });
    const started = await pcB.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(3) });
    expect(started.workSessionId).not.toBeNull();
  });

  it('two PCs starting at the same instant: exactly one wins', async () => {
    const [pcA, pcB] = [await agentFor('PC-A'), await agentFor('PC-B')];
    const results = await Promise.allSettled([
      pcA.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(1) }),
      pcB.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(1) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await adminDb.workSession.count({ where: { tenantId: t.tenantId, endedAt: null } })).toBe(1);
  });

  it('refuses a task outside a work session', async () => {
    const agent = await agentFor('PC-A');
    expect(await refusal(agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: t.taskId, occurredAt: minutesAgo(1) }))).toEqual({
      code: 'PRECONDITION_FAILED',
      reason: 'NO_OPEN_WORK_SESSION',
    });
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId } })).toBe(0);
  });

  it('switching task ends the previous one; work end closes the open task', async () => {
    const agent = await agentFor('PC-A');
    const other = await adminDb.task.create({ data: { tenantId: t.tenantId, code: 'MTG', name: '会議' } });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(60) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: t.taskId, occurredAt: minutesAgo(50) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: other.id, occurredAt: minutesAgo(30) });
    expect((await agent.agent.work.state()).currentTask?.id).toBe(other.id);
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_END', occurredAt: minutesAgo(10) });
    const sessions = await adminDb.taskSession.findMany({ where: { tenantId: t.tenantId }, orderBy: { startedAt: 'asc' } });
    expect(sessions.map((s) => [s.taskId, Math.round(((s.endedAt?.getTime() ?? 0) - s.startedAt.getTime()) / 60_000)])).toEqual([
      [t.taskId, 20],
      [other.id, 20],
    ]);
    expect((await agent.agent.work.state()).working).toBe(false);
  });

  it('refuses punches from the future and invalid input without storing anything', async () => {
    const agent = await agentFor('PC-A');
    expect(await refusal(agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: new Date(Date.now() + 3_600_000) }))).toEqual({
      code: 'PRECONDITION_FAILED',
      reason: 'PUNCH_IN_FUTURE',
    });
    expect((await refusal(agent.agent.work.punch({ clientEventId: 'not-a-uuid', kind: 'WORK_START', occurredAt: new Date() }))).code).toBe('BAD_REQUEST');
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId } })).toBe(0);
  });

  it('workers can punch from the console too', async () => {
    const browser = await signedInUser(db, t, 'worker');
    await browser.console((c) => c.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(2) }));
    expect((await browser.console((c) => c.work.myState())).working).toBe(true);
  });
});

describe('status board', () => {
  it('shows a worker working, present, away and in an incident as the agent reports', async () => {
    const agent = await agentFor('PC-A');
    const manager = await signedInUser(db, t, 'manager');
    const row = async () => (await manager.console((c) => c.work.board({}))).workers.find((w) => w.userId === t.users.worker.id);
    expect((await row())?.state).toBe('OFF');
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(20) });
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: t.taskId, occurredAt: minutesAgo(19) });
    expect(await row()).toMatchObject({ state: 'WORKING', task: { id: t.taskId } });
    await agent.agent.work.presence({ clientEventId: randomUUID(), state: 'PRESENT', similarity: 0.41, occurredAt: minutesAgo(18) });
    expect((await row())?.state).toBe('PRESENT');
    await agent.agent.work.presence({ clientEventId: randomUUID(), state: 'AWAY', occurredAt: minutesAgo(5) });
    expect((await row())?.state).toBe('AWAY');
    const incident = { clientEventId: randomUUID(), kind: 'PEEKING' as const, faceCount: 2, occurredAt: minutesAgo(1) };
    await agent.agent.work.incident(incident);
    await agent.agent.work.incident(incident); // a retry is stored once
    const r = await row();
    expect(r).toMatchObject({ state: 'INCIDENT', incidentsToday: 1, lastIncident: { kind: 'PEEKING' } });
    await agent.agent.work.heartbeat({ agentVersion: '1.0.0' });
    expect((await row())?.lastContactAt).toBeInstanceOf(Date);
    const onlyIncidents = await manager.console((c) => c.work.board({ states: ['INCIDENT'] }));
    expect(onlyIncidents.workers.map((w) => w.userId)).toEqual([t.users.worker.id]);
  });
});
