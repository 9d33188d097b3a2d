import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { withScope } from '@telework/db';
import { AppError } from '../errors/app-error';
import { smtpMailer, type Mailer } from '../mail/mailer';
import { signedInProvider, signedInUser, TestBrowser } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture, FIXTURE_PASSWORD } from '../testing/fixtures';
import { startTestSmtpServer } from '../testing/smtp';
import { rejectApplication, withdrawApplication } from './applications';
import { acceptChangeRequest, submitAddSeats } from './change-requests';
import { contractParties } from './lifecycle-mail';
import { applicationFor } from './testing/contract-world';
import { requestCustomerTermination, resumeTenant, suspendTenant } from './termination';

// The lifecycle steps the issue found missing (item 7), each through its screen's procedure, with its mail.

const { db, adminDb } = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  mailer = smtpMailer(smtp.url);
});
afterAll(() => smtp.close());

const mailsTo = (address: string) => smtp.received.filter((m) => JSON.stringify(m.to ?? '').includes(address));
/** The mail to `address` once `count` of them have arrived (the server parses each message after accepting it). */
async function arrived(address: string, count = 1) {
  await expect.poll(() => mailsTo(address).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
  return mailsTo(address);
}
const reasonOf = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  const app = e instanceof TRPCError ? e.cause : e;
  return app instanceof AppError ? `${app.code}:${String(app.details.reason ?? '')}` : e instanceof TRPCError ? e.code : 'OK';
};

describe('第9条: applications', () => {
  it('第9条2項: a reseller rejects or withdraws an application it took, and the applicant is told; another reseller cannot touch it', async () => {
    const reseller = await createResellerFixture(adminDb);
    const other = await createResellerFixture(adminDb);
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const stranger = await signedInProvider(db, 'resellerStaff', other.staffEmail);
    const first = await staff.reseller((c) => c.reseller.contracts.submit(applicationFor()));
    const second = await staff.reseller((c) => c.reseller.contracts.submit(applicationFor()));
    expect(await reasonOf(stranger.reseller((c) => c.reseller.contracts.reject({ id: first.id, reason: 'UNSUITABLE' })))).toBe('NOT_FOUND:');

    // The screens' procedures mail through the configured mailer; here the services get the test's SMTP server.
    const staffRow = await adminDb.resellerStaff.findFirstOrThrow({ where: { resellerId: reseller.resellerId } });
    const actor = { kind: 'RESELLER_STAFF' as const, id: staffRow.id, resellerId: reseller.resellerId };
    const inChannel = <T>(run: (tx: Parameters<Parameters<typeof withScope>[2]>[0]) => Promise<T>) => withScope(db, { resellerId: reseller.resellerId }, run);
    const rejected = await inChannel((tx) => rejectApplication(tx, mailer, actor, { id: first.id, reason: 'PAST_SERIOUS_BREACH', note: '過去の未払い' }));
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'PAST_SERIOUS_BREACH', notified: true });
    expect(rejected.decidedByStaffId).not.toBeNull();
    const withdrawn = await inChannel((tx) => withdrawApplication(tx, mailer, actor, { id: second.id, note: 'お客様のご都合' }));
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', notified: true });
    expect(await reasonOf(staff.reseller((c) => c.reseller.contracts.withdraw({ id: second.id })))).toBe('CONFLICT:ALREADY_DECIDED');

    const [rejection] = await arrived((first.administrators as { email: string }[])[0]?.email ?? '');
    expect(rejection?.text).toContain('第9条2項2号');
    const [withdrawal] = await arrived((second.administrators as { email: string }[])[0]?.email ?? '');
    expect(withdrawal?.text).toContain('取り下げました');
    const audit = await adminDb.providerAuditLog.findMany({ where: { targetId: { in: [first.id, second.id] } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorKind])).toEqual([
      ['application.submit', 'RESELLER_STAFF'], ['application.submit', 'RESELLER_STAFF'], ['application.reject', 'RESELLER_STAFF'], ['application.withdraw', 'RESELLER_STAFF'],
    ]);
  });

  it('第9条1項: no application without the customer’s agreement to the terms; the version in force is recorded with it', async () => {
    const reseller = await createResellerFixture(adminDb);
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const version = `lifecycle-${randomUUID().slice(0, 8)}`;
    await adminDb.termsVersion.create({ data: { version, title: '約款', body: '本文', publishedAt: new Date('2000-01-01'), effectiveAt: new Date('2000-01-02') } });
    const refused = await staff.reseller((c) => c.reseller.contracts.submit({ ...applicationFor(), agreedToTerms: false as unknown as true })).catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe('BAD_REQUEST');
    expect(Object.keys((refused as { cause?: { issues?: { path: string[] }[] } }).cause?.issues?.[0]?.path ?? [])).toEqual(['0']);
    expect(await adminDb.application.count({ where: { resellerId: reseller.resellerId } })).toBe(0);
    const app = await staff.reseller((c) => c.reseller.contracts.submit(applicationFor()));
    expect(app.termsAgreedAt).not.toBeNull();
    expect(app.termsVersion).not.toBeNull();
  });
});

describe('第4条3項: reporting changes', () => {
  it('a registered administrator reports a new address and a new administrator; on the provider’s recording, a console ADMIN becomes a registered administrator and the notices go to them', async () => {
    const t = await createTenantFixture(adminDb);
    const op = await createOperatorFixture(adminDb);
    // A console ADMIN made in the console is not a registered administrator by that alone (第4条1項).
    const newAdmin = await adminDb.user.create({
      data: { tenantId: t.tenantId, loginId: `new-admin-${randomUUID().slice(0, 6)}`, name: '新任 管理者', email: `new-admin-${randomUUID().slice(0, 6)}@example.test`, role: 'ADMIN' },
    });
    const admin = await signedInUser(db, t, 'admin');
    const before = await admin.console((c) => c.contracts.administrators());
    expect(before.find((u) => u.id === newAdmin.id)?.isRegisteredAdministrator).toBe(false);
    expect(await reasonOf(admin.console((c) => c.contracts.reportDetails({})))).toBe('BAD_REQUEST');

    const report = await withScope(db, { tenantId: t.tenantId }, async (tx) => {
      const { submitDetailsChange } = await import('./details-change');
      return submitDetailsChange(tx, mailer, { tenantId: t.tenantId, userId: t.users.admin.id }, { postalCode: '105-0011', address: '東京都港区芝公園4-2-8', administratorUserIds: [newAdmin.id] });
    });
    expect(report).toMatchObject({ kind: 'CHANGE_DETAILS', status: 'PENDING' });
    const oldAdminEmail = (await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.admin.id } } })).email ?? '';
    expect((await arrived(oldAdminEmail)).some((m) => m.subject?.includes('届出事項の変更を受け付けました'))).toBe(true);

    await withScope(db, { operator: true }, (tx) => acceptChangeRequest(tx, { mailer, stripe: null }, { id: op.operatorId }, { tenantId: t.tenantId, id: report.id }));
    const tenant = await adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId } });
    expect([tenant.postalCode, tenant.address]).toEqual(['105-0011', '東京都港区芝公園4-2-8']);
    const registered = await adminDb.user.findMany({ where: { tenantId: t.tenantId, isRegisteredAdministrator: true }, select: { id: true } });
    expect(registered.map((u) => u.id)).toEqual([newAdmin.id]);
    const parties = await withScope(db, { operator: true }, (tx) => contractParties(tx, t.tenantId));
    expect(parties.administrators).toEqual([newAdmin.email]);
    expect((await arrived(newAdmin.email ?? '')).some((m) => m.subject?.includes('届出事項の変更を登録しました'))).toBe(true);
    // The former one may no longer report to the provider (第4条2項).
    expect(await reasonOf(admin.console((c) => c.contracts.reportDetails({ phone: '03-0000-1111' })))).toBe('FORBIDDEN:NOT_REGISTERED_ADMINISTRATOR');
  });
});

describe('第11条 with 第12条: seats asked for before a termination', () => {
  it('a request made while the contract ran is accepted after the termination is filed, and its seats end with the contract; a new request is refused', async () => {
    const reseller = await createResellerFixture(adminDb);
    const t = await createTenantFixture(adminDb, { resellerId: reseller.resellerId });
    const op = await createOperatorFixture(adminDb);
    const contract = await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    const staff = await adminDb.resellerStaff.findFirstOrThrow({ where: { resellerId: reseller.resellerId } });
    const who = { kind: 'RESELLER_STAFF' as const, id: staff.id, resellerId: reseller.resellerId };
    // A fixed day inside the fixture contract's term: 10:00 JST on the 10th of its third month.
    const start = contract.serviceStartDate;
    const now = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 10, 1));
    const req = await withScope(db, { resellerId: reseller.resellerId }, (tx) => submitAddSeats(tx, who, { tenantId: t.tenantId, contractId: contract.id, seats: 4 }));
    // Received on the 10th with 40 days' notice: 第12条1項 ends it on the last day of the next month.
    const desired = new Date(now.getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    await withScope(db, { resellerId: reseller.resellerId }, (tx) => requestCustomerTermination(tx, mailer, who, { tenantId: t.tenantId, contractId: contract.id, desiredEndDate: desired, now }));
    const ending = await adminDb.contract.findFirstOrThrow({ where: { id: contract.id } });
    expect(ending.status).toBe('TERMINATION_SCHEDULED');
    const endDate = ending.endDate;
    if (!endDate) throw new Error('a scheduled termination has an end date');
    expect(endDate.toISOString().slice(0, 10)).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 0)).toISOString().slice(0, 10));

    await withScope(db, { operator: true }, (tx) => acceptChangeRequest(tx, { mailer, stripe: null }, { id: op.operatorId }, { tenantId: t.tenantId, id: req.id, now }));
    const addOn = await adminDb.licence.findFirstOrThrow({ where: { tenantId: t.tenantId, isAddOn: true } });
    expect({ seats: addOn.seats, termStart: addOn.termStart.toISOString().slice(0, 10), termEnd: addOn.termEnd.toISOString().slice(0, 10) }).toEqual({
      seats: 4,
      termStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 10)).toISOString().slice(0, 10),
      termEnd: endDate.toISOString().slice(0, 10),
    });
    expect(await reasonOf(withScope(db, { resellerId: reseller.resellerId }, (tx) => submitAddSeats(tx, who, { tenantId: t.tenantId, contractId: contract.id, seats: 1 })))).toBe('CONFLICT:CONTRACT_NOT_ACTIVE');
  });
});

describe('mail on every step the customer must hear of', () => {
  it('added seats accepted, termination received, suspension and resumption each mail the administrators and the reseller', async () => {
    const reseller = await createResellerFixture(adminDb);
    const resellerEmail = (await adminDb.reseller.findUniqueOrThrow({ where: { id: reseller.resellerId } })).email;
    const t = await createTenantFixture(adminDb, { resellerId: reseller.resellerId });
    const adminEmail = (await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.admin.id } } })).email ?? '';
    const op = await createOperatorFixture(adminDb);
    const contract = await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    const staff = await adminDb.resellerStaff.findFirstOrThrow({ where: { resellerId: reseller.resellerId } });
    const who = { kind: 'RESELLER_STAFF' as const, id: staff.id, resellerId: reseller.resellerId };
    const now = new Date(Date.UTC(new Date().getUTCFullYear(), 5, 10, 1));

    const req = await withScope(db, { resellerId: reseller.resellerId }, (tx) => submitAddSeats(tx, who, { tenantId: t.tenantId, contractId: contract.id, seats: 3 }));
    await withScope(db, { operator: true }, (tx) => acceptChangeRequest(tx, { mailer, stripe: null }, { id: op.operatorId }, { tenantId: t.tenantId, id: req.id, now }));
    await withScope(db, { operator: true }, (tx) => suspendTenant(tx, mailer, { id: op.operatorId }, { tenantId: t.tenantId, reason: '料金未払い', now }));
    await withScope(db, { operator: true }, (tx) => resumeTenant(tx, mailer, { id: op.operatorId }, { tenantId: t.tenantId, now }));
    const desired = new Date(now.getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
    await withScope(db, { resellerId: reseller.resellerId }, (tx) => requestCustomerTermination(tx, mailer, who, { tenantId: t.tenantId, contractId: contract.id, desiredEndDate: desired, now }));

    const subjects = (await arrived(adminEmail, 4)).map((m) => m.subject);
    expect(subjects).toEqual([
      '【Telework Supporter】ライセンス追加のお申込みを承諾しました / Added seats accepted',
      '【Telework Supporter】サービスの提供を停止しました / Service suspended',
      '【Telework Supporter】サービスの提供を再開しました / Service resumed',
      '【Telework Supporter】解約のお申込みを受け付けました / Termination received',
    ]);
    expect(mailsTo(adminEmail).every((m) => JSON.stringify(m.to).includes(resellerEmail))).toBe(true);
    expect(mailsTo(adminEmail)[1]?.text).toContain('理由: 料金未払い');
    // Back to where it stood before the suspension: active, then ending.
    expect((await adminDb.contract.findFirstOrThrow({ where: { id: contract.id } })).status).toBe('TERMINATION_SCHEDULED');
  });

  it('a suspended administrator is told whom to ask (the reseller or the provider), a worker to ask the administrator; a contract not started says so', async () => {
    const t = await createTenantFixture(adminDb);
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { status: 'SUSPENDED' } });
    const signIn = (loginId: string) => new TestBrowser(db, 'console').console((c) => c.auth.signIn({ systemId: t.systemId, loginId, password: FIXTURE_PASSWORD }));
    expect(await reasonOf(signIn('admin'))).toBe('CONTRACT_INACTIVE:SUSPENDED_ADMIN');
    expect(await reasonOf(signIn('worker'))).toBe('CONTRACT_INACTIVE:SUSPENDED');
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { status: 'TERMINATED' } });
    expect(await reasonOf(signIn('admin'))).toBe('CONTRACT_INACTIVE:ENDED_ADMIN');
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { status: 'PENDING_START' } });
    expect(await reasonOf(signIn('manager'))).toBe('CONTRACT_INACTIVE:NOT_STARTED');
  });
});
