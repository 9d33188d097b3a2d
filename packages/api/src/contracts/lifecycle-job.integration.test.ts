import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '@telework/db';
import { smtpMailer, type Mailer } from '../mail/mailer';
import { useOwnTestDatabase } from '../testing/db';
import { startTestSmtpServer } from '../testing/smtp';
import { TestBrowser, trpcCodeOf } from '../testing/callers';
import { acceptChangeRequest, submitAddSeats } from './change-requests';
import { contractOverview } from './contract-view';
import { acceptInvitation } from './invitations';
import { jst, formCustomer, liveThrough } from './testing/contract-world';
import { requestCustomerTermination } from './termination';
import { runContractLifecycle } from './lifecycle-job';

// The cases of the issue, each with its own dates, lived through night by night with the jobs.

const world = useOwnTestDatabase();
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  mailer = smtpMailer(smtp.url);
});
afterAll(() => smtp.close());

const iso = (d: Date | null | undefined) => d?.toISOString().slice(0, 10) ?? null;
const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.to ?? '').includes(address) || JSON.stringify(m.cc ?? '').includes(address));

describe('第10条: a contract ends at its term end', () => {
  it('2026-04-01 – 2027-03-31, never renewed nor terminated: renewal offered 60 days ahead, ENDED on 2027-04-01, tenant TERMINATED, purge from 2027-05-01', async () => {
    const { db, adminDb } = world;
    const c = await formCustomer(db, adminDb, mailer, { formedAt: jst('2026-04-01'), channel: 'RESELLER' });
    expect(c).toMatchObject({ startDate: '2026-04-01', termEndDate: '2027-03-31', status: 'ACTIVE' });
    const reseller = await adminDb.reseller.findUniqueOrThrow({ where: { id: c.reseller?.resellerId } });
    const admin = c.administrators[0]?.email ?? '';

    await liveThrough(db, mailer, '2027-01-28', '2027-01-30');
    const offered = await adminDb.contract.findFirstOrThrow({ where: { id: c.contractId } });
    expect([offered.status, offered.renewalNoticeSentAt?.toISOString()]).toEqual(['RENEWAL_OFFERED', jst('2027-01-30', '00:05').toISOString()]);
    const offers = mailsTo(admin).filter((m) => m.subject?.includes('更新のご案内'));
    expect(offers).toHaveLength(1);
    expect(offers[0]?.text).toContain('2027-03-31 に満了');
    expect(JSON.stringify(offers[0]?.to)).toContain(reseller.email);

    // The issue's check: on 2027-06-01 the contract is over, whatever nights the job missed in between.
    await runContractLifecycle(db, mailer, jst('2027-06-01', '00:05'));
    await runContractLifecycle(db, mailer, jst('2027-06-01', '00:05'));
    const ended = await adminDb.contract.findFirstOrThrow({ where: { id: c.contractId } });
    expect([ended.status, ended.endReason, iso(ended.endDate)]).toEqual(['ENDED', 'TERM_END', '2027-03-31']);
    const tenant = await adminDb.tenant.findUniqueOrThrow({ where: { id: c.tenantId } });
    expect([tenant.status, tenant.personalDataPurgeAt?.toISOString()]).toEqual(['TERMINATED', jst('2027-05-01', '00:00').toISOString()]);
    expect(mailsTo(admin).filter((m) => m.subject?.includes('ご契約が終了しました'))).toHaveLength(1);
    const audit = await adminDb.providerAuditLog.findMany({ where: { targetId: c.contractId, action: { startsWith: 'contract.' } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorKind])).toEqual([['contract.renewalOffered', 'SYSTEM'], ['contract.end', 'SYSTEM']]);
  });
});

describe('第14条1項: the last month of added seats is billed after the contract ended', () => {
  it('seats added 2026-10-10, termination received 2026-12-10, end 2027-01-31: add-on invoices for October to January, once each', async () => {
    const { db, adminDb } = world;
    const c = await formCustomer(db, adminDb, mailer, { formedAt: jst('2026-04-01') });
    const admin = await adminDb.user.findFirstOrThrow({ where: { tenantId: c.tenantId, isRegisteredAdministrator: true } });
    await liveThrough(db, mailer, '2026-10-01', '2027-03-02', async (day) => {
      if (day === '2026-10-10') {
        const req = await withScope(db, { tenantId: c.tenantId }, (tx) => submitAddSeats(tx, { kind: 'USER', id: admin.id }, { tenantId: c.tenantId, contractId: c.contractId, seats: 4 }));
        await withScope(db, { operator: true }, (tx) => acceptChangeRequest(tx, { mailer, stripe: null }, { id: c.operatorId }, { tenantId: c.tenantId, id: req.id, now: jst(day, '11:00') }));
      }
      if (day === '2026-12-10') {
        const ended = await withScope(db, { tenantId: c.tenantId }, (tx) =>
          requestCustomerTermination(tx, mailer, { kind: 'USER', id: admin.id }, { tenantId: c.tenantId, contractId: c.contractId, desiredEndDate: '2027-01-31', now: jst(day, '11:00') }),
        );
        expect(ended.endDate).toBe('2027-01-31');
      }
    });
    const contract = await adminDb.contract.findFirstOrThrow({ where: { id: c.contractId } });
    expect([contract.status, contract.endReason, iso(contract.endedAt ? contract.endDate : null)]).toEqual(['ENDED', 'CUSTOMER_TERMINATION', '2027-01-31']);
    const addOns = await adminDb.invoice.findMany({ where: { tenantId: c.tenantId, kind: 'SEAT_ADD_ON' }, orderBy: { periodStart: 'asc' } });
    // 4 seats × 500 yen, whole months (billing/rules/fees.ts); January issued on 2 February, after the end.
    expect(addOns.map((i) => [iso(i.periodStart), iso(i.issueDate), i.subtotal, i.tax])).toEqual([
      ['2026-10-01', '2026-11-01', 2_000, 200],
      ['2026-11-01', '2026-12-01', 2_000, 200],
      ['2026-12-01', '2027-01-01', 2_000, 200],
      ['2027-01-01', '2027-02-01', 2_000, 200],
    ]);
    expect(await adminDb.invoice.count({ where: { tenantId: c.tenantId, kind: 'ANNUAL_LICENCE' } })).toBe(1);
  });
});

describe('第9条3項・第10条: the term runs from formation; the service from the notified start date', () => {
  it('formed 2026-04-01 for a start on 2026-05-01: term 2026-04-01 – 2027-03-31, 開始前 until then, no sign-in, no seats; started by the job on 05-01', async () => {
    const { db, adminDb } = world;
    const c = await formCustomer(db, adminDb, mailer, { formedAt: jst('2026-04-01'), application: { desiredStartDate: '2026-05-01', seats: 12 } });
    expect(c).toMatchObject({ startDate: '2026-04-01', serviceStartDate: '2026-05-01', termEndDate: '2027-03-31', status: 'PENDING_START' });
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: c.tenantId } })).status).toBe('PENDING_START');
    const overview = await withScope(db, { operator: true }, (tx) => contractOverview(tx, { tenantId: c.tenantId, now: jst('2026-04-15') }));
    expect([overview.tenant.status, overview.seatsAllowed, overview.contracts[0]?.status]).toEqual(['PENDING_START', 0, 'PENDING_START']);

    // The administrator may set a password now, but signing in waits for the start date (第9条4項).
    const invite = smtp.received.find((m) => m.text?.includes(c.systemId));
    const token = decodeURIComponent(/\/invite\/([^\s]+)/.exec(invite?.text ?? '')?.[1] ?? '');
    await acceptInvitation(db, { token, password: 'Start-later-2026!', now: jst('2026-04-02') });
    const browser = new TestBrowser(db, 'console');
    const early = await browser.console((x) => x.auth.signIn({ systemId: c.systemId, loginId: 'admin', password: 'Start-later-2026!' })).catch((e: unknown) => e);
    expect(JSON.stringify((early as { cause?: { details?: unknown } }).cause?.details)).toContain('NOT_STARTED');

    await liveThrough(db, mailer, '2026-04-30', '2026-05-01');
    const started = await adminDb.contract.findFirstOrThrow({ where: { id: c.contractId } });
    expect(started.status).toBe('ACTIVE');
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: c.tenantId } })).status).toBe('ACTIVE');
    expect(await trpcCodeOf(browser.console((x) => x.auth.signIn({ systemId: c.systemId, loginId: 'admin', password: 'Start-later-2026!' })))).toBe('OK');
    const startMail = mailsTo(c.administrators[0]?.email ?? '').filter((m) => m.subject?.includes('ご利用開始日になりました'));
    expect(startMail).toHaveLength(1);
    const audit = await adminDb.providerAuditLog.findMany({ where: { targetId: c.contractId, action: 'contract.start' } });
    expect(audit.map((a) => [a.actorKind, a.details])).toEqual([['SYSTEM', { serviceStartDate: '2026-05-01' }]]);
  });
});
