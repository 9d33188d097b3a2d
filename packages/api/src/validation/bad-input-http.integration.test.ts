import { describe, expect, it } from 'vitest';
import superjson from 'superjson';
import type { Db } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture } from '../testing/fixtures';
import { signedInUser } from '../testing/callers';
import { CSRF_COOKIE, CSRF_HEADER, handleTrpcRequest } from '../http';

// The same attacks as an attacker sends them: raw HTTP to /api/trpc (the route the console mounts),
// bodies written by hand — a JSON "\u0000" escape, a lone surrogate escape — and query inputs dated in
// years 9999 and 1, answered with HTTP 400 and a typed error body, never 500.

const { db, adminDb } = useTestDatabase();
// The route handler uses the process's one client (http/db.ts keeps it on globalThis).
(globalThis as { __teleworkDb?: Db }).__teleworkDb = db;

const ORIGIN = 'https://console.example';
const JAPAN = '133.242.0.1';

describe('bad input over HTTP → 400 with a typed body', () => {
  it('NUL and lone-surrogate escapes in a JSON body; year 9999 and year 1 in query inputs', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const csrf = admin.cookies.get(CSRF_COOKIE) ?? '';
    const post = (path: string, rawBody: string) =>
      handleTrpcRequest(
        new Request(`${ORIGIN}/api/trpc/${path}`, {
          method: 'POST',
          headers: { cookie: admin.cookieHeader(), [CSRF_HEADER]: csrf, origin: ORIGIN, 'content-type': 'application/json', 'x-forwarded-for': JAPAN },
          body: rawBody,
        }),
        { app: 'console' },
      );
    const get = (path: string, input: unknown) =>
      handleTrpcRequest(
        new Request(`${ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`, {
          headers: { cookie: admin.cookieHeader(), 'x-forwarded-for': JAPAN },
        }),
        { app: 'console' },
      );
    const groupsBefore = await adminDb.group.count({ where: { tenantId: t.tenantId } });

    // Written as text, so the escapes reach the server exactly as typed.
    const nul = await post('groups.create', String.raw`{"json":{"name":"営業\u0000部","parentId":null,"managerIds":[]}}`);
    const lone = await post('groups.create', String.raw`{"json":{"name":"営業\ud800部","parentId":null,"managerIds":[]}}`);
    const year9999 = await get('analytics.mine', { from: '9999-12-01', to: '9999-12-31' });
    const year1 = await get('schedules.holidays', { from: '0001-01-01', to: '0001-12-31' });

    const bodyOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { json: { data: { code: string; appCode?: string; reason?: string } } } }).error.json.data });
    expect(await bodyOf(nul)).toMatchObject({ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION', reason: 'TEXT_NUL' });
    expect(await bodyOf(lone)).toMatchObject({ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION', reason: 'TEXT_LONE_SURROGATE' });
    expect(await bodyOf(year9999)).toMatchObject({ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION' });
    expect(await bodyOf(year1)).toMatchObject({ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION' });
    expect(await adminDb.group.count({ where: { tenantId: t.tenantId } })).toBe(groupsBefore);

    // Unknown keys, at the root and nested, are a 400 naming each key (strict input schemas), and nothing is stored.
    const extraRoot = await post('groups.create', String.raw`{"json":{"name":"営業部 extra","parentId":null,"managerIds":[],"isAdmin":true}}`);
    const extraNested = await post('users.update', JSON.stringify({ json: { userId: t.users.worker.id, data: { name: 'W', role: 'WORKER', language: 'ja', groupIds: [], tenantId: 'x' } } }));
    const fieldsOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: { json: { data: { code: string; appCode?: string; reason?: string; fieldErrors?: Record<string, string[]> } } } }).error.json.data });
    expect(await fieldsOf(extraRoot)).toMatchObject({ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION', reason: 'UNKNOWN_KEYS', fieldErrors: { isAdmin: ['Unknown field "isAdmin".'] } });
    expect(await fieldsOf(extraNested)).toMatchObject({ status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION', reason: 'UNKNOWN_KEYS', fieldErrors: { 'data.tenantId': ['Unknown field "tenantId".'] } });
    expect(await adminDb.group.count({ where: { tenantId: t.tenantId } })).toBe(groupsBefore);

    // The same request with clean text goes through: the refusals above are about the text alone.
    const clean = await post('groups.create', String.raw`{"json":{"name":"営業部 HTTP","parentId":null,"managerIds":[]}}`);
    expect(clean.status).toBe(200);
    expect(await adminDb.group.count({ where: { tenantId: t.tenantId } })).toBe(groupsBefore + 1);
  });
});
