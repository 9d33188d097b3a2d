import { afterEach, describe, expect, it, vi } from 'vitest';
import { TRPCError } from '@trpc/server';
import { withScope } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, TestBrowser, trpcCodeOf } from '../testing/callers';
import { startTestSmtpServer } from '../testing/smtp';
import { getMailer, smtpMailer } from '../mail/mailer';
import { AppError } from '../errors/app-error';
import { acceptApplication, rejectApplication } from './applications';
import { runContractLifecycle } from './lifecycle-job';
import { requestCustomerTermination, terminateByProvider } from './termination';

const { db, adminDb } = useTestDatabase();

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const app = e instanceof TRPCError ? e.cause : e;
    if (app instanceof AppError) return `${app.code}:${String(app.details.reason ?? '')}`;
    throw e;
  }
  return 'OK';
}

const form = {
  companyName: '株式会社サンプル', isDomesticEntity: true, postalCode: '100-0001', address: '東京都千代田区千代田1-1', phone: '03-1234-5678',
  administrators: [{ name: '管理 花子', email: 'hanako@example.test' }], seats: 20, termMonths: 12, desiredStartDate: '2026-12-01', annualFee: 240_000, agreedToTerms: true as const,
};

describe('applications (第9条) and contracts (第10条)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('第9条3項: a refused administrator address does not undo the contract; the operator is told which invitation to resend, and the audit log keeps it', async () => {
    const smtp = await startTestSmtpServer({ rejectRecipients: ['gone@example.test'] });
    const op = await createOperatorFixture(adminDb);
    const operator = await signedInProvider(db, 'operator', op.email);
    const app = await operator.reseller((c) =>
      c.operator.contracts.submitDirect({ ...form, administrators: [{ name: '管理 花子', email: 'hanako@example.test' }, { name: '管理 太郎', email: 'gone@example.test' }] }),
    );
    const accepted = await withScope(db, { operator: true }, (tx) => acceptApplication(tx, { mailer: smtpMailer(smtp.url), stripe: null }, { id: op.operatorId }, { id: app.id }));
    expect(accepted.invitationMailFailed).toEqual(['gone@example.test']);
    // Formed: the tenant and both administrators exist, and the reachable one has her invitation.
    expect(await adminDb.user.count({ where: { tenantId: accepted.tenantId, role: 'ADMIN' } })).toBe(2);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('hanako@example.test');
    const failed = await adminDb.providerAuditLog.findFirstOrThrow({ where: { targetId: app.id, action: 'mail.failed' } });
    expect(failed).toMatchObject({ actorKind: 'SYSTEM', tenantId: accepted.tenantId, details: { mail: 'invitation', to: ['gone@example.test'] } });
    await smtp.close();
  });

  it('第9条3項: a reseller enters an application, an operator accepts it, the administrator gets the invitation, sets a password, signs in and sees the licence', async () => {
    // The whole story happens on 2026-11-28 (the invitation it mails is valid for 7 days from then).
    const now = new Date('2026-11-28T03:00:00Z');
    vi.useFakeTimers({ toFake: ['Date'], now });
    const smtp = await startTestSmtpServer();
    const reseller = await createResellerFixture(adminDb);
    const op = await createOperatorFixture(adminDb);
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const app = await staff.reseller((c) => c.reseller.contracts.submit({ ...form, desiredStartDate: '2026-11-20', resellerAnnualPrice: 300_000 }));
    expect(app).toMatchObject({ channel: 'RESELLER', resellerId: reseller.resellerId, status: 'SUBMITTED' });
    expect((await staff.reseller((c) => c.reseller.contracts.applications({}))).map((a) => a.id)).toEqual([app.id]);

    const accepted = await withScope(db, { operator: true }, (tx) => acceptApplication(tx, { mailer: smtpMailer(smtp.url), stripe: null }, { id: op.operatorId }, { id: app.id, now }));
    expect(accepted.systemId).toMatch(/^TW-\d{6}$/);
    // A desired start already past: the service starts on formation, and the one-year term runs from it (第10条).
    expect(accepted).toMatchObject({ startDate: '2026-11-28', serviceStartDate: '2026-11-28', termEndDate: '2027-11-27', status: 'ACTIVE' });
    // Deciding twice is refused, also the other way.
    expect(await failure(withScope(db, { operator: true }, (tx) => acceptApplication(tx, { mailer: smtpMailer(smtp.url), stripe: null }, { id: op.operatorId }, { id: app.id })))).toBe('CONFLICT:ALREADY_DECIDED');
    expect(await failure(withScope(db, { operator: true }, (tx) => rejectApplication(tx, smtpMailer(smtp.url), { kind: 'OPERATOR', id: op.operatorId }, { id: app.id, reason: 'OTHER' })))).toBe('CONFLICT:ALREADY_DECIDED');

    // 第14条1項: the term's annual licence invoice is issued with the contract, at wholesale to the reseller.
    const invoices = await adminDb.invoice.findMany({ where: { tenantId: accepted.tenantId } });
    expect(invoices.map((i) => [i.id, i.kind, i.billTo, i.subtotal, i.tax, i.total, i.sentToStripe, i.periodStart?.toISOString().slice(0, 10)])).toEqual([
      [accepted.invoiceId, 'ANNUAL_LICENCE', 'RESELLER', 240_000, 24_000, 264_000, false, '2026-11-28'],
    ]);

    const [mail] = await smtp.waitFor(1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('hanako@example.test');
    expect(mail?.text).toContain('2026-11-28');
    const token = /\/invite\/([^\s]+)/.exec(mail?.text ?? '')?.[1];
    expect(token).toBeDefined();

    const browser = new TestBrowser(db, 'console');
    const done = await browser.console((c) => c.contracts.invitations.accept({ token: decodeURIComponent(token ?? ''), password: 'Hanako-pass-2026!' }));
    expect(done).toEqual({ systemId: accepted.systemId, loginId: 'admin' });
    expect(await failure(browser.console((c) => c.contracts.invitations.accept({ token: decodeURIComponent(token ?? ''), password: 'Another-pass-2026!' })))).toBe('NOT_FOUND:INVITATION_INVALID');

    await browser.console((c) => c.auth.signIn({ systemId: accepted.systemId, loginId: 'admin', password: 'Hanako-pass-2026!' }));
    const mine = await browser.console((c) => c.contracts.mine());
    // The customer sees its reseller's price, never the provider's wholesale fee or the wholesale invoice.
    expect(mine.contracts[0]).toMatchObject({ channel: 'RESELLER', seatsAllowed: 20, resellerAnnualPrice: 300_000, annualFee: null });
    expect(await browser.console((c) => c.billing.invoices())).toEqual([]);
    expect((await staff.reseller((c) => c.reseller.billing.invoices({ tenantId: accepted.tenantId }))).map((i) => [i.id, i.billTo, i.total])).toEqual([[accepted.invoiceId, 'RESELLER', 264_000]]);
    expect(mine.seatsUsed).toBe(0);
    const user = await adminDb.user.findFirstOrThrow({ where: { tenantId: accepted.tenantId } });
    expect(user).toMatchObject({ role: 'ADMIN', isRegisteredAdministrator: true });
    const audit = await adminDb.providerAuditLog.findMany({ where: { targetId: app.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorKind])).toEqual([['application.submit', 'RESELLER_STAFF'], ['application.accept', 'OPERATOR']]);
    await smtp.close();
  });

  it('第9条2項: rejection names one of the six reasons and tells the applicant by e-mail; 第9条2項5号 blocks acceptance of a foreign entity', async () => {
    const smtp = await startTestSmtpServer();
    const op = await createOperatorFixture(adminDb);
    const browser = await signedInProvider(db, 'operator', op.email);
    // 第9条2項5号: a form that says the applicant is not established in Japan is refused when submitted…
    const before = await adminDb.application.count();
    expect(await trpcCodeOf(browser.reseller((c) => c.operator.contracts.submitDirect({ ...form, isDomesticEntity: false })))).toBe('BAD_REQUEST');
    expect(await adminDb.application.count()).toBe(before);
    // …and one whose statement turns out false after submission cannot be accepted, only rejected.
    const submitted = await browser.reseller((c) => c.operator.contracts.submitDirect(form));
    const foreign = await adminDb.application.update({ where: { id: submitted.id }, data: { isDomesticEntity: false } });
    expect(foreign.channel).toBe('DIRECT');
    expect(await failure(withScope(db, { operator: true }, (tx) => acceptApplication(tx, { mailer: smtpMailer(smtp.url), stripe: null }, { id: op.operatorId }, { id: foreign.id })))).toBe(
      'RULE_VIOLATION:NOT_DOMESTIC_ENTITY',
    );
    const rejected = await withScope(db, { operator: true }, (tx) =>
      rejectApplication(tx, smtpMailer(smtp.url), { kind: 'OPERATOR', id: op.operatorId }, { id: foreign.id, reason: 'NOT_DOMESTIC_ENTITY' }),
    );
    expect(rejected).toMatchObject({ status: 'REJECTED', rejectionReason: 'NOT_DOMESTIC_ENTITY' });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.text).toContain('第9条2項5号');
    await smtp.close();
  });
});

describe('termination (第12条)', () => {
  it('第12条1項: under 30 days is refused; otherwise the end is the last day of the month after receipt', async () => {
    const reseller = await createResellerFixture(adminDb);
    const t = await createTenantFixture(adminDb, { resellerId: reseller.resellerId });
    const staff = await adminDb.resellerStaff.findFirstOrThrow({ where: { resellerId: reseller.resellerId } });
    const contract = await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    const who = { kind: 'RESELLER_STAFF' as const, id: staff.id, resellerId: reseller.resellerId };
    const receivedAt = new Date('2026-12-10T01:00:00Z');
    const short = withScope(db, { resellerId: reseller.resellerId }, (tx) =>
      requestCustomerTermination(tx, getMailer(), who, { tenantId: t.tenantId, contractId: contract.id, desiredEndDate: '2027-01-08', now: receivedAt }),
    );
    expect(await failure(short)).toBe('RULE_VIOLATION:NOTICE_TOO_SHORT');
    const ok = await withScope(db, { resellerId: reseller.resellerId }, (tx) =>
      requestCustomerTermination(tx, getMailer(), who, { tenantId: t.tenantId, contractId: contract.id, desiredEndDate: '2027-01-31', now: receivedAt }),
    );
    // Received in December → ends on the last day of January of the next year.
    expect(ok.endDate).toBe('2027-01-31');
    expect((await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } })).status).toBe('TERMINATION_SCHEDULED');

    // The daily job ends it after the end date and schedules the purge one month later (第26条3項).
    // Other test files share the database, so the job's counts are not asserted: this contract's state is.
    await runContractLifecycle(db, getMailer(), new Date('2027-01-31T10:00:00Z'));
    expect((await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } })).status).toBe('TERMINATION_SCHEDULED');
    expect((await runContractLifecycle(db, getMailer(), new Date('2027-02-01T00:00:00Z'))).ended).toBeGreaterThanOrEqual(1);
    expect((await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } })).status).toBe('ENDED');
    const tenant = await adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId } });
    expect(tenant.status).toBe('TERMINATED');
    // From the start of 2027-03-01 in Japan.
    expect(tenant.personalDataPurgeAt?.toISOString()).toBe('2027-02-28T15:00:00.000Z');
  });

  it('第28条2項: anti-social forces end the contract at once and de-register administrators, workers and devices', async () => {
    const t = await createTenantFixture(adminDb);
    const op = await createOperatorFixture(adminDb);
    const contract = await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    const res = await withScope(db, { operator: true }, (tx) =>
      terminateByProvider(tx, getMailer(), { id: op.operatorId }, { tenantId: t.tenantId, contractId: contract.id, cause: { kind: 'anti_social_forces' } }),
    );
    expect(res.immediate).toBe(true);
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId } })).status).toBe('DEREGISTERED');
    expect(await adminDb.user.count({ where: { tenantId: t.tenantId, disabledAt: null } })).toBe(0);
    expect(await adminDb.agentDevice.count({ where: { tenantId: t.tenantId, revokedAt: null } })).toBe(0);
    // Already ended: nothing more to end.
    expect(await failure(withScope(db, { operator: true }, (tx) => terminateByProvider(tx, getMailer(), { id: op.operatorId }, { tenantId: t.tenantId, contractId: contract.id, cause: { kind: 'insolvency' } })))).toBe(
      'CONFLICT:ALREADY_ENDING',
    );
    // 第12条3項: without cause, the provider needs 30 days' notice.
    const other = await createTenantFixture(adminDb);
    const c2 = await adminDb.contract.findFirstOrThrow({ where: { tenantId: other.tenantId } });
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await failure(withScope(db, { operator: true }, (tx) => terminateByProvider(tx, getMailer(), { id: op.operatorId }, { tenantId: other.tenantId, contractId: c2.id, cause: { kind: 'with_notice' }, endDate: soon }))),
    ).toBe('RULE_VIOLATION:NOTICE_TOO_SHORT');
  });

  it('第28条2項: a contract already ending after a customer termination is still ended at once for cause; a second notice termination is refused', async () => {
    const t = await createTenantFixture(adminDb);
    const op = await createOperatorFixture(adminDb);
    const contract = await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    const receivedAt = new Date(Date.now());
    const desired = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await withScope(db, { tenantId: t.tenantId }, (tx) =>
      requestCustomerTermination(tx, getMailer(), { kind: 'USER', id: t.users.admin.id }, { tenantId: t.tenantId, contractId: contract.id, desiredEndDate: desired, now: receivedAt }),
    );
    const later = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await failure(withScope(db, { operator: true }, (tx) => terminateByProvider(tx, getMailer(), { id: op.operatorId }, { tenantId: t.tenantId, contractId: contract.id, cause: { kind: 'with_notice' }, endDate: later }))),
    ).toBe('CONFLICT:ALREADY_ENDING');
    const res = await withScope(db, { operator: true }, (tx) => terminateByProvider(tx, getMailer(), { id: op.operatorId }, { tenantId: t.tenantId, contractId: contract.id, cause: { kind: 'anti_social_forces' } }));
    expect(res.immediate).toBe(true);
    expect((await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } })).status).toBe('ENDED');
    expect((await adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId } })).status).toBe('DEREGISTERED');
  });
});
