import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withScope, type Db } from '@telework/db';
import { issueAnnualInvoice } from '../billing/invoices';
import { signedInProvider, signedInUser } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture } from '../testing/fixtures';
import { handleConsoleInvoicePdf, handleResellerInvoicePdf } from './index';

const { db, adminDb } = useTestDatabase();
// The exported route handlers use the process's one client (http/db.ts keeps it on globalThis).
(globalThis as { __teleworkDb?: Db }).__teleworkDb = db;

const JAPAN = '133.242.0.1';
const consolePdf = (cookie: string, invoiceId: string, ip = JAPAN) =>
  handleConsoleInvoicePdf(new Request(`https://console.example/api/invoices/pdf?invoiceId=${invoiceId}`, { headers: { cookie, 'x-forwarded-for': ip } }));
const portalPdf = (cookie: string, tenantId: string, invoiceId: string) =>
  handleResellerInvoicePdf(new Request(`https://reseller.example/api/invoices/pdf?invoiceId=${invoiceId}&tenantId=${tenantId}`, { headers: { cookie, 'x-forwarded-for': JAPAN } }));

async function invoiceOf(tenantId: string) {
  const c = await adminDb.contract.findFirstOrThrow({ where: { tenantId } });
  return withScope(db, { operator: true }, (tx) => issueAnnualInvoice(tx, null, { kind: 'SYSTEM', id: null }, { tenantId, contractId: c.id, now: new Date('2026-04-01T01:00:00Z') }));
}

const textOf = async (res: Response) => execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(await res.arrayBuffer()), encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('qualified invoice PDF downloads', () => {
  it('console: the administrator downloads the tenant’s own invoice; a worker, another tenant’s invoice and a call from abroad are refused', async () => {
    const t = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    const inv = await invoiceOf(t.tenantId);
    const foreign = await invoiceOf(other.tenantId);
    const admin = await signedInUser(db, t, 'admin');
    const res = await consolePdf(admin.cookieHeader(), inv.id);
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-disposition')]).toEqual([200, 'application/pdf', `attachment; filename="${inv.number}.pdf"`]);
    const text = await textOf(res);
    expect(text).toContain(`${inv.recipientName} 御中`);
    expect(text).toContain('登録番号 T9234567890123');
    expect((await consolePdf(admin.cookieHeader(), foreign.id)).status).toBe(404);
    expect((await consolePdf((await signedInUser(db, t, 'worker')).cookieHeader(), inv.id)).status).toBe(403);
    expect((await consolePdf(admin.cookieHeader(), inv.id, '8.8.8.8')).status).toBe(403);
    expect((await consolePdf('', inv.id)).status).toBe(401);
  });

  it('portal: the selling reseller and operators download the wholesale invoice; another reseller gets 404', async () => {
    const reseller = await createResellerFixture(adminDb);
    const stranger = await createResellerFixture(adminDb);
    const t = await createTenantFixture(adminDb, { resellerId: reseller.resellerId });
    const inv = await invoiceOf(t.tenantId);
    expect(inv.billTo).toBe('RESELLER');
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const res = await portalPdf(staff.cookieHeader(), t.tenantId, inv.id);
    expect(res.status).toBe(200);
    expect(await textOf(res)).toContain(`${inv.recipientName} 御中`);
    const op = await signedInProvider(db, 'operator', (await createOperatorFixture(adminDb)).email);
    expect((await portalPdf(op.cookieHeader(), t.tenantId, inv.id)).status).toBe(200);
    const other = await signedInProvider(db, 'resellerStaff', stranger.staffEmail);
    expect((await portalPdf(other.cookieHeader(), t.tenantId, inv.id)).status).toBe(404);
  });
});
