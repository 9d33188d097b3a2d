import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { FIXTURE_PASSWORD, createOperatorFixture, createResellerFixture, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { agentCaller, signedInAgent, signedInProvider, signedInUser, TestBrowser, trpcCodeOf } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { AppError } from '../errors/app-error';
import type { Mailer, OutgoingMail } from '../mail/mailer';
import type { RequestMeta } from '../context';
import {
  RESET_LINK_MINUTES,
  RESET_MAX_PER_ACCOUNT,
  RESET_MAX_PER_IP,
  confirmProviderPasswordReset,
  confirmUserPasswordReset,
  requestProviderPasswordReset,
  requestUserPasswordReset,
} from './password-reset';

const { db, adminDb } = useTestDatabase();

// A fixed clock: every request and confirmation below is made at T0 (+ minutes where the test says so).
const T0 = new Date('2026-12-07T01:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const NEW_PASSWORD = 'Forgotten-and-new-2026';

let ipSeq = 0;
/** Each test its own address, so the per-address allowance of one test does not spend another's. */
const freshMeta = (): RequestMeta => ({ ip: `198.51.100.${(ipSeq++ % 250) + 1}`, userAgent: null, contentLength: null });

function capturingMailer() {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    send: (mail) => {
      sent.push(mail);
      return Promise.resolve({ messageId: `<${randomUUID()}@test>`, destination: 'memory' });
    },
  };
  return { sent, mailer };
}

/** The token in a mailed link, read from the text as the recipient would click it. */
function tokenIn(mail: OutgoingMail | undefined): string {
  const m = /\/reset-password\/(\S+)/.exec(mail?.text ?? '');
  if (!m?.[1]) throw new Error('no reset link in the mail');
  return decodeURIComponent(m[1]);
}

async function appErrorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e instanceof TRPCError ? e.cause : e;
    if (err instanceof AppError) return { code: err.code, reason: (err.details as { reason?: string } | undefined)?.reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

async function requestFor(t: TenantFixture, who: 'admin' | 'manager' | 'worker', meta = freshMeta(), now = T0) {
  const { sent, mailer } = capturingMailer();
  const answer = await requestUserPasswordReset(db, mailer, { systemId: t.systemId, loginId: t.users[who].loginId }, meta, now);
  return { answer, sent, token: tokenIn(sent[0]) };
}

const signIn = (t: TenantFixture, loginId: string, password: string) =>
  trpcCodeOf(new TestBrowser(db, 'console').console((c) => c.auth.signIn({ systemId: t.systemId, loginId, password })));

describe('console users: a mailed one-time link', () => {
  it('mails a link to the user’s own address; the new password signs in, the old one no longer does', async () => {
    const t = await createTenantFixture(adminDb);
    const { answer, sent, token } = await requestFor(t, 'worker');
    expect(answer).toEqual({ ok: true });
    expect(sent).toHaveLength(1);
    const user = await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.worker.id } } });
    expect(sent[0]?.to).toBe(user.email);
    // Only the hash is stored: the clear token appears nowhere in the table.
    const rows = await adminDb.passwordReset.findMany({ where: { tenantId: t.tenantId } });
    expect(rows).toHaveLength(1);
    expect(rows.some((r) => r.tokenHash.includes(token) || token.includes(r.tokenHash))).toBe(false);
    expect(rows[0]?.expiresAt.toISOString()).toBe(at(RESET_LINK_MINUTES).toISOString());

    expect(await confirmUserPasswordReset(db, { token, password: NEW_PASSWORD }, freshMeta(), at(5))).toEqual({ systemId: t.systemId, loginId: 'worker' });
    expect(await signIn(t, 'worker', NEW_PASSWORD)).toBe('OK');
    expect(await signIn(t, 'worker', FIXTURE_PASSWORD)).toBe('UNAUTHORIZED');
    const actions = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: { startsWith: 'auth.password_reset.' } }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((a) => [a.action, a.actorId, a.targetId])).toEqual([
      ['auth.password_reset.requested', t.users.worker.id, t.users.worker.id],
      ['auth.password_reset.completed', t.users.worker.id, t.users.worker.id],
    ]);
  });

  it('ends every web session and agent device token of the user and clears an issued password', async () => {
    const t = await createTenantFixture(adminDb);
    const browser = await signedInUser(db, t, 'worker');
    const agent = await signedInAgent(db, t, 'worker');
    const admin = await signedInUser(db, t, 'admin');
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.worker.id } }, data: { mustChangePassword: true } });
    const { token } = await requestFor(t, 'worker');
    await confirmUserPasswordReset(db, { token, password: NEW_PASSWORD }, freshMeta(), at(1));
    expect(await browser.console((c) => c.auth.me())).toBeNull();
    expect(await trpcCodeOf((await agentCaller(db, agent.token)).agent.auth.me())).toBe('UNAUTHORIZED');
    expect(await adminDb.agentDevice.count({ where: { tenantId: t.tenantId, userId: t.users.worker.id, revokedAt: null } })).toBe(0);
    const after = await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.worker.id } } });
    expect(after.mustChangePassword).toBe(false);
    // Nobody else is signed out.
    expect(await trpcCodeOf(admin.console((c) => c.users.list()))).toBe('OK');
  });

  it('expires after 30 minutes: one millisecond before still works, at 30 minutes it is refused', async () => {
    const t = await createTenantFixture(adminDb);
    const late = await requestFor(t, 'worker');
    expect(await appErrorOf(confirmUserPasswordReset(db, { token: late.token, password: NEW_PASSWORD }, freshMeta(), at(RESET_LINK_MINUTES)))).toEqual({
      code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID',
    });
    expect(await signIn(t, 'worker', FIXTURE_PASSWORD)).toBe('OK');
    const t2 = await createTenantFixture(adminDb);
    const inTime = await requestFor(t2, 'worker');
    await confirmUserPasswordReset(db, { token: inTime.token, password: NEW_PASSWORD }, freshMeta(), new Date(at(RESET_LINK_MINUTES).getTime() - 1));
    expect(await signIn(t2, 'worker', NEW_PASSWORD)).toBe('OK');
  });

  it('works once: a second use, concurrent or later, is refused and changes nothing', async () => {
    const t = await createTenantFixture(adminDb);
    const { token } = await requestFor(t, 'worker');
    const both = await Promise.allSettled([
      confirmUserPasswordReset(db, { token, password: 'First-new-password-1' }, freshMeta(), at(1)),
      confirmUserPasswordReset(db, { token, password: 'Second-new-password-2' }, freshMeta(), at(1)),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = both[0]?.status === 'fulfilled' ? 'First-new-password-1' : 'Second-new-password-2';
    expect(await appErrorOf(confirmUserPasswordReset(db, { token, password: 'Third-new-password-3' }, freshMeta(), at(2)))).toEqual({ code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID' });
    expect(await signIn(t, 'worker', winner)).toBe('OK');
    expect(await signIn(t, 'worker', 'Third-new-password-3')).toBe('UNAUTHORIZED');
  });

  it('a newer link replaces the earlier one', async () => {
    const t = await createTenantFixture(adminDb);
    const meta = freshMeta();
    const first = await requestFor(t, 'worker', meta, T0);
    const second = await requestFor(t, 'worker', meta, at(1));
    expect(await appErrorOf(confirmUserPasswordReset(db, { token: first.token, password: NEW_PASSWORD }, freshMeta(), at(2)))).toEqual({ code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID' });
    await confirmUserPasswordReset(db, { token: second.token, password: NEW_PASSWORD }, freshMeta(), at(2));
    expect(await signIn(t, 'worker', NEW_PASSWORD)).toBe('OK');
  });

  it('gives the same answer for an unknown system ID, an unknown login ID, a user without address and a disabled user, and mails nothing', async () => {
    const t = await createTenantFixture(adminDb);
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.manager.id } }, data: { email: null } });
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.admin.id } }, data: { disabledAt: T0 } });
    const known = capturingMailer();
    const knownAnswer = await requestUserPasswordReset(db, known.mailer, { systemId: t.systemId, loginId: 'worker' }, freshMeta(), T0);
    expect(known.sent).toHaveLength(1);
    const { sent, mailer } = capturingMailer();
    for (const input of [
      { systemId: `TW-NONE-${randomUUID().slice(0, 6)}`, loginId: 'worker' },
      { systemId: t.systemId, loginId: `ghost-${randomUUID().slice(0, 6)}` },
      { systemId: t.systemId, loginId: 'manager' },
      { systemId: t.systemId, loginId: 'admin' },
    ]) {
      expect(await requestUserPasswordReset(db, mailer, input, freshMeta(), T0)).toEqual(knownAnswer);
    }
    expect(sent).toEqual([]);
    expect(await adminDb.passwordReset.count({ where: { tenantId: t.tenantId, userId: { not: t.users.worker.id } } })).toBe(0);
    // Through the console's procedure, as the sign-in page sends it.
    const answer = await new TestBrowser(db, 'console', '198.51.100.251').console((c) =>
      c.auth.passwordReset.request({ systemId: t.systemId, loginId: `ghost-${randomUUID().slice(0, 6)}` }),
    );
    expect(answer).toEqual(knownAnswer);
  });

  it('a mail server that refuses changes nothing in the answer; the failure is audit-logged for the tenant', async () => {
    const t = await createTenantFixture(adminDb);
    const refusing: Mailer = { send: () => Promise.reject(new Error('550 mailbox unavailable')) };
    expect(await requestUserPasswordReset(db, refusing, { systemId: t.systemId, loginId: 'worker' }, freshMeta(), T0)).toEqual({ ok: true });
    await expect
      .poll(() => adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: 'mail.failed' }, select: { targetId: true, details: true } }))
      .toEqual([{ targetId: t.users.worker.id, details: { mail: 'password_reset' } }]);
  });

  it('throttles per account (existing or not) and per address', async () => {
    const t = await createTenantFixture(adminDb);
    for (const loginId of ['worker', `ghost-${randomUUID().slice(0, 6)}`]) {
      const { mailer } = capturingMailer();
      const send = () => requestUserPasswordReset(db, mailer, { systemId: t.systemId, loginId }, freshMeta(), at(1));
      for (let i = 0; i < RESET_MAX_PER_ACCOUNT; i++) expect(await send()).toEqual({ ok: true });
      expect(await appErrorOf(send())).toEqual({ code: 'ACCOUNT_LOCKED', reason: 'RESET_THROTTLED' });
    }
    const meta: RequestMeta = { ip: '192.0.2.77', userAgent: null, contentLength: null };
    const { mailer } = capturingMailer();
    const fromOneAddress = () => requestUserPasswordReset(db, mailer, { systemId: t.systemId, loginId: `probe-${randomUUID().slice(0, 8)}` }, meta, at(1));
    for (let i = 0; i < RESET_MAX_PER_IP; i++) expect(await fromOneAddress()).toEqual({ ok: true });
    expect(await appErrorOf(fromOneAddress())).toEqual({ code: 'ACCOUNT_LOCKED', reason: 'RESET_THROTTLED' });
  });

  it('refuses another tenant’s token: the tenant part swapped, or the other tenant’s token as is, finds nothing here', async () => {
    const a = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    const { token } = await requestFor(a, 'worker');
    const secret = token.slice(token.indexOf('.') + 1);
    expect(await appErrorOf(confirmUserPasswordReset(db, { token: `${b.tenantId}.${secret}`, password: NEW_PASSWORD }, freshMeta(), at(1)))).toEqual({
      code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID',
    });
    // B's users are untouched, and A's link still works for A's user only.
    expect(await signIn(b, 'worker', FIXTURE_PASSWORD)).toBe('OK');
    await confirmUserPasswordReset(db, { token, password: NEW_PASSWORD }, freshMeta(), at(1));
    expect(await signIn(a, 'worker', NEW_PASSWORD)).toBe('OK');
    expect(await signIn(b, 'worker', NEW_PASSWORD)).toBe('UNAUTHORIZED');
    // Through the procedure (wall clock; the token is unknown there, so the clock does not matter).
    const viaProcedure = new TestBrowser(db, 'console').console((c) => c.auth.passwordReset.confirm({ token: `${b.tenantId}.${secret}`, password: NEW_PASSWORD }));
    expect(await trpcCodeOf(viaProcedure)).toBe('NOT_FOUND');
  });

  it('respects the tenant’s IP allow-list like sign-in: outside it nothing is mailed and the link cannot be used', async () => {
    const t = await createTenantFixture(adminDb);
    const { token } = await requestFor(t, 'worker');
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { ipAllowList: ['10.20.0.0/16'] } });
    const { sent, mailer } = capturingMailer();
    expect(await appErrorOf(requestUserPasswordReset(db, mailer, { systemId: t.systemId, loginId: 'worker' }, freshMeta(), at(1)))).toEqual({
      code: 'FORBIDDEN', reason: 'NOT_IN_ALLOW_LIST',
    });
    expect(sent).toEqual([]);
    expect(await appErrorOf(confirmUserPasswordReset(db, { token, password: NEW_PASSWORD }, freshMeta(), at(1)))).toEqual({ code: 'FORBIDDEN', reason: 'NOT_IN_ALLOW_LIST' });
    // From inside the list the same link still works.
    await confirmUserPasswordReset(db, { token, password: NEW_PASSWORD }, { ip: '10.20.3.4', userAgent: null, contentLength: null }, at(2));
    const after = await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.worker.id } } });
    expect(after.passwordHash).not.toBeNull();
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: 'auth.password_reset.completed' } })).toBe(1);
  });
});

describe('reseller staff and operators', () => {
  it('a reseller’s staff member resets by mail, every session of theirs ends, and the new password signs in', async () => {
    const r = await createResellerFixture(adminDb);
    const before = await signedInProvider(db, 'resellerStaff', r.staffEmail);
    const { sent, mailer } = capturingMailer();
    expect(await requestProviderPasswordReset(db, mailer, { kind: 'resellerStaff', email: r.staffEmail.toUpperCase() }, freshMeta(), T0)).toEqual({ ok: true });
    expect(sent.map((m) => m.to)).toEqual([r.staffEmail]);
    const token = tokenIn(sent[0]);
    expect(await confirmProviderPasswordReset(db, { token, password: NEW_PASSWORD }, freshMeta(), at(3))).toEqual({ kind: 'resellerStaff', email: r.staffEmail });
    expect(await before.reseller((c) => c.auth.me())).toBeNull();
    const signIn = (password: string) => trpcCodeOf(new TestBrowser(db, 'reseller').reseller((c) => c.auth.signIn({ kind: 'resellerStaff', email: r.staffEmail, password })));
    expect(await signIn(NEW_PASSWORD)).toBe('OK');
    expect(await signIn(FIXTURE_PASSWORD)).toBe('UNAUTHORIZED');
    expect(await appErrorOf(confirmProviderPasswordReset(db, { token, password: 'Another-password-9' }, freshMeta(), at(4)))).toEqual({ code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID' });
    const logged = await adminDb.providerAuditLog.findMany({ where: { actorId: (await adminDb.resellerStaff.findUniqueOrThrow({ where: { email: r.staffEmail } })).id, action: { startsWith: 'auth.password_reset.' } } });
    expect(logged.map((l) => l.action).sort()).toEqual(['auth.password_reset.completed', 'auth.password_reset.requested']);
  });

  it('an operator’s link expires after 30 minutes; an unknown address and the wrong kind get the same answer and no mail', async () => {
    const op = await createOperatorFixture(adminDb);
    const { sent, mailer } = capturingMailer();
    const answer = await requestProviderPasswordReset(db, mailer, { kind: 'operator', email: op.email }, freshMeta(), T0);
    expect(sent).toHaveLength(1);
    expect(await appErrorOf(confirmProviderPasswordReset(db, { token: tokenIn(sent[0]), password: NEW_PASSWORD }, freshMeta(), at(RESET_LINK_MINUTES)))).toEqual({
      code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID',
    });
    const none = capturingMailer();
    expect(await requestProviderPasswordReset(db, none.mailer, { kind: 'operator', email: `nobody-${randomUUID().slice(0, 6)}@example.test` }, freshMeta(), T0)).toEqual(answer);
    expect(await requestProviderPasswordReset(db, none.mailer, { kind: 'resellerStaff', email: op.email }, freshMeta(), T0)).toEqual(answer);
    expect(none.sent).toEqual([]);
    expect(await trpcCodeOf(new TestBrowser(db, 'reseller').reseller((c) => c.auth.signIn({ kind: 'operator', email: op.email, password: FIXTURE_PASSWORD })))).toBe('OK');
  });

  it('a console user’s token is not a provider token, and the reverse', async () => {
    const t = await createTenantFixture(adminDb);
    const { token } = await requestFor(t, 'admin');
    expect(await appErrorOf(confirmProviderPasswordReset(db, { token, password: NEW_PASSWORD }, freshMeta(), at(1)))).toEqual({ code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID' });
    const r = await createResellerFixture(adminDb);
    const { sent, mailer } = capturingMailer();
    await requestProviderPasswordReset(db, mailer, { kind: 'resellerStaff', email: r.staffEmail }, freshMeta(), T0);
    const providerToken = tokenIn(sent[0]);
    expect(await appErrorOf(confirmUserPasswordReset(db, { token: providerToken, password: NEW_PASSWORD }, freshMeta(), at(1)))).toEqual({ code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID' });
    expect(await appErrorOf(confirmUserPasswordReset(db, { token: `${t.tenantId}.${providerToken}`, password: NEW_PASSWORD }, freshMeta(), at(1)))).toEqual({
      code: 'NOT_FOUND', reason: 'RESET_LINK_INVALID',
    });
  });
});
