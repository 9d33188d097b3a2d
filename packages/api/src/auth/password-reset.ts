import { randomBytes } from 'node:crypto';
import { lookupTenantBySystemId, withScope, withTenant, type Db } from '@telework/db';
import { checkSignInAllowList } from '../access/check-access';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import type { RequestMeta } from '../context';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';
import { trySend, type Mailer, type OutgoingMail } from '../mail/mailer';
import { revokeUserAccess } from '../people/users';
import { hashPassword } from './passwords';
import { accountKey, assertNotLocked, ipKey, recordFailure } from './throttle';
import { hashToken } from './tokens';

// Forgotten passwords: a one-time link by mail. The request always gets the same answer, whether or not
// the account exists or has an address, so the form cannot be used to find accounts; only the link's
// hash is stored, it expires after RESET_LINK_MINUTES, works once, and replaces every earlier link.

export const RESET_LINK_MINUTES = 30;
/** Requests per account (existing or not) and per address within LOGIN_LOCK_MINUTES before the form is refused. */
export const RESET_MAX_PER_ACCOUNT = 3;
export const RESET_MAX_PER_IP = 20;

const MINUTE = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const invalidLink = () => new AppError('NOT_FOUND', 'This password reset link is invalid, used or expired.', { reason: 'RESET_LINK_INVALID' });
const base = (url: string) => url.replace(/\/$/, '');
export const consoleResetUrl = (token: string) => `${base(apiEnv.CONSOLE_BASE_URL)}/reset-password/${encodeURIComponent(token)}`;
export const resellerResetUrl = (token: string) => `${base(apiEnv.RESELLER_BASE_URL)}/reset-password/${encodeURIComponent(token)}`;

/**
 * Counts this request against the account and the address, refusing it once either has used its
 * allowance. The account key is counted whether or not the account exists, so the refusal says nothing.
 */
async function throttleRequest(db: Db, account: string, ip: string | null, now: Date): Promise<void> {
  const keys = [`reset:${account}`, ...(ipKey(ip) ? [`reset:${ipKey(ip)}`] : [])];
  await assertNotLocked(db, keys, now).catch(() => {
    throw new AppError('ACCOUNT_LOCKED', 'Too many password reset requests; try again later.', { reason: 'RESET_THROTTLED' });
  });
  await recordFailure(db, `reset:${account}`, RESET_MAX_PER_ACCOUNT, now);
  const ipk = ipKey(ip);
  if (ipk) await recordFailure(db, `reset:${ipk}`, RESET_MAX_PER_IP, now);
}

const mailText = (name: string, url: string, extra: string[]) =>
  [
    `${name} 様`,
    '',
    'パスワード再設定のご依頼を受け付けました。次のリンクから新しいパスワードを設定してください',
    `（${RESET_LINK_MINUTES}分間・1回限り有効。以前お送りしたリンクは使えません）:`,
    url,
    ...extra,
    '',
    'お心当たりがない場合はこのメールを破棄してください。パスワードは変わりません。',
    '',
    `Someone asked to reset your password. Set a new one within ${RESET_LINK_MINUTES} minutes with the link above (it works once).`,
    'If this was not you, ignore this mail; your password stays as it is.',
  ].join('\n');

/**
 * Sends without making the caller wait: the answer must not differ, in content or in time, between an
 * account that gets a mail and one that does not, nor when the mail server refuses. A failure is audit-logged.
 */
function dispatch(mailer: Mailer, mail: OutgoingMail, onFailure: () => Promise<void>): Promise<void> {
  return trySend(mailer, mail)
    .then((ok) => (ok ? undefined : onFailure()))
    .catch(() => undefined);
}

const SUBJECT = '【Telework Supporter】パスワードの再設定 / Reset your password';

/** A console user (system ID + login ID) asks for a link; mailed to the user's address when there is one. */
export async function requestUserPasswordReset(
  db: Db,
  mailer: Mailer,
  input: { systemId: string; loginId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: true }> {
  const systemId = input.systemId.trim();
  const loginId = input.loginId.trim();
  await throttleRequest(db, accountKey('user', `${systemId}/${loginId}`), meta.ip, now);
  const tenant = await lookupTenantBySystemId(db, systemId);
  if (!tenant) return { ok: true };
  // Like sign-in: from outside the tenant's allow-list nothing happens and the refusal is logged for its admins.
  const access = await checkSignInAllowList(db, { ip: meta.ip, tenantId: tenant.id, path: 'auth.password_reset.request' });
  if (!access.allowed) throw new AppError('FORBIDDEN', 'Sign-in is not allowed from this address.', { reason: access.reason });
  if (tenant.status !== 'ACTIVE') return { ok: true };
  const token = `${tenant.id}.${randomBytes(32).toString('base64url')}`;
  const sent = await withTenant(db, tenant.id, async (tx) => {
    const user = await tx.user.findUnique({
      where: { tenantId_loginId: { tenantId: tenant.id, loginId } },
      select: { id: true, name: true, email: true, disabledAt: true },
    });
    if (!user || user.disabledAt || !user.email) return null;
    await tx.passwordReset.updateMany({ where: { tenantId: tenant.id, userId: user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    await tx.passwordReset.create({
      data: { tenantId: tenant.id, userId: user.id, email: user.email, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * MINUTE), createdAt: now },
    });
    await recordTenantAudit(tx, tenant.id, { actorKind: 'USER', actorId: user.id, action: 'auth.password_reset.requested', targetType: 'User', targetId: user.id, ip: meta.ip });
    return { id: user.id, name: user.name, email: user.email };
  });
  if (sent) {
    const mail = { to: sent.email, subject: SUBJECT, text: mailText(sent.name, consoleResetUrl(token), ['', `システムID: ${systemId} / ユーザID: ${loginId}`]) };
    void dispatch(mailer, mail, () =>
      withTenant(db, tenant.id, (tx) =>
        recordTenantAudit(tx, tenant.id, { actorKind: 'SYSTEM', actorId: null, action: 'mail.failed', targetType: 'User', targetId: sent.id, details: { mail: 'password_reset' } }),
      ),
    );
  }
  return { ok: true };
}

/** Sets a console user's new password from a link: ends every session and device token of the user. */
export async function confirmUserPasswordReset(db: Db, input: { token: string; password: string }, meta: RequestMeta, now = new Date()) {
  // The token names its tenant in clear so the scope can be opened before anyone is signed in; a token
  // whose tenant part was swapped for another tenant's id is simply not found there.
  const tenantId = input.token.split('.')[0] ?? '';
  if (!UUID.test(tenantId)) throw invalidLink();
  const access = await checkSignInAllowList(db, { ip: meta.ip, tenantId, path: 'auth.password_reset.confirm' });
  if (!access.allowed) throw new AppError('FORBIDDEN', 'Sign-in is not allowed from this address.', { reason: access.reason });
  const passwordHash = await hashPassword(input.password);
  return withTenant(db, tenantId, async (tx) => {
    const reset = await tx.passwordReset.findUnique({ where: { tokenHash: hashToken(input.token) } });
    if (!reset || reset.tenantId !== tenantId || reset.usedAt || reset.expiresAt <= now) throw invalidLink();
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { systemId: true, status: true } });
    const user = await tx.user.findUnique({ where: { tenantId_id: { tenantId, id: reset.userId } }, select: { loginId: true, disabledAt: true } });
    if (!tenant || tenant.status !== 'ACTIVE' || !user || user.disabledAt) throw invalidLink();
    // Claimed in one statement: of two concurrent uses, one finds the row already used.
    const claimed = await tx.passwordReset.updateMany({ where: { tenantId, id: reset.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw invalidLink();
    await tx.passwordReset.updateMany({ where: { tenantId, userId: reset.userId, usedAt: null }, data: { expiresAt: now } });
    await tx.user.updateMany({ where: { tenantId, id: reset.userId }, data: { passwordHash, mustChangePassword: false } });
    await revokeUserAccess(tx, { tenantId, userId: reset.userId, keepSessionId: null, now });
    await recordTenantAudit(tx, tenantId, { actorKind: 'USER', actorId: reset.userId, action: 'auth.password_reset.completed', targetType: 'User', targetId: reset.userId, ip: meta.ip });
    return { systemId: tenant.systemId, loginId: user.loginId };
  });
}

/** An operator or a reseller's staff member asks for a link, by e-mail address. */
export async function requestProviderPasswordReset(
  db: Db,
  mailer: Mailer,
  input: { kind: 'operator' | 'resellerStaff'; email: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: true }> {
  const email = input.email.trim().toLowerCase();
  await throttleRequest(db, accountKey(input.kind === 'operator' ? 'operator' : 'reseller', email), meta.ip, now);
  const token = randomBytes(32).toString('base64url');
  const row = { tokenHash: hashToken(token), email, expiresAt: new Date(now.getTime() + RESET_LINK_MINUTES * MINUTE), createdAt: now };
  let name: string | null = null;
  if (input.kind === 'operator') {
    const op = await db.operator.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true } });
    if (op && !op.disabledAt) {
      await db.providerPasswordReset.updateMany({ where: { operatorId: op.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
      await db.providerPasswordReset.create({ data: { ...row, operatorId: op.id } });
      await withScope(db, { operator: true }, (tx) =>
        recordProviderAudit(tx, { actorKind: 'OPERATOR', actorId: op.id, action: 'auth.password_reset.requested', ip: meta.ip }),
      );
      name = op.name;
    }
  } else {
    const staff = await db.resellerStaff.findUnique({ where: { email }, select: { id: true, name: true, disabledAt: true, reseller: { select: { id: true, status: true } } } });
    if (staff && !staff.disabledAt && staff.reseller.status === 'ACTIVE') {
      await db.providerPasswordReset.updateMany({ where: { resellerStaffId: staff.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
      await db.providerPasswordReset.create({ data: { ...row, resellerStaffId: staff.id } });
      await withScope(db, { resellerId: staff.reseller.id }, (tx) =>
        recordProviderAudit(tx, { actorKind: 'RESELLER_STAFF', actorId: staff.id, resellerId: staff.reseller.id, action: 'auth.password_reset.requested', ip: meta.ip }),
      );
      name = staff.name;
    }
  }
  if (name !== null) {
    void dispatch(mailer, { to: email, subject: SUBJECT, text: mailText(name, resellerResetUrl(token), []) }, () =>
      withScope(db, { operator: true }, (tx) => recordProviderAudit(tx, { actorKind: 'SYSTEM', actorId: null, action: 'mail.failed', details: { mail: 'password_reset', to: email } })),
    );
  }
  return { ok: true };
}

/** Sets an operator's or reseller staff member's new password from a link and ends all their sessions. */
export async function confirmProviderPasswordReset(db: Db, input: { token: string; password: string }, meta: RequestMeta, now = new Date()) {
  const passwordHash = await hashPassword(input.password);
  const reset = await db.providerPasswordReset.findUnique({ where: { tokenHash: hashToken(input.token) } });
  if (!reset || reset.usedAt || reset.expiresAt <= now) throw invalidLink();
  return db.$transaction(async (tx) => {
    const claimed = await tx.providerPasswordReset.updateMany({ where: { id: reset.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw invalidLink();
    if (reset.operatorId) {
      const op = await tx.operator.findUnique({ where: { id: reset.operatorId }, select: { id: true, disabledAt: true } });
      if (!op || op.disabledAt) throw invalidLink();
      await tx.providerPasswordReset.updateMany({ where: { operatorId: op.id, usedAt: null }, data: { expiresAt: now } });
      await tx.operator.update({ where: { id: op.id }, data: { passwordHash } });
      await tx.authSession.updateMany({ where: { operatorId: op.id, revokedAt: null }, data: { revokedAt: now } });
      await recordProviderAudit(tx, { actorKind: 'OPERATOR', actorId: op.id, action: 'auth.password_reset.completed', ip: meta.ip });
      return { kind: 'operator' as const, email: reset.email };
    }
    const staff = reset.resellerStaffId
      ? await tx.resellerStaff.findUnique({ where: { id: reset.resellerStaffId }, select: { id: true, disabledAt: true, resellerId: true } })
      : null;
    if (!staff || staff.disabledAt) throw invalidLink();
    await tx.providerPasswordReset.updateMany({ where: { resellerStaffId: staff.id, usedAt: null }, data: { expiresAt: now } });
    await tx.resellerStaff.update({ where: { id: staff.id }, data: { passwordHash } });
    await tx.authSession.updateMany({ where: { resellerStaffId: staff.id, revokedAt: null }, data: { revokedAt: now } });
    await recordProviderAudit(tx, { actorKind: 'RESELLER_STAFF', actorId: staff.id, resellerId: staff.resellerId, action: 'auth.password_reset.completed', ip: meta.ip });
    return { kind: 'resellerStaff' as const, email: reset.email };
  });
}
