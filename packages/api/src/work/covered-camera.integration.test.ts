import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { signedInAgent, signedInUser, trpcCodeOf } from '../testing/callers';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { getStatusBoard } from './status-board';

// Issue 14: a covered camera (the agent's checks saw nearly uniform frames without a face M times in
// a row) reaches the server as an incident of its own kind, through the same procedure, idempotency
// and tenant scope as peeking and impersonation.
const { db, adminDb } = useTestDatabase();
// Times relative to the server's clock: the agent's times are checked against it (a day of skew).
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

let a: TenantFixture;
let b: TenantFixture;
beforeEach(async () => {
  a = await createTenantFixture(adminDb);
  b = await createTenantFixture(adminDb);
});

const board = (t: TenantFixture) => withTenant(db, t.tenantId, (tx) => getStatusBoard(tx, { tenantId: t.tenantId, viewer: { id: t.users.admin.id, role: 'ADMIN' } }, new Date()));

describe('covered camera incidents', () => {
  it('are stored once per client event id, shown on the board and in the incident list, and only to their tenant', async () => {
    const { caller: agent } = await signedInAgent(db, a);
    await agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: minutesAgo(30) });
    const clientEventId = randomUUID();
    const sent = { clientEventId, kind: 'COVERED_CAMERA' as const, faceCount: 0, similarity: null, occurredAt: minutesAgo(2) };
    const first = await agent.agent.work.incident(sent);
    expect(first.duplicate).toBe(false);
    // The offline queue resends what it has not seen acknowledged: absorbed, one row.
    expect(await agent.agent.work.incident(sent)).toEqual({ incidentId: first.incidentId, duplicate: true });
    expect(await adminDb.incident.findMany({ where: { tenantId: a.tenantId, clientEventId }, select: { kind: true, faceCount: true, similarity: true } })).toEqual([
      { kind: 'COVERED_CAMERA', faceCount: 0, similarity: null },
    ]);

    const row = (await board(a)).workers.find((w) => w.userId === a.users.worker.id);
    expect(row).toMatchObject({ state: 'INCIDENT', lastIncident: { kind: 'COVERED_CAMERA' }, incidentsToday: 1 });

    const manager = await signedInUser(db, a, 'manager');
    const listed = await manager.console((c) => c.evidence.incidents({ kind: 'COVERED_CAMERA' }));
    expect(listed.items.map((i) => [i.id, i.kind])).toEqual([[first.incidentId, 'COVERED_CAMERA']]);
    expect((await manager.console((c) => c.evidence.incidents({ kind: 'PEEKING' }))).items).toEqual([]);
    expect(await manager.console((c) => c.evidence.incident({ incidentId: first.incidentId }))).toMatchObject({ kind: 'COVERED_CAMERA', faceCount: 0 });

    // Tenant b's administrator sees neither the list entry nor the incident, and its board is untouched.
    const other = await signedInUser(db, b, 'admin');
    expect((await other.console((c) => c.evidence.incidents({ kind: 'COVERED_CAMERA' }))).items).toEqual([]);
    expect(await trpcCodeOf(other.console((c) => c.evidence.incident({ incidentId: first.incidentId })))).toBe('NOT_FOUND');
    expect((await board(b)).counts.INCIDENT).toBe(0);
  });

  it('refuses a covered camera that names faces or a similarity, and stores nothing', async () => {
    const { caller: agent } = await signedInAgent(db, a);
    const base = { kind: 'COVERED_CAMERA' as const, occurredAt: minutesAgo(1) };
    expect(await trpcCodeOf(agent.agent.work.incident({ ...base, clientEventId: randomUUID(), faceCount: 1 }))).toBe('BAD_REQUEST');
    expect(await trpcCodeOf(agent.agent.work.incident({ ...base, clientEventId: randomUUID(), faceCount: 0, similarity: 0.4 }))).toBe('BAD_REQUEST');
    expect(await adminDb.incident.count({ where: { tenantId: a.tenantId } })).toBe(0);
  });
});
