import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture } from '../testing/fixtures';
import { signedInUser } from '../testing/callers';
import { ACCESS_REFUSED_ACTION, checkAccess, refuseIfOutsideJapan } from './check-access';
import { guardRequest } from './http-guard';

const { db, adminDb } = useTestDatabase();

/** The shape the HTTP layer uses: check first, then hand over to tRPC (here a plain 200). */
async function handler(req: Request, ip: string, tenantId?: string): Promise<Response> {
  const refusal = await refuseIfOutsideJapan(db, { ip, tenantId, path: new URL(req.url).pathname });
  return refusal ?? new Response('ok');
}

describe('access from abroad (第5条, 第22条6号)', () => {
  it('refuses a foreign address before tRPC and logs it for the tenant’s administrators', async () => {
    const t = await createTenantFixture(adminDb);
    const res = await handler(new Request('https://console.example/api/trpc/work.board'), '81.2.69.160', t.tenantId);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { data: { reason: string } } };
    expect(body.error.data.reason).toBe('OUTSIDE_JAPAN');
    const logged = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: ACCESS_REFUSED_ACTION } });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ ip: '81.2.69.160', actorKind: 'SYSTEM', details: { reason: 'OUTSIDE_JAPAN', country: 'GB', path: '/api/trpc/work.board' } });
  });

  it('lets a Japanese address through and logs nothing', async () => {
    const t = await createTenantFixture(adminDb);
    const res = await handler(new Request('https://console.example/api/trpc/x'), '133.242.0.1', t.tenantId);
    expect(res.status).toBe(200);
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: ACCESS_REFUSED_ACTION } })).toBe(0);
  });

  it('applies the tenant allow-list and logs the refusal; unknown tenants go to the provider log', async () => {
    const t = await createTenantFixture(adminDb);
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { ipAllowList: ['10.20.0.0/16'] } });
    expect((await checkAccess(db, { ip: '10.20.3.4', tenantId: t.tenantId })).allowed).toBe(true);
    expect(await checkAccess(db, { ip: '133.242.0.1', tenantId: t.tenantId })).toMatchObject({ allowed: false, reason: 'NOT_IN_ALLOW_LIST' });
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: ACCESS_REFUSED_ACTION } })).toBe(1);

    const before = await adminDb.providerAuditLog.count({ where: { action: ACCESS_REFUSED_ACTION, ip: '8.8.8.8' } });
    expect(await checkAccess(db, { ip: '8.8.8.8' })).toMatchObject({ allowed: false, country: 'US' });
    expect(await adminDb.providerAuditLog.count({ where: { action: ACCESS_REFUSED_ACTION, ip: '8.8.8.8' } })).toBe(before + 1);
  });

  it('finds the tenant from the session cookie before tRPC runs', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const cookie = admin.cookieHeader();
    const req = new Request('https://console.example/api/trpc/users.list', { headers: { cookie } });
    expect(await guardRequest(db, req, '133.242.0.1')).toBeNull();
    const refused = await guardRequest(db, req, '8.8.8.8');
    expect(refused?.status).toBe(403);
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: ACCESS_REFUSED_ACTION, ip: '8.8.8.8' } })).toBe(1);
  });
});

describe('allow-list editing', () => {
  it('validates entries, refuses a list that excludes the caller, and shows refusals', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin'); // calls from 203.0.113.10
    const code = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (e instanceof TRPCError ? e.code : 'THROWN'));
    expect(await code(admin.console((c) => c.access.setAllowList({ cidrs: ['10.0.0.0/33'] })))).toBe('BAD_REQUEST');
    // Each bad entry is named by its line, so the editor marks exactly those.
    const refused = await admin.console((c) => c.access.setAllowList({ cidrs: ['203.0.113.0/24', '300.1.1.1', '', 'fe80::/129'] })).then(
      () => null,
      (e: unknown) => (e instanceof TRPCError ? (e.cause as { details?: { fieldErrors?: unknown } } | undefined)?.details?.fieldErrors : e),
    );
    expect(refused).toEqual({ 'cidrs.1': ['invalid'], 'cidrs.3': ['invalid'] });
    expect((await admin.console((c) => c.access.allowList())).cidrs).toEqual([]);
    expect(await code(admin.console((c) => c.access.setAllowList({ cidrs: ['10.0.0.0/8'] })))).toBe('PRECONDITION_FAILED');
    expect(await admin.console((c) => c.access.setAllowList({ cidrs: ['203.0.113.0/24', ' 10.0.0.0/8 '] }))).toEqual(['203.0.113.0/24', '10.0.0.0/8']);
    expect(await admin.console((c) => c.access.allowList())).toEqual({ cidrs: ['203.0.113.0/24', '10.0.0.0/8'], callerIp: '203.0.113.10' });
    await checkAccess(db, { ip: '133.242.0.1', tenantId: t.tenantId });
    const refusals = await admin.console((c) => c.access.refusals());
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ ip: '133.242.0.1', details: { reason: 'NOT_IN_ALLOW_LIST' } });
  });
});
