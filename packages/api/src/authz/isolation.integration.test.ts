import { beforeAll, describe, expect, it, vi } from 'vitest';
import { consoleRouter } from '../console-router';
import { resellerRouter } from '../reseller-router';
import { agentCaller, signedInProvider, signedInUser, TestBrowser, trpcCodeOf as codeOf } from '../testing/callers';
import { createOperatorFixture, createResellerFixture, createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import type { ConsoleCases, ResellerCases } from './case-types';

// Tenant isolation and role checks for every procedure of both routers, asserted by exact error code.
// Cases live in ./cases/<domain>.ts; the coverage tests at the end fail when a procedure has none.

// agent.faces.descriptors opens the descriptors with the process's master keyring, and agent.uploads.image
// writes to the blob folder (env, read at import): a key and a folder of this run.
vi.hoisted(async () => {
  const { randomBytes } = await import('node:crypto');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  process.env.MASTER_KEY ??= randomBytes(32).toString('base64');
  process.env.BLOB_DIR = mkdtempSync(path.join(tmpdir(), 'authz-blobs-'));
});

const modules = import.meta.glob<{ consoleCases?: ConsoleCases; resellerCases?: ResellerCases }>('./cases/*.ts', { eager: true });
const consoleCases: ConsoleCases = Object.assign({}, ...Object.values(modules).map((m) => m.consoleCases ?? {}));
const resellerCases: ResellerCases = Object.assign({}, ...Object.values(modules).map((m) => m.resellerCases ?? {}));

const { db, adminDb } = useTestDatabase();
const env = { db, adminDb };

let a: TenantFixture; // the caller's tenant (sold by reseller A)
let b: TenantFixture; // someone else's (direct)

/** A newly registered device of tenant a's worker (some cases sign their device out). */
async function freshAgent() {
  const anon = await agentCaller(db, null);
  const { token } = await anon.agent.auth.signIn({ systemId: a.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'PC' });
  return agentCaller(db, token);
}
let resellerA: Awaited<ReturnType<typeof createResellerFixture>>;
let operator: Awaited<ReturnType<typeof createOperatorFixture>>;

beforeAll(async () => {
  resellerA = await createResellerFixture(adminDb);
  a = await createTenantFixture(adminDb, { resellerId: resellerA.resellerId });
  b = await createTenantFixture(adminDb);
  operator = await createOperatorFixture(adminDb);
});

const RANK = { WORKER: 0, MANAGER: 1, ADMIN: 2 } as const;
const ROLE_OF = { worker: 'WORKER', manager: 'MANAGER', admin: 'ADMIN' } as const;

/** The same cookies presented to the other app: sessions of one kind must not open the other's doors. */
function crossApp(from: TestBrowser, app: 'console' | 'reseller') {
  const other = new TestBrowser(db, app);
  for (const [k, v] of from.cookies) other.cookies.set(k, v);
  return other;
}

describe('console procedures', () => {
  for (const [name, spec] of Object.entries(consoleCases)) {
    if (spec.minRole === 'PUBLIC') continue;
    const crossCode = spec.crossTenant === 'OWN_ONLY' ? undefined : spec.crossTenant;
    it(`${name}: no session → UNAUTHORIZED`, async () => {
      const anon = new TestBrowser(db, 'console');
      expect(await codeOf(anon.console((c) => spec.call(c, a, env)))).toBe('UNAUTHORIZED');
    });
    if (spec.minRole === 'AGENT') {
      it(`${name}: a web session is not a device token → UNAUTHORIZED`, async () => {
        const admin = await signedInUser(db, a, 'admin');
        expect(await codeOf(admin.console((c) => spec.call(c, a, env)))).toBe('UNAUTHORIZED');
      });
      it(`${name}: the tenant's agent → allowed`, async () => {
        expect(await codeOf(spec.call(await freshAgent(), a, env))).toBe('OK');
      });
      if (crossCode) {
        it(`${name}: the agent with another tenant's ids → ${crossCode}`, async () => {
          expect(await codeOf(spec.call(await freshAgent(), b, env))).toBe(crossCode);
        });
      }
      continue;
    }
    for (const who of ['worker', 'manager', 'admin'] as const) {
      const allowed = RANK[ROLE_OF[who]] >= RANK[spec.minRole];
      it(`${name}: ${who} → ${allowed ? 'allowed' : 'FORBIDDEN'}`, async () => {
        const browser = await signedInUser(db, a, who);
        expect(await codeOf(browser.console((c) => spec.call(c, a, env)))).toBe(allowed ? 'OK' : 'FORBIDDEN');
      });
    }
    if (crossCode) {
      it(`${name}: another tenant's id → ${crossCode}`, async () => {
        const admin = await signedInUser(db, a, 'admin');
        expect(await codeOf(admin.console((c) => spec.call(c, b, env)))).toBe(crossCode);
      });
    }
    it(`${name}: an operator's session → FORBIDDEN`, async () => {
      const op = await signedInProvider(db, 'operator', operator.email);
      expect(await codeOf(crossApp(op, 'console').console((c) => spec.call(c, a, env)))).toBe('FORBIDDEN');
    });
  }
});

describe('reseller-app procedures', () => {
  for (const [name, spec] of Object.entries(resellerCases)) {
    if (spec.who === 'PUBLIC') continue;
    it(`${name}: no session → UNAUTHORIZED`, async () => {
      const anon = new TestBrowser(db, 'reseller');
      expect(await codeOf(anon.reseller((c) => spec.call(c, a, env)))).toBe('UNAUTHORIZED');
    });
    it(`${name}: a tenant admin's session → FORBIDDEN`, async () => {
      const admin = await signedInUser(db, a, 'admin');
      expect(await codeOf(crossApp(admin, 'reseller').reseller((c) => spec.call(c, a, env)))).toBe('FORBIDDEN');
    });
    const opExpect = spec.who === 'OPERATOR' ? 'OK' : 'FORBIDDEN';
    it(`${name}: operator → ${opExpect}`, async () => {
      const op = await signedInProvider(db, 'operator', operator.email);
      expect(await codeOf(op.reseller((c) => spec.call(c, a, env)))).toBe(opExpect);
    });
    const staffExpect = spec.who === 'RESELLER' ? 'OK' : 'FORBIDDEN';
    it(`${name}: reseller staff → ${staffExpect}`, async () => {
      const staff = await signedInProvider(db, 'resellerStaff', resellerA.staffEmail);
      expect(await codeOf(staff.reseller((c) => spec.call(c, a, env)))).toBe(staffExpect);
    });
    if (spec.who === 'RESELLER' && spec.crossTenant === 'NOT_FOUND') {
      it(`${name}: reseller staff with a tenant they did not sell to → NOT_FOUND`, async () => {
        const staff = await signedInProvider(db, 'resellerStaff', resellerA.staffEmail);
        expect(await codeOf(staff.reseller((c) => spec.call(c, b, env)))).toBe('NOT_FOUND');
      });
    }
  }
});

describe('what each caller sees', () => {
  it('console lists return only the caller tenant’s rows', async () => {
    const admin = await signedInUser(db, a, 'admin');
    const users = await admin.console((c) => c.users.list());
    expect(users.length).toBeGreaterThanOrEqual(3);
    expect(users.every((u) => u.tenantId === a.tenantId)).toBe(true);
    expect((await admin.console((c) => c.devices.list())).map((d) => d.id)).not.toContain(b.deviceId);
    expect((await admin.console((c) => c.tenant.current())).id).toBe(a.tenantId);
    const groupIds = new Set((await adminDb.group.findMany({ where: { tenantId: a.tenantId } })).map((g) => g.id));
    expect((await admin.console((c) => c.groups.list())).every((g) => groupIds.has(g.id))).toBe(true);
    const taskIds = new Set((await adminDb.task.findMany({ where: { tenantId: a.tenantId } })).map((t) => t.id));
    expect((await admin.console((c) => c.tasks.list())).every((t) => taskIds.has(t.id))).toBe(true);
    expect(await codeOf(admin.console((c) => c.work.board({ groupId: b.groupId })))).toBe('NOT_FOUND');
  });

  it('the agent sees only its own tenant, and a cross-tenant revoke leaves the device alone', async () => {
    const agent = await freshAgent();
    expect((await agent.agent.tasks.list()).map((t) => t.id)).not.toContain(b.taskId);
    const admin = await signedInUser(db, a, 'admin');
    expect(await codeOf(admin.console((c) => c.devices.revoke({ deviceId: b.deviceId })))).toBe('NOT_FOUND');
    expect((await adminDb.agentDevice.findFirstOrThrow({ where: { id: b.deviceId } })).revokedAt).toBeNull();
  });

  it('operators see every tenant; reseller staff only their customers', async () => {
    const op = await signedInProvider(db, 'operator', operator.email);
    expect((await op.reseller((c) => c.operator.tenants.list())).map((t) => t.id)).toEqual(expect.arrayContaining([a.tenantId, b.tenantId]));
    const staff = await signedInProvider(db, 'resellerStaff', resellerA.staffEmail);
    expect((await staff.reseller((c) => c.reseller.customers.list())).map((t) => t.id)).toEqual([a.tenantId]);
  });
});

describe('coverage of the authorisation cases', () => {
  it('names every console procedure', () => {
    expect(Object.keys(consoleRouter._def.procedures).sort()).toEqual(Object.keys(consoleCases).sort());
  });
  it('names every reseller-app procedure', () => {
    expect(Object.keys(resellerRouter._def.procedures).sort()).toEqual(Object.keys(resellerCases).sort());
  });
});
