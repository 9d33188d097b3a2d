import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { withScope } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { addWorker, createOperatorFixture, createResellerFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser, TestBrowser } from '../testing/callers';
import { startTestSmtpServer } from '../testing/smtp';
import { smtpMailer } from '../mail/mailer';
import { AppError } from '../errors/app-error';
import { resellerRouter } from '../reseller-router';
import { acceptApplication } from './applications';
import { listAdministrators, resendInvitation } from './administrators';

// What the contract screens read and the operator actions they add: seats used as operators and
// resellers see them, the administrators' sign-in state and re-sent invitations, the termination
// preview, and field errors a form can place under each field.

const { db, adminDb } = useTestDatabase();

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const app = e instanceof TRPCError ? e.cause : e;
    if (app instanceof AppError) return `${app.code}:${String(app.details.reason ?? '')}`;
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return 'OK';
}

/** The error as the HTTP handler would send it: the router's own formatter applied by tRPC's getErrorShape. */
async function fieldErrorsOf(p: Promise<unknown>): Promise<Record<string, string[] | undefined>> {
  const error = await p.then(() => null, (err: unknown) => err);
  if (!(error instanceof TRPCError)) throw new Error('expected a TRPCError');
  const shape = getErrorShape({ config: resellerRouter._def._config, error, type: 'mutation', path: 'reseller.contracts.submit', input: undefined, ctx: undefined });
  return (shape.data as { fieldErrors?: Record<string, string[] | undefined> }).fieldErrors ?? {};
}

const form = {
  companyName: '株式会社画面', isDomesticEntity: true, postalCode: '100-0001', address: '東京都千代田区千代田1-1', phone: '03-1234-5678',
  administrators: [{ name: '招待 一郎', email: 'ichiro@example.test' }], seats: 10, termMonths: 12, desiredStartDate: '2026-01-01', annualFee: 120_000, agreedToTerms: true as const,
};

describe('seats used and allowed as operators and resellers see them', () => {
  it('第10条/第11条: the overview and the customer list count active workers for operators and the selling reseller, not only for the tenant', async () => {
    const reseller = await createResellerFixture(adminDb);
    const t = await createTenantFixture(adminDb, { resellerId: reseller.resellerId, seats: 30 });
    await addWorker(adminDb, t);
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const op = await signedInProvider(db, 'operator', (await createOperatorFixture(adminDb)).email);
    const admin = await signedInUser(db, t, 'admin');

    const views = [
      await staff.reseller((c) => c.reseller.contracts.overview({ tenantId: t.tenantId })),
      await op.reseller((c) => c.operator.contracts.overview({ tenantId: t.tenantId })),
      await admin.console((c) => c.contracts.mine()),
    ];
    expect(views.map((v) => [v.seatsUsed, v.seatsAllowed])).toEqual([[2, 30], [2, 30], [2, 30]]);

    const rows = await staff.reseller((c) => c.reseller.contracts.summaries());
    expect(rows.map((r) => [r.tenant.id, r.seatsUsed, r.seatsAllowed, r.contract?.status, r.pendingChangeRequests])).toEqual([[t.tenantId, 2, 30, 'ACTIVE', 0]]);
    const all = await op.reseller((c) => c.operator.contracts.summaries());
    expect(all.find((r) => r.tenant.id === t.tenantId)).toMatchObject({ seatsUsed: 2, seatsAllowed: 30 });
  });
});

describe('administrators and invitations', () => {
  it('operators see each registered administrator’s sign-in state and re-send an expired invitation; the old link stops working, the new one works once', async () => {
    const smtp = await startTestSmtpServer();
    const mailer = smtpMailer(smtp.url);
    const opFixture = await createOperatorFixture(adminDb);
    const operator = { id: opFixture.operatorId };
    const direct = await signedInProvider(db, 'operator', opFixture.email);
    const app = await direct.reseller((c) => c.operator.contracts.submitDirect(form));
    const accepted = await withScope(db, { operator: true }, (tx) => acceptApplication(tx, { mailer, stripe: null }, operator, { id: app.id }));
    const [first] = await smtp.waitFor(1);
    const oldToken = decodeURIComponent(/\/invite\/([^\s]+)/.exec(first?.text ?? '')?.[1] ?? '');
    const admins = () => withScope(db, { operator: true }, (tx) => listAdministrators(tx, { tenantId: accepted.tenantId }));
    const [invited] = await admins();
    expect(invited).toMatchObject({ loginId: 'admin', name: '招待 一郎', email: 'ichiro@example.test', access: 'INVITED' });
    expect(invited).not.toHaveProperty('passwordHash');
    if (!invited) throw new Error('administrator expected');

    // Seven days later the link has expired.
    await adminDb.invitation.updateMany({ where: { tenantId: accepted.tenantId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await admins())[0]?.access).toBe('EXPIRED');
    const browser = new TestBrowser(db, 'console');
    expect(await failure(browser.console((c) => c.contracts.invitations.accept({ token: oldToken, password: 'Ichiro-pass-2026!' })))).toBe('NOT_FOUND:INVITATION_INVALID');

    const resent = await withScope(db, { operator: true }, (tx) => resendInvitation(tx, mailer, operator, { tenantId: accepted.tenantId, userId: invited.id }));
    expect(resent.email).toBe('ichiro@example.test');
    const [, second] = await smtp.waitFor(2);
    expect(second?.text).toContain(`システムID: ${accepted.systemId} / ログインID: admin`);
    const newToken = decodeURIComponent(/\/invite\/([^\s]+)/.exec(second?.text ?? '')?.[1] ?? '');
    expect(newToken).not.toBe(oldToken);
    expect((await admins())[0]?.access).toBe('INVITED');

    // Re-sending again retires the previous (still valid) link at once.
    await withScope(db, { operator: true }, (tx) => resendInvitation(tx, mailer, operator, { tenantId: accepted.tenantId, userId: invited.id }));
    const [, , third] = await smtp.waitFor(3);
    const newestToken = decodeURIComponent(/\/invite\/([^\s]+)/.exec(third?.text ?? '')?.[1] ?? '');
    expect(await failure(browser.console((c) => c.contracts.invitations.accept({ token: newToken, password: 'Ichiro-pass-2026!' })))).toBe('NOT_FOUND:INVITATION_INVALID');
    expect(await browser.console((c) => c.contracts.invitations.accept({ token: newestToken, password: 'Ichiro-pass-2026!' }))).toEqual({ systemId: accepted.systemId, loginId: 'admin' });
    expect((await admins())[0]?.access).toBe('ACTIVE');

    // An administrator who signs in is not sent a link that could replace the password.
    expect(await failure(withScope(db, { operator: true }, (tx) => resendInvitation(tx, mailer, operator, { tenantId: accepted.tenantId, userId: invited.id })))).toBe(
      'CONFLICT:PASSWORD_ALREADY_SET',
    );
    const audit = await adminDb.providerAuditLog.findMany({ where: { tenantId: accepted.tenantId, action: 'invitation.resend' } });
    expect(audit.map((a) => [a.actorKind, a.actorId])).toEqual([['OPERATOR', operator.id], ['OPERATOR', operator.id]]);
    await smtp.close();
  });

  it('another tenant’s user, a worker, and a suspended tenant are refused; no invitation is written', async () => {
    const smtp = await startTestSmtpServer();
    const operator = { id: (await createOperatorFixture(adminDb)).operatorId };
    const a = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    const resend = (tenantId: string, userId: string) => withScope(db, { operator: true }, (tx) => resendInvitation(tx, smtpMailer(smtp.url), operator, { tenantId, userId }));
    expect(await failure(resend(a.tenantId, b.users.admin.id))).toBe('NOT_FOUND:');
    expect(await failure(resend(a.tenantId, a.users.worker.id))).toBe('NOT_FOUND:');
    const pending = await adminDb.user.create({ data: { tenantId: a.tenantId, loginId: 'admin2', name: '未設定', email: 'pending@example.test', role: 'ADMIN', isRegisteredAdministrator: true } });
    await adminDb.tenant.update({ where: { id: a.tenantId }, data: { status: 'SUSPENDED' } });
    expect(await failure(resend(a.tenantId, pending.id))).toBe('CONFLICT:CONTRACT_NOT_ACTIVE');
    expect(await adminDb.invitation.count({ where: { tenantId: { in: [a.tenantId, b.tenantId] } } })).toBe(0);
    // Operators never see the tenant's workers through the administrators list.
    const listed = await withScope(db, { operator: true }, (tx) => listAdministrators(tx, { tenantId: a.tenantId }));
    expect(listed.map((u) => [u.loginId, u.access])).toEqual([['admin', 'ACTIVE'], ['admin2', 'NOT_INVITED']]);
    await smtp.close();
  });
});

describe('termination preview (第12条1項, 第12条3項)', () => {
  it('tells the form the end date the rule gives, or the refusal with the earliest desired date, before anything is sent', async () => {
    const reseller = await createResellerFixture(adminDb);
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const inDays = (n: number) => new Date(Date.now() + 9 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
    const ok = await staff.reseller((c) => c.reseller.contracts.terminationPreview({ desiredEndDate: inDays(45) }));
    expect(ok).toMatchObject({ ok: true, noticeDays: 45 });
    const short = await staff.reseller((c) => c.reseller.contracts.terminationPreview({ desiredEndDate: inDays(10) }));
    expect(short).toEqual({ ok: false, reason: 'NOTICE_TOO_SHORT', noticeDays: 10, earliestDesiredEnd: inDays(30) });
    const op = await signedInProvider(db, 'operator', (await createOperatorFixture(adminDb)).email);
    expect(await op.reseller((c) => c.operator.contracts.terminationPreview({ cause: { kind: 'with_notice' }, endDate: inDays(29) }))).toMatchObject({
      ok: false, reason: 'NOTICE_TOO_SHORT', earliestEndDate: inDays(30),
    });
    expect(await op.reseller((c) => c.operator.contracts.terminationPreview({ cause: { kind: 'insolvency' } }))).toMatchObject({ ok: true, immediate: true, clause: '第12条2項2号' });
  });
});

describe('application form errors', () => {
  it('第9条1項: a corporate number with a wrong check digit and a bad administrator e-mail are named under their own fields; nothing is stored', async () => {
    const reseller = await createResellerFixture(adminDb);
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const bad = { ...form, corporateNumber: '1234567890123', administrators: [{ name: '正しい', email: 'ok@example.test' }, { name: '', email: 'not-an-email' }] };
    const errors = await fieldErrorsOf(staff.reseller((c) => c.reseller.contracts.submit(bad)));
    expect(Object.keys(errors).sort()).toEqual(['administrators', 'administrators.1.email', 'administrators.1.name', 'corporateNumber']);
    expect(errors.corporateNumber?.[0]).toMatch(/check digit/);
    expect(await adminDb.application.count({ where: { resellerId: reseller.resellerId } })).toBe(0);
    // A valid corporate number (国税庁's published example 7000012050002) passes.
    const ok = await staff.reseller((c) => c.reseller.contracts.submit({ ...form, corporateNumber: '7000012050002' }));
    expect(ok.corporateNumber).toBe('7000012050002');
  });
});
