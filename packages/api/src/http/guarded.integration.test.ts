import { describe, expect, it } from 'vitest';
import type { Db } from '@telework/db';
import { ACCESS_REFUSED_ACTION } from '../access/check-access';
import { useTestDatabase } from '../testing/db';
import { createTenantFixture } from '../testing/fixtures';
import { signedInUser } from '../testing/callers';
import { handleBoardExport, handleImage, handleIncidentExport, handleUpload, handleWorkExport } from './index';

const { db, adminDb } = useTestDatabase();
// The exported route handlers use the process's one client (http/db.ts keeps it on globalThis).
(globalThis as { __teleworkDb?: Db }).__teleworkDb = db;

const ORIGIN = 'https://console.example';
const routes = [
  { name: 'image', call: (h: Headers) => handleImage(new Request(`${ORIGIN}/api/images/00000000-0000-4000-8000-000000000000`, { headers: h })) },
  { name: 'work export', call: (h: Headers) => handleWorkExport(new Request(`${ORIGIN}/api/export/work?from=2026-11-01&to=2026-11-30`, { headers: h })) },
  { name: 'board export', call: (h: Headers) => handleBoardExport(new Request(`${ORIGIN}/api/export/board`, { headers: h })) },
  { name: 'incident export', call: (h: Headers) => handleIncidentExport(new Request(`${ORIGIN}/api/export/incidents`, { headers: h })) },
  { name: 'upload', call: (h: Headers) => handleUpload(new Request(`${ORIGIN}/api/upload`, { method: 'POST', headers: h, body: new FormData() })) },
];

describe('routes outside tRPC keep the access rules (第5条, 第22条6号)', () => {
  it('refuses a signed-in administrator calling from abroad on every data route, and logs each refusal', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const cookie = admin.cookieHeader();
    for (const route of routes) {
      const res = await route.call(new Headers({ cookie, 'x-forwarded-for': '8.8.8.8' }));
      expect(res.status, route.name).toBe(403);
      const body = (await res.json()) as { error: { data: { reason: string } } };
      expect(body.error.data.reason, route.name).toBe('OUTSIDE_JAPAN');
    }
    const logged = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: ACCESS_REFUSED_ACTION }, select: { details: true } });
    expect(logged.map((l) => (l.details as { path: string }).path).sort()).toEqual(['/api/export/board', '/api/export/incidents', '/api/export/work', '/api/images/00000000-0000-4000-8000-000000000000', '/api/upload']);
  });

  it('lets the same session through from Japan (the handler answers)', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const cookie = admin.cookieHeader();
    // The exports need no master key (the image and upload routes do: their own tests cover them).
    const [work, board, incidents] = await Promise.all(routes.slice(1, 4).map((r) => r.call(new Headers({ cookie, 'x-forwarded-for': '133.242.0.1' }))));
    expect(work?.status).toBe(200);
    expect(board?.status).toBe(200);
    expect(incidents?.status).toBe(200);
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: ACCESS_REFUSED_ACTION } })).toBe(0);
  });
});
