import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { FIXTURE_PASSWORD, createTenantFixture } from '../testing/fixtures';
import { agentCaller, signedInAgent, signedInUser, TestBrowser, trpcCodeOf } from '../testing/callers';
import { useTestDatabase } from '../testing/db';
import { ACCESS_REFUSED_ACTION } from '../access/check-access';

const { db, adminDb } = useTestDatabase();

/** The transport code, the typed app code, the reason and the message of a refusal: everything a client learns. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) {
      const cause = e.cause as { code?: string; details?: { reason?: string } } | undefined;
      return { code: e.code, appCode: cause?.code, reason: cause?.details?.reason, message: e.message };
    }
    throw e;
  }
  throw new Error('expected a refusal');
}

const NEW_PASSWORD = 'Brand-new-pass-2026';
// Each agent call below builds a fresh caller from the token, as each HTTP request resolves the token anew.

// Issue 15, item 5: "After an admin resets a password the agent's device token still works; a user's
// own password change ends no other session or token. mustChangePassword is written but never read."
describe('a password reset ends every session and device token of the user', () => {
  it('the worker’s agent token stops working after the admin resets the password', async () => {
    const t = await createTenantFixture(adminDb);
    const agent = await signedInAgent(db, t, 'worker');
    const browser = await signedInUser(db, t, 'worker');
    expect(await trpcCodeOf((await agentCaller(db, agent.token)).agent.auth.me())).toBe('OK');
    const admin = await signedInUser(db, t, 'admin');
    await admin.console((c) => c.users.resetPassword({ userId: t.users.worker.id }));
    expect(await trpcCodeOf((await agentCaller(db, agent.token)).agent.auth.me())).toBe('UNAUTHORIZED');
    expect(await trpcCodeOf((await agentCaller(db, agent.token)).agent.work.punch({ kind: 'WORK_START', clientEventId: randomUUID(), occurredAt: new Date() }))).toBe('UNAUTHORIZED');
    expect(await browser.console((c) => c.auth.me())).toBeNull();
    expect(await adminDb.agentDevice.count({ where: { tenantId: t.tenantId, userId: t.users.worker.id, revokedAt: null } })).toBe(0);
    // The admin who made the reset is still signed in.
    expect(await trpcCodeOf(admin.console((c) => c.users.list()))).toBe('OK');
  });

  it('an admin resetting his own password keeps the session he does it from, and loses every other', async () => {
    const t = await createTenantFixture(adminDb);
    const here = await signedInUser(db, t, 'admin');
    const elsewhere = await signedInUser(db, t, 'admin');
    await here.console((c) => c.users.resetPassword({ userId: t.users.admin.id }));
    expect(await here.console((c) => c.auth.me())).toMatchObject({ userId: t.users.admin.id, mustChangePassword: true });
    expect(await elsewhere.console((c) => c.auth.me())).toBeNull();
  });
});

describe('an own password change ends every other session and every device token', () => {
  it('keeps the session making the change; another browser and the agent are signed out', async () => {
    const t = await createTenantFixture(adminDb);
    const here = await signedInUser(db, t, 'worker');
    const other = await signedInUser(db, t, 'worker');
    const agent = await signedInAgent(db, t, 'worker');
    // Someone else's session is untouched.
    const manager = await signedInUser(db, t, 'manager');
    await here.console((c) => c.profile.changePassword({ current: FIXTURE_PASSWORD, next: NEW_PASSWORD }));
    expect(await here.console((c) => c.auth.me())).toMatchObject({ userId: t.users.worker.id });
    expect(await trpcCodeOf(here.console((c) => c.work.myState()))).toBe('OK');
    expect(await other.console((c) => c.auth.me())).toBeNull();
    expect(await trpcCodeOf((await agentCaller(db, agent.token)).agent.auth.me())).toBe('UNAUTHORIZED');
    expect(await manager.console((c) => c.auth.me())).toMatchObject({ userId: t.users.manager.id });
    // The old password no longer signs in; the new one does.
    expect((await refusal(new TestBrowser(db, 'console').console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD })))).appCode).toBe(
      'INVALID_CREDENTIALS',
    );
    const fresh = new TestBrowser(db, 'console');
    await fresh.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: NEW_PASSWORD }));
    expect(fresh.hasSession).toBe(true);
  });
});

describe('an issued password opens nothing but its own change', () => {
  it('console: signed in with the issued password, every other procedure answers PASSWORD_CHANGE_REQUIRED until it is changed', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const { userId, initialPassword } = await admin.console((c) => c.users.create({ loginId: 'fresh', name: '新人', role: 'MANAGER', language: 'ja', groupIds: [t.groupId] }));
    const browser = new TestBrowser(db, 'console');
    const signIn = await browser.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'fresh', password: initialPassword }));
    expect(signIn).toMatchObject({ mustChangePassword: true });
    expect(await browser.console((c) => c.auth.me())).toMatchObject({ userId, mustChangePassword: true });

    const required = { code: 'FORBIDDEN', appCode: 'PASSWORD_CHANGE_REQUIRED' };
    expect(await refusal(browser.console((c) => c.users.list()))).toMatchObject(required);
    expect(await refusal(browser.console((c) => c.work.myState()))).toMatchObject(required);
    expect(await refusal(browser.console((c) => c.profile.update({ name: '別名', language: 'ja' })))).toMatchObject(required);
    expect(await refusal(browser.console((c) => c.work.punch({ kind: 'WORK_START', clientEventId: randomUUID(), occurredAt: new Date() })))).toMatchObject(required);
    expect(await adminDb.punch.count({ where: { tenantId: t.tenantId, userId } })).toBe(0);
    // The change screen can read who is signed in.
    expect(await browser.console((c) => c.profile.get())).toMatchObject({ id: userId });
    // "Changing" it to itself is refused: the issuer would still know it.
    expect(await refusal(browser.console((c) => c.profile.changePassword({ current: initialPassword, next: initialPassword })))).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'VALIDATION',
    });
    await browser.console((c) => c.profile.changePassword({ current: initialPassword, next: NEW_PASSWORD }));
    expect((await adminDb.user.findFirstOrThrow({ where: { id: userId } })).mustChangePassword).toBe(false);
    expect(await trpcCodeOf(browser.console((c) => c.users.list()))).toBe('OK');
    expect(await browser.console((c) => c.auth.me())).toMatchObject({ mustChangePassword: false });
  });

  it('agent: sign-in with an issued password gets a typed refusal and no device token; an existing device is refused too', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const { userId, initialPassword } = await admin.console((c) => c.users.create({ loginId: 'newbie', name: '新人', role: 'WORKER', language: 'ja', groupIds: [t.groupId] }));
    const anon = await agentCaller(db, null);
    expect(await refusal(anon.agent.auth.signIn({ systemId: t.systemId, loginId: 'newbie', password: initialPassword, deviceName: 'PC' }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'PASSWORD_CHANGE_REQUIRED',
    });
    expect(await adminDb.agentDevice.count({ where: { tenantId: t.tenantId, userId } })).toBe(0);
    // A wrong password is still just a wrong password (the refusal above comes only after the password proved right).
    expect((await refusal(anon.agent.auth.signIn({ systemId: t.systemId, loginId: 'newbie', password: 'not-the-password', deviceName: 'PC' }))).appCode).toBe('INVALID_CREDENTIALS');
    // A device registered before the flag was set (e.g. set by a future flow) gets the same typed refusal.
    const agent = await signedInAgent(db, t, 'worker');
    await adminDb.user.updateMany({ where: { id: t.users.worker.id }, data: { mustChangePassword: true } });
    expect(await refusal((await agentCaller(db, agent.token)).agent.auth.me())).toMatchObject({ code: 'FORBIDDEN', appCode: 'PASSWORD_CHANGE_REQUIRED' });
  });

  it('agent: the forced change screen changes the issued password and signs the device in; nothing else gets through', async () => {
    const t = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const { userId, initialPassword } = await admin.console((c) => c.users.create({ loginId: 'newbie', name: '新人', role: 'WORKER', language: 'ja', groupIds: [t.groupId] }));
    const anon = await agentCaller(db, null);
    const change = (input: { systemId?: string; loginId?: string; password?: string; newPassword: string }) =>
      anon.agent.auth.changeIssuedPassword({ systemId: t.systemId, loginId: 'newbie', password: initialPassword, deviceName: 'PC', ...input });
    // Another tenant's system ID with these credentials is a wrong sign-in, whatever the account.
    expect((await refusal(change({ systemId: other.systemId, newPassword: NEW_PASSWORD }))).code).toBe('UNAUTHORIZED');
    // A wrong issued password, the issued password again, and a too-short one change nothing.
    expect((await refusal(change({ password: 'not-the-password', newPassword: NEW_PASSWORD }))).appCode).toBe('INVALID_CREDENTIALS');
    expect(await refusal(change({ newPassword: initialPassword }))).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION' });
    expect((await refusal(change({ newPassword: 'short' }))).code).toBe('BAD_REQUEST');
    // A password that was not issued is changed in the console, not here.
    expect(await refusal(anon.agent.auth.changeIssuedPassword({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, newPassword: NEW_PASSWORD, deviceName: 'PC' }))).toMatchObject({
      code: 'PRECONDITION_FAILED',
      reason: 'PASSWORD_NOT_ISSUED',
    });
    expect(await adminDb.user.findFirstOrThrow({ where: { id: userId } })).toMatchObject({ mustChangePassword: true });
    expect(await adminDb.agentDevice.count({ where: { tenantId: t.tenantId, userId } })).toBe(0);

    const done = await change({ newPassword: NEW_PASSWORD });
    expect(done).toMatchObject({ user: { id: userId, name: '新人' }, tenantName: expect.any(String) as string });
    expect(await adminDb.user.findFirstOrThrow({ where: { id: userId } })).toMatchObject({ mustChangePassword: false });
    // The token it returned works; the issued password no longer signs in, the new one does.
    expect(await trpcCodeOf((await agentCaller(db, done.token)).agent.auth.me())).toBe('OK');
    expect((await refusal(anon.agent.auth.signIn({ systemId: t.systemId, loginId: 'newbie', password: initialPassword, deviceName: 'PC' }))).appCode).toBe('INVALID_CREDENTIALS');
    expect(await trpcCodeOf(anon.agent.auth.signIn({ systemId: t.systemId, loginId: 'newbie', password: NEW_PASSWORD, deviceName: 'PC2' }))).toBe('OK');
    // Once changed, the screen cannot be used again (the password is no longer an issued one).
    expect((await refusal(change({ password: NEW_PASSWORD, newPassword: 'Yet-another-pass-2026' }))).reason).toBe('PASSWORD_NOT_ISSUED');
  });
});

// Issue 15, item 7: "the IP allow-list is not checked at sign-in (a password can be confirmed from outside)".
describe('the tenant’s IP allow-list applies at sign-in', () => {
  it('from outside the list, the right and the wrong password get the same refusal, and no session or token', async () => {
    const t = await createTenantFixture(adminDb);
    await adminDb.tenant.update({ where: { id: t.tenantId }, data: { ipAllowList: ['10.20.0.0/16'] } });
    const outside = '203.0.113.10';
    const right = new TestBrowser(db, 'console', outside);
    const wrong = new TestBrowser(db, 'console', outside);
    const withRight = await refusal(right.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD })));
    const withWrong = await refusal(wrong.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: 'Wrong-pass-2026' })));
    expect(withRight).toEqual({ code: 'FORBIDDEN', appCode: 'FORBIDDEN', reason: 'NOT_IN_ALLOW_LIST', message: expect.any(String) });
    expect(withWrong).toEqual(withRight);
    expect(right.hasSession).toBe(false);
    expect(await adminDb.authSession.count({ where: { tenantId: t.tenantId } })).toBe(0);
    // The agent's sign-in likewise.
    const agentRight = await refusal((await agentCaller(db, null, outside)).agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: FIXTURE_PASSWORD, deviceName: 'PC' }));
    const agentWrong = await refusal((await agentCaller(db, null, outside)).agent.auth.signIn({ systemId: t.systemId, loginId: 'worker', password: 'Wrong-pass-2026', deviceName: 'PC' }));
    expect(agentRight).toEqual(withRight);
    expect(agentWrong).toEqual(withRight);
    expect(await adminDb.agentDevice.count({ where: { tenantId: t.tenantId, userId: t.users.worker.id } })).toBe(1); // the fixture's own
    // Refusals are logged for the tenant's administrators; no sign-in is.
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: ACCESS_REFUSED_ACTION, ip: outside } })).toBe(4);
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: { startsWith: 'auth.sign_in' } } })).toBe(0);
    // From inside the list the same password signs in.
    const inside = new TestBrowser(db, 'console', '10.20.3.4');
    await inside.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }));
    expect(inside.hasSession).toBe(true);
  });

  it('an empty allow-list lets any address (that passed the country rule) sign in', async () => {
    const t = await createTenantFixture(adminDb);
    const browser = new TestBrowser(db, 'console', '203.0.113.10');
    await browser.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }));
    expect(browser.hasSession).toBe(true);
  });
});
