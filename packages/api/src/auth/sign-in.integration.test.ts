import { beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { createOperatorFixture, createResellerFixture, createTenantFixture, FIXTURE_PASSWORD, type TenantFixture } from '../testing/fixtures';
import { agentCaller, signedInProvider, signedInUser, TestBrowser } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { SESSION_COOKIE } from '../http/cookies';
import { AppError } from '../errors/app-error';

const { db, adminDb } = useTestDatabase();

async function rejection(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

let tenant: TenantFixture;
beforeAll(async () => {
  tenant = await createTenantFixture(adminDb);
});

describe('console sign-in', () => {
  it('signs an admin in with an httpOnly session cookie, answers me, and signs out', async () => {
    const browser = new TestBrowser(db, 'console');
    const res = await browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }));
    expect(res).toMatchObject({ kind: 'user', role: 'ADMIN' });
    expect(browser.hasSession).toBe(true);
    const me = await browser.console((c) => c.auth.me());
    expect(me).toMatchObject({ kind: 'user', userId: tenant.users.admin.id, tenantId: tenant.tenantId, systemId: tenant.systemId, registeredAdministrator: true });
    await browser.console((c) => c.auth.signOut());
    expect(browser.hasSession).toBe(false);
    expect(await browser.console((c) => c.auth.me())).toBeNull();
  });

  it('stores only a hash of the session token, and a revoked session no longer works', async () => {
    const browser = await signedInUser(db, tenant, 'manager');
    const token = browser.cookies.get(SESSION_COOKIE) ?? '';
    expect(await adminDb.authSession.count({ where: { tokenHash: token } })).toBe(0);
    const stolen = new TestBrowser(db, 'console');
    stolen.cookies.set(SESSION_COOKIE, token);
    await browser.console((c) => c.auth.signOut());
    expect(await stolen.console((c) => c.auth.me())).toBeNull();
  });

  it('sets Secure, HttpOnly, SameSite cookies', async () => {
    const browser = new TestBrowser(db, 'console');
    const raw: string[] = [];
    const original = browser['absorb'].bind(browser);
    browser['absorb'] = (h: Headers) => {
      raw.push(...h.getSetCookie());
      original(h);
    };
    await browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: 'worker', password: FIXTURE_PASSWORD }));
    const session = raw.find((l) => l.startsWith(`${SESSION_COOKIE}=`)) ?? '';
    expect(session).toContain('HttpOnly');
    expect(session).toContain('Secure');
    expect(session).toContain('SameSite=Lax');
  });

  it('refuses a wrong password with INVALID_CREDENTIALS, the same as an unknown user', async () => {
    const browser = new TestBrowser(db, 'console', '198.51.100.1');
    const wrong = await rejection(browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: 'manager', password: 'nope' })));
    const unknown = await rejection(browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: 'ghost', password: 'nope' })));
    for (const e of [wrong, unknown]) {
      expect(e.code).toBe('UNAUTHORIZED');
      expect(e.cause).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    await adminDb.loginThrottle.deleteMany({});
  });

  it('locks the account after 5 wrong passwords, then refuses even the right one with ACCOUNT_LOCKED', async () => {
    const t = await createTenantFixture(adminDb);
    const browser = new TestBrowser(db, 'console', '198.51.100.2');
    const attempt = (password: string) => browser.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'worker', password }));
    for (let i = 0; i < 4; i++) expect((await rejection(attempt('wrong'))).cause).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const fifth = await rejection(attempt('wrong'));
    expect(fifth.code).toBe('TOO_MANY_REQUESTS');
    expect(fifth.cause).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const right = await rejection(attempt(FIXTURE_PASSWORD));
    expect(right.code).toBe('TOO_MANY_REQUESTS');
    if (!(right.cause instanceof AppError)) throw new Error('expected an AppError');
    expect(right.cause.details.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    // Another account from another address is unaffected.
    const other = new TestBrowser(db, 'console', '198.51.100.3');
    await other.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }));
    expect(other.hasSession).toBe(true);
  });

  it('locks a client address that tries many accounts', async () => {
    const browser = new TestBrowser(db, 'console', '198.51.100.99');
    let last: TRPCError | undefined;
    for (let i = 0; i < 30; i++) {
      last = await rejection(browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: `nobody${i}`, password: 'x' })));
    }
    expect(last?.cause).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const fromSameIp = await rejection(browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: 'admin', password: FIXTURE_PASSWORD })));
    expect(fromSameIp.code).toBe('TOO_MANY_REQUESTS');
  });

  it('answers malformed input with BAD_REQUEST and field errors, never a 500', async () => {
    const browser = new TestBrowser(db, 'console');
    const e = await rejection(browser.console((c) => c.auth.signIn({ systemId: '', loginId: 'x'.repeat(500), password: '' })));
    expect(e.code).toBe('BAD_REQUEST');
    const body = await rejection(browser.console((c) => c.auth.signIn(42 as never)));
    expect(body.code).toBe('BAD_REQUEST');
  });

  it('refuses a mutation without the CSRF header with FORBIDDEN', async () => {
    const browser = new TestBrowser(db, 'console', '203.0.113.50', false);
    const e = await rejection(browser.console((c) => c.auth.signIn({ systemId: tenant.systemId, loginId: 'admin', password: FIXTURE_PASSWORD })));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.cause).toMatchObject({ code: 'CSRF' });
  });

  it('refuses members of a suspended organisation with CONTRACT_INACTIVE, and blocks their live sessions at once (第19条)', async () => {
    const t = await createTenantFixture(adminDb);
    const live = await signedInUser(db, t, 'manager');
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { status: 'SUSPENDED' } });
    const browser = new TestBrowser(db, 'console');
    const e = await rejection(browser.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD })));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.cause).toMatchObject({ code: 'CONTRACT_INACTIVE' });
    const used = await rejection(live.console((c) => c.users.list()));
    expect(used.cause).toMatchObject({ code: 'CONTRACT_INACTIVE' });
  });
});

describe('reseller app sign-in', () => {
  it('signs in an operator and a reseller staff member', async () => {
    const op = await createOperatorFixture(adminDb);
    const rs = await createResellerFixture(adminDb);
    const opBrowser = await signedInProvider(db, 'operator', op.email);
    expect(await opBrowser.reseller((c) => c.auth.me())).toMatchObject({ kind: 'operator', operatorId: op.operatorId });
    const rsBrowser = await signedInProvider(db, 'resellerStaff', rs.staffEmail);
    expect(await rsBrowser.reseller((c) => c.auth.me())).toMatchObject({ kind: 'resellerStaff', resellerId: rs.resellerId });
    // An operator's e-mail does not open the reseller door, and vice versa.
    const wrongDoor = new TestBrowser(db, 'reseller', '203.0.113.77');
    const e = await rejection(wrongDoor.reseller((c) => c.auth.signIn({ kind: 'resellerStaff', email: op.email, password: FIXTURE_PASSWORD })));
    expect(e.cause).toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });
});

describe('agent device tokens', () => {
  it('issues a token at agent sign-in, stores only its hash, and sign-out revokes it', async () => {
    const browserless = await agentCaller(db, null);
    const signIn = await browserless.agent.auth.signIn({ systemId: tenant.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'WIN-PC-7' });
    expect(signIn.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await adminDb.agentDevice.findFirstOrThrow({ where: { tenantId: tenant.tenantId, id: signIn.deviceId } });
    expect(row.tokenHash).not.toBe(signIn.token);
    const agent = await agentCaller(db, signIn.token);
    expect(await agent.agent.auth.me()).toMatchObject({ deviceId: signIn.deviceId, userId: tenant.users.worker.id });
    await agent.agent.auth.signOut();
    const after = await agentCaller(db, signIn.token);
    expect((await rejection(after.agent.auth.me())).code).toBe('UNAUTHORIZED');
  });

  it('refuses a made-up token with UNAUTHORIZED', async () => {
    const agent = await agentCaller(db, 'not-a-real-token');
    expect((await rejection(agent.agent.tasks.list())).code).toBe('UNAUTHORIZED');
  });

  it('an admin can revoke a device, after which its token is refused', async () => {
    const anon = await agentCaller(db, null);
    const { token, deviceId } = await anon.agent.auth.signIn({ systemId: tenant.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'WIN-PC-8' });
    const admin = await signedInUser(db, tenant, 'admin');
    await admin.console((c) => c.devices.revoke({ deviceId }));
    expect((await rejection((await agentCaller(db, token)).agent.tasks.list())).code).toBe('UNAUTHORIZED');
  });
});
