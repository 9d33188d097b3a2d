import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { consoleRouter } from '../console-router';
import { resellerRouter } from '../reseller-router';
import { agentCaller, signedInProvider, signedInUser, TestBrowser } from '../testing/callers';
import { addWorker, createOperatorFixture, createResellerFixture, createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

// Tenant isolation and role checks for every procedure, asserted by exact error code. The lists below
// must name every procedure of both routers: the coverage test at the end fails when one is added
// without its authorisation cases.

const { db, adminDb } = useTestDatabase();

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return 'OK';
}

let a: TenantFixture; // the caller's tenant
let b: TenantFixture; // someone else's
let agentToken: string;
let resellerA: Awaited<ReturnType<typeof createResellerFixture>>;
let resellerB: Awaited<ReturnType<typeof createResellerFixture>>;
let tenantOfResellerB: TenantFixture;
let operator: Awaited<ReturnType<typeof createOperatorFixture>>;

beforeAll(async () => {
  resellerA = await createResellerFixture(adminDb);
  resellerB = await createResellerFixture(adminDb);
  a = await createTenantFixture(adminDb, { resellerId: resellerA.resellerId });
  b = await createTenantFixture(adminDb);
  tenantOfResellerB = await createTenantFixture(adminDb, { resellerId: resellerB.resellerId });
  operator = await createOperatorFixture(adminDb);
  const anon = await agentCaller(db, null);
  agentToken = (await anon.agent.auth.signIn({ systemId: a.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'PC' })).token;
});

type ConsoleCall = (c: Parameters<Parameters<TestBrowser['console']>[0]>[0], t: TenantFixture) => Promise<unknown>;

/** Console procedures: who may call, and the call made with the OTHER tenant's ids. */
const consoleCases: Record<string, { minRole: 'WORKER' | 'MANAGER' | 'ADMIN' | 'PUBLIC' | 'AGENT'; call: ConsoleCall; crossTenant?: 'NOT_FOUND' | 'OWN_ONLY' }> = {
  'auth.signIn': { minRole: 'PUBLIC', call: (c, t) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }) },
  'auth.me': { minRole: 'PUBLIC', call: (c) => c.auth.me() },
  'auth.signOut': { minRole: 'WORKER', call: (c) => c.auth.signOut() },
  'tenant.current': { minRole: 'WORKER', call: (c) => c.tenant.current(), crossTenant: 'OWN_ONLY' },
  'users.list': { minRole: 'MANAGER', call: (c) => c.users.list(), crossTenant: 'OWN_ONLY' },
  'users.get': { minRole: 'MANAGER', call: (c, t) => c.users.get({ userId: t.users.worker.id }), crossTenant: 'NOT_FOUND' },
  'users.seats': { minRole: 'MANAGER', call: (c) => c.users.seats(), crossTenant: 'OWN_ONLY' },
  'users.create': {
    minRole: 'ADMIN',
    call: (c) => c.users.create({ loginId: `n-${randomUUID().slice(0, 8)}`, name: '新人', role: 'WORKER', language: 'ja', groupIds: [] }),
    crossTenant: 'OWN_ONLY',
  },
  'users.update': {
    minRole: 'ADMIN',
    call: async (c, t) => c.users.update({ userId: await addWorker(adminDb, t), data: { name: '改名', role: 'WORKER', language: 'en', groupIds: [t.groupId] } }),
    crossTenant: 'NOT_FOUND',
  },
  'users.setDisabled': { minRole: 'ADMIN', call: async (c, t) => c.users.setDisabled({ userId: await addWorker(adminDb, t), disabled: true }), crossTenant: 'NOT_FOUND' },
  'users.delete': { minRole: 'ADMIN', call: async (c, t) => c.users.delete({ userId: await addWorker(adminDb, t) }), crossTenant: 'NOT_FOUND' },
  'users.resetPassword': { minRole: 'MANAGER', call: async (c, t) => c.users.resetPassword({ userId: await addWorker(adminDb, t) }), crossTenant: 'NOT_FOUND' },
  'profile.get': { minRole: 'WORKER', call: (c) => c.profile.get(), crossTenant: 'OWN_ONLY' },
  'profile.update': { minRole: 'WORKER', call: (c) => c.profile.update({ name: '本人', language: 'ja' }), crossTenant: 'OWN_ONLY' },
  'profile.changePassword': { minRole: 'WORKER', call: (c) => c.profile.changePassword({ current: FIXTURE_PASSWORD, next: FIXTURE_PASSWORD }), crossTenant: 'OWN_ONLY' },
  'groups.list': { minRole: 'MANAGER', call: (c) => c.groups.list(), crossTenant: 'OWN_ONLY' },
  'groups.create': { minRole: 'ADMIN', call: (c) => c.groups.create({ name: `G-${randomUUID().slice(0, 8)}`, parentId: null, managerIds: [] }), crossTenant: 'OWN_ONLY' },
  'groups.update': {
    minRole: 'ADMIN',
    call: (c, t) => c.groups.update({ groupId: t.groupId, name: `営業部-${randomUUID().slice(0, 4)}`, parentId: null, managerIds: [t.users.manager.id] }),
    crossTenant: 'NOT_FOUND',
  },
  'groups.delete': {
    minRole: 'ADMIN',
    call: async (c, t) => c.groups.delete({ groupId: (await adminDb.group.create({ data: { tenantId: t.tenantId, name: `tmp-${randomUUID()}` } })).id }),
    crossTenant: 'NOT_FOUND',
  },
  'tasks.list': { minRole: 'WORKER', call: (c) => c.tasks.list(), crossTenant: 'OWN_ONLY' },
  'tasks.create': { minRole: 'ADMIN', call: (c) => c.tasks.create({ code: `C${randomUUID().slice(0, 6)}`, name: '新タスク', active: true }), crossTenant: 'OWN_ONLY' },
  'tasks.update': { minRole: 'ADMIN', call: (c, t) => c.tasks.update({ taskId: t.taskId, code: 'DEV', name: '開発', active: true }), crossTenant: 'NOT_FOUND' },
  'devices.list': { minRole: 'ADMIN', call: (c) => c.devices.list(), crossTenant: 'OWN_ONLY' },
  'devices.revoke': { minRole: 'ADMIN', call: (c, t) => c.devices.revoke({ deviceId: t.deviceId }), crossTenant: 'NOT_FOUND' },
  'work.punch': {
    minRole: 'WORKER',
    call: (c, t) => c.work.punch({ clientEventId: randomUUID(), kind: t === a ? 'WORK_START' : 'TASK_START', taskId: t === a ? null : t.taskId, occurredAt: new Date() }),
    crossTenant: 'NOT_FOUND',
  },
  'work.myState': { minRole: 'WORKER', call: (c) => c.work.myState(), crossTenant: 'OWN_ONLY' },
  'work.board': { minRole: 'MANAGER', call: (c) => c.work.board({}), crossTenant: 'OWN_ONLY' },
  'agent.work.presence': { minRole: 'AGENT', call: (c) => c.agent.work.presence({ clientEventId: randomUUID(), state: 'PRESENT', occurredAt: new Date() }) },
  'agent.work.incident': { minRole: 'AGENT', call: (c) => c.agent.work.incident({ clientEventId: randomUUID(), kind: 'PEEKING', faceCount: 2, occurredAt: new Date() }) },
  'agent.work.heartbeat': { minRole: 'AGENT', call: (c) => c.agent.work.heartbeat({}) },
  'agent.work.punch': { minRole: 'AGENT', call: (c) => c.agent.work.punch({ clientEventId: randomUUID(), kind: 'WORK_START', occurredAt: new Date() }) },
  'agent.work.state': { minRole: 'AGENT', call: (c) => c.agent.work.state(), crossTenant: 'OWN_ONLY' },
  'agent.auth.signIn': { minRole: 'PUBLIC', call: (c, t) => c.agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'x' }) },
  'agent.auth.me': { minRole: 'AGENT', call: (c) => c.agent.auth.me() },
  'agent.auth.signOut': { minRole: 'AGENT', call: (c) => c.agent.auth.signOut() },
  'agent.tasks.list': { minRole: 'AGENT', call: (c) => c.agent.tasks.list(), crossTenant: 'OWN_ONLY' },
};

const RANK = { WORKER: 0, MANAGER: 1, ADMIN: 2 } as const;
const ROLE_OF = { worker: 'WORKER', manager: 'MANAGER', admin: 'ADMIN' } as const;

describe('console procedures', () => {
  for (const [name, spec] of Object.entries(consoleCases)) {
    if (spec.minRole === 'PUBLIC') continue;
    it(`${name}: no session → UNAUTHORIZED`, async () => {
      const anon = new TestBrowser(db, 'console');
      expect(await codeOf(anon.console((c) => spec.call(c, a)))).toBe('UNAUTHORIZED');
    });
    if (spec.minRole === 'AGENT') {
      it(`${name}: a web session is not a device token → UNAUTHORIZED`, async () => {
        const admin = await signedInUser(db, a, 'admin');
        expect(await codeOf(admin.console((c) => spec.call(c, a)))).toBe('UNAUTHORIZED');
      });
      continue;
    }
    for (const who of ['worker', 'manager', 'admin'] as const) {
      const allowed = RANK[ROLE_OF[who]] >= RANK[spec.minRole];
      it(`${name}: ${who} → ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
        const browser = await signedInUser(db, a, who);
        expect(await codeOf(browser.console((c) => spec.call(c, a)))).toBe(allowed ? 'OK' : 'FORBIDDEN');
      });
    }
    if (spec.crossTenant === 'NOT_FOUND') {
      it(`${name}: another tenant's id → NOT_FOUND`, async () => {
        const admin = await signedInUser(db, a, 'admin');
        expect(await codeOf(admin.console((c) => spec.call(c, b)))).toBe('NOT_FOUND');
      });
    }
    it(`${name}: a provider session (operator) → FORBIDDEN`, async () => {
      const op = await signedInProvider(db, 'operator', operator.email);
      // The same cookie presented to the console's procedures.
      const asConsole = new TestBrowser(db, 'console');
      for (const [k, v] of op.cookies) asConsole.cookies.set(k, v);
      expect(await codeOf(asConsole.console((c) => spec.call(c, a)))).toBe('FORBIDDEN');
    });
  }

  it('list procedures return only the caller tenant’s rows', async () => {
    const admin = await signedInUser(db, a, 'admin');
    const users = await admin.console((c) => c.users.list());
    expect(users.length).toBeGreaterThanOrEqual(3);
    expect(users.every((u) => u.tenantId === a.tenantId)).toBe(true);
    const devices = await admin.console((c) => c.devices.list());
    expect(devices.map((d) => d.id)).not.toContain(b.deviceId);
    expect((await admin.console((c) => c.tenant.current())).id).toBe(a.tenantId);
    const groupIds = new Set((await adminDb.group.findMany({ where: { tenantId: a.tenantId } })).map((g) => g.id));
    expect((await admin.console((c) => c.groups.list())).every((g) => groupIds.has(g.id))).toBe(true);
    const taskIds = new Set((await adminDb.task.findMany({ where: { tenantId: a.tenantId } })).map((t) => t.id));
    expect((await admin.console((c) => c.tasks.list())).every((t) => taskIds.has(t.id))).toBe(true);
  });

  it('the agent sees only its own tenant’s tasks, and a cross-tenant revoke leaves the device alone', async () => {
    const agent = await agentCaller(db, agentToken);
    expect((await agent.agent.tasks.list()).map((t) => t.id)).not.toContain(b.taskId);
    const crossTask = agent.agent.work.punch({ clientEventId: randomUUID(), kind: 'TASK_START', taskId: b.taskId, occurredAt: new Date() });
    expect(await codeOf(crossTask)).toBe('NOT_FOUND');
    const manager = await signedInUser(db, a, 'manager');
    const board = await manager.console((c) => c.work.board({}));
    const otherTenantWorkers = new Set([b.users.worker.id, tenantOfResellerB.users.worker.id]);
    expect(board.workers.some((w) => otherTenantWorkers.has(w.userId))).toBe(false);
    expect(await codeOf(manager.console((c) => c.work.board({ groupId: b.groupId })))).toBe('OK');
    expect((await manager.console((c) => c.work.board({ groupId: b.groupId }))).workers).toEqual([]);
    const admin = await signedInUser(db, a, 'admin');
    await codeOf(admin.console((c) => c.devices.revoke({ deviceId: b.deviceId })));
    const row = await adminDb.agentDevice.findFirstOrThrow({ where: { id: b.deviceId } });
    expect(row.revokedAt).toBeNull();
  });
});

describe('reseller app procedures', () => {
  it('operator.tenants: operators see every tenant; others get FORBIDDEN / UNAUTHORIZED', async () => {
    const op = await signedInProvider(db, 'operator', operator.email);
    const all = await op.reseller((c) => c.operator.tenants.list());
    expect(all.map((t) => t.id)).toEqual(expect.arrayContaining([a.tenantId, b.tenantId]));
    expect((await op.reseller((c) => c.operator.tenants.get({ tenantId: b.tenantId }))).id).toBe(b.tenantId);
    const staff = await signedInProvider(db, 'resellerStaff', resellerA.staffEmail);
    expect(await codeOf(staff.reseller((c) => c.operator.tenants.list()))).toBe('FORBIDDEN');
    expect(await codeOf(staff.reseller((c) => c.operator.tenants.get({ tenantId: a.tenantId })))).toBe('FORBIDDEN');
    const anon = new TestBrowser(db, 'reseller');
    expect(await codeOf(anon.reseller((c) => c.operator.tenants.list()))).toBe('UNAUTHORIZED');
    expect(await codeOf(anon.reseller((c) => c.operator.tenants.get({ tenantId: a.tenantId })))).toBe('UNAUTHORIZED');
    expect(await codeOf(anon.reseller((c) => c.auth.signOut()))).toBe('UNAUTHORIZED');
  });

  it('reseller.customers: a reseller sees only its own customers; another reseller’s → NOT_FOUND', async () => {
    const staff = await signedInProvider(db, 'resellerStaff', resellerA.staffEmail);
    const mine = await staff.reseller((c) => c.reseller.customers.list());
    expect(mine.map((t) => t.id)).toEqual([a.tenantId]);
    expect(await codeOf(staff.reseller((c) => c.reseller.customers.get({ tenantId: tenantOfResellerB.tenantId })))).toBe('NOT_FOUND');
    expect(await codeOf(staff.reseller((c) => c.reseller.customers.get({ tenantId: b.tenantId })))).toBe('NOT_FOUND');
    const op = await signedInProvider(db, 'operator', operator.email);
    expect(await codeOf(op.reseller((c) => c.reseller.customers.list()))).toBe('FORBIDDEN');
    const anon = new TestBrowser(db, 'reseller');
    expect(await codeOf(anon.reseller((c) => c.reseller.customers.get({ tenantId: a.tenantId })))).toBe('UNAUTHORIZED');
  });

  it('a tenant user’s cookie does not open provider procedures → FORBIDDEN', async () => {
    const admin = await signedInUser(db, a, 'admin');
    const asReseller = new TestBrowser(db, 'reseller');
    for (const [k, v] of admin.cookies) asReseller.cookies.set(k, v);
    expect(await codeOf(asReseller.reseller((c) => c.operator.tenants.list()))).toBe('FORBIDDEN');
    expect(await codeOf(asReseller.reseller((c) => c.reseller.customers.list()))).toBe('FORBIDDEN');
  });
});

describe('coverage of this file', () => {
  it('names every console procedure', () => {
    expect(Object.keys(consoleRouter._def.procedures).sort()).toEqual(Object.keys(consoleCases).sort());
  });
  it('names every reseller-app procedure', () => {
    const tested = ['auth.signIn', 'auth.me', 'auth.signOut', 'operator.tenants.list', 'operator.tenants.get', 'reseller.customers.list', 'reseller.customers.get'];
    expect(Object.keys(resellerRouter._def.procedures).sort()).toEqual(tested.sort());
  });
});
