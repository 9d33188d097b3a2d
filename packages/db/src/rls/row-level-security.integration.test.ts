import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDb } from '../client';
import { withScope, withTenant } from '../scope';
import { countActiveWorkers, lookupTenantBySystemId, listTenantIds } from '../lookups';
import { appLoginUrl, provisionAppLogin } from '../app-login';

// The database itself enforces tenant isolation: these queries deliberately carry no `where tenantId`.
const url = inject('databaseUrl');
const app = createDb(appLoginUrl(url), { maxConnections: 2 });
const admin = createDb(url, { privileged: true, maxConnections: 2 });

let t1 = '';
let t2 = '';
let reseller = '';

beforeAll(async () => {
  await provisionAppLogin(url);
  const r = await admin.reseller.create({ data: { code: `R-${randomUUID().slice(0, 6)}`, name: 'R', email: 'r@example.test' } });
  reseller = r.id;
  for (const [i, resellerId] of [[1, r.id], [2, null]] as const) {
    const t = await admin.tenant.create({ data: { systemId: `RLS-${i}-${randomUUID().slice(0, 6)}`, name: `T${i}`, isDomesticEntity: true, resellerId } });
    await admin.user.create({ data: { tenantId: t.id, loginId: 'u', name: `user of T${i}`, role: 'WORKER' } });
    await admin.task.create({ data: { tenantId: t.id, code: 'X', name: 'x' } });
    if (i === 1) t1 = t.id;
    else t2 = t.id;
  }
});

afterAll(async () => {
  await app.$disconnect();
  await admin.$disconnect();
});

describe('row-level security', () => {
  it('every table that holds a tenant id has row-level security with a policy (new tables too)', async () => {
    // auth_sessions is the one exception: a session is found by the hash of its cookie before any
    // scope can exist, and nothing lists sessions across tenants.
    const unprotected = await admin.$queryRaw<{ table: string }[]>`
      SELECT c.relname AS table FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r'
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenantId' AND NOT a.attisdropped)
        AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
        AND c.relname <> 'auth_sessions'
      ORDER BY 1`;
    expect(unprotected).toEqual([]);
  });

  it('runs application queries as a role that is neither superuser nor BYPASSRLS', async () => {
    const rows = await app.$queryRaw<{ role: string; rolsuper: boolean; rolbypassrls: boolean }[]>`
      SELECT current_user AS role, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user`;
    expect(rows[0]).toEqual({ role: 'telework_app', rolsuper: false, rolbypassrls: false });
  });

  it('a query without the tenant setting sees no tenant rows', async () => {
    expect(await app.user.count()).toBe(0);
    expect(await app.task.count()).toBe(0);
    expect(await app.tenant.count()).toBe(0);
    expect(await admin.user.count()).toBeGreaterThanOrEqual(2);
  });

  it('a query with the setting sees exactly that tenant, and the setting does not outlive the transaction', async () => {
    const users = await withTenant(app, t1, (tx) => tx.user.findMany());
    expect(users.map((u) => u.tenantId)).toEqual([t1]);
    expect(await app.user.count()).toBe(0);
  });

  it('refuses to write a row into another tenant (SQLSTATE 42501)', async () => {
    await expect(withTenant(app, t1, (tx) => tx.task.create({ data: { tenantId: t2, code: 'EVIL', name: 'evil' } }))).rejects.toThrow(/42501|row-level security/);
    expect(await admin.task.count({ where: { tenantId: t2, code: 'EVIL' } })).toBe(0);
  });

  it('cannot switch itself out of the application role', async () => {
    await expect(app.$transaction(async (tx) => tx.$executeRawUnsafe('SET LOCAL ROLE postgres'))).rejects.toThrow(/permission denied/);
    await expect(app.$transaction(async (tx) => tx.$executeRawUnsafe('RESET ROLE'))).resolves.toBeDefined();
    const rows = await app.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('RESET ROLE');
      return tx.$queryRaw<{ bypass: boolean }[]>`SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user`;
    });
    expect(rows[0]?.bypass).toBe(false);
  });

  it('operators see contracts and administrators but never face images or evidence', async () => {
    await admin.faceImage.create({
      data: { tenantId: t1, userId: (await admin.user.findFirstOrThrow({ where: { tenantId: t1 } })).id, source: 'CONSOLE', blobKey: 'k', sha256: 'h', byteSize: 1, width: 1, height: 1, descriptorEncrypted: new Uint8Array([1]), descriptorModel: 'dlib-resnet34-v1', keyVersion: 1 },
    });
    const seen = await withScope(app, { operator: true, tenantId: t1 }, async (tx) => ({ tenants: await tx.tenant.count(), faces: await tx.faceImage.count() }));
    expect(seen.tenants).toBeGreaterThanOrEqual(2);
    expect(seen.faces).toBe(0);
    expect(await withTenant(app, t1, (tx) => tx.faceImage.count())).toBe(1);
  });

  it("any scope appends to the provider's audit log; only operators read it", async () => {
    const action = `rls.test.${randomUUID()}`;
    await withScope(app, { resellerId: reseller }, (tx) => tx.providerAuditLog.createMany({ data: [{ actorKind: 'RESELLER_STAFF', actorId: randomUUID(), tenantId: t1, action }] }));
    expect(await withTenant(app, t1, (tx) => tx.providerAuditLog.count({ where: { action } }))).toBe(0);
    expect(await withScope(app, { resellerId: reseller }, (tx) => tx.providerAuditLog.count({ where: { action } }))).toBe(0);
    expect(await withScope(app, { operator: true }, (tx) => tx.providerAuditLog.count({ where: { action } }))).toBe(1);
  });

  it('reseller staff see only the tenants they sold to', async () => {
    const ids = await withScope(app, { resellerId: reseller }, async (tx) => (await tx.tenant.findMany({ select: { id: true } })).map((t) => t.id));
    expect(ids).toEqual([t1]);
  });

  it('definer lookups expose only what sign-in and jobs need', async () => {
    const systemId = (await admin.tenant.findUniqueOrThrow({ where: { id: t2 } })).systemId;
    expect(await lookupTenantBySystemId(app, systemId)).toMatchObject({ id: t2, status: 'ACTIVE' });
    expect(await lookupTenantBySystemId(app, 'no-such-system')).toBeNull();
    expect(await listTenantIds(app)).toEqual(expect.arrayContaining([t1, t2]));
  });

  it('seats used: active workers are counted only for the tenants the scope sees, and never listed', async () => {
    const both = [t1, t2];
    const count = (scope: Parameters<typeof withScope>[1]) => withScope(app, scope, (tx) => countActiveWorkers(tx, both));
    expect(Object.fromEntries(await count({ operator: true }))).toEqual({ [t1]: 1, [t2]: 1 });
    expect(Object.fromEntries(await count({ resellerId: reseller }))).toEqual({ [t1]: 1 });
    expect(Object.fromEntries(await count({ tenantId: t2 }))).toEqual({ [t2]: 1 });
    expect((await count({})).size).toBe(0);
    // The reseller still cannot read the workers themselves.
    expect(await withScope(app, { resellerId: reseller }, (tx) => tx.user.count())).toBe(0);
  });
});
