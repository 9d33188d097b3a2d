import { applyScope, type Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import type { Mailer } from '../mail/mailer';
import { createInvitation, INVITATION_DAYS, inviteUrl } from './invitations';

/** Where a registered administrator stands with signing in, as operators need to know it. */
export type AdministratorAccess = 'ACTIVE' | 'INVITED' | 'EXPIRED' | 'NOT_INVITED' | 'DISABLED';

async function visibleTenant(db: Tx, tenantId: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, systemId: true, name: true, status: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such tenant.');
  return tenant;
}

/** Invitations are tenant rows: read or write them in the tenant's scope, then return to the operator's. */
async function inTenantScope<T>(db: Tx, tenantId: string, run: () => Promise<T>): Promise<T> {
  await applyScope(db, { operator: true, tenantId });
  try {
    return await run();
  } finally {
    await applyScope(db, { operator: true });
  }
}

/**
 * The tenant's registered administrators (第4条1項) with their sign-in state: never its other users,
 * and never a password hash, only whether one is set.
 */
export async function listAdministrators(db: Tx, { tenantId, now = new Date() }: { tenantId: string; now?: Date }) {
  await visibleTenant(db, tenantId);
  const admins = await inTenantScope(db, tenantId, () =>
    db.user.findMany({
      where: { tenantId, isRegisteredAdministrator: true },
      orderBy: { loginId: 'asc' },
      select: {
        id: true, loginId: true, name: true, department: true, email: true, disabledAt: true, passwordHash: true,
        invitations: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true, expiresAt: true, usedAt: true } },
      },
    }),
  );
  return admins.map(({ passwordHash, invitations, ...a }) => {
    const last = invitations[0] ?? null;
    const access: AdministratorAccess = a.disabledAt
      ? 'DISABLED'
      : passwordHash
        ? 'ACTIVE'
        : !last
          ? 'NOT_INVITED'
          : last.expiresAt > now
            ? 'INVITED'
            : 'EXPIRED';
    return { ...a, access, lastInvitation: last };
  });
}

/**
 * Operators re-send the sign-in invitation of an administrator who has not set a password yet (the
 * link expired or was lost). Earlier links stop working at once. An administrator who already signs
 * in is refused: a fresh link would let whoever reads that mailbox replace the password.
 */
export async function resendInvitation(db: Tx, mailer: Mailer, operator: { id: string }, input: { tenantId: string; userId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const tenant = await visibleTenant(db, input.tenantId);
  const sent = await inTenantScope(db, tenant.id, async () => {
    const user = await db.user.findFirst({
      where: { tenantId: tenant.id, id: input.userId, isRegisteredAdministrator: true },
      select: { id: true, loginId: true, name: true, email: true, disabledAt: true, passwordHash: true },
    });
    if (!user) throw new AppError('NOT_FOUND', 'No such administrator.');
    if (tenant.status !== 'ACTIVE') throw new AppError('CONFLICT', 'The contract is not active.', { reason: 'CONTRACT_NOT_ACTIVE' });
    if (user.disabledAt) throw new AppError('CONFLICT', 'The administrator is disabled.', { reason: 'USER_DISABLED' });
    if (user.passwordHash) throw new AppError('CONFLICT', 'The administrator already has a password.', { reason: 'PASSWORD_ALREADY_SET' });
    if (!user.email) throw new AppError('CONFLICT', 'The administrator has no e-mail address.', { reason: 'NO_EMAIL' });
    await db.invitation.updateMany({ where: { tenantId: tenant.id, userId: user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const token = await createInvitation(db, { tenantId: tenant.id, userId: user.id, email: user.email, now });
    return { user: { ...user, email: user.email }, token };
  });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: tenant.id, action: 'invitation.resend', targetType: 'User', targetId: sent.user.id, details: { email: sent.user.email },
  });
  await mailer.send({
    to: sent.user.email,
    subject: '【Telework Supporter】サインイン用リンクの再送 / Your sign-in link',
    text: [
      `${sent.user.name} 様`,
      '',
      `${tenant.name} 様の管理者として、パスワード設定用のリンクを再発行しました。以前お送りしたリンクは使えません。`,
      `システムID: ${tenant.systemId} / ログインID: ${sent.user.loginId}`,
      '',
      `次のリンクからパスワードを設定してください（${INVITATION_DAYS}日間有効）:`,
      inviteUrl(sent.token),
      '',
      `A new link to set your password (valid for ${INVITATION_DAYS} days); earlier links no longer work. System ID ${tenant.systemId}, login ID ${sent.user.loginId}.`,
    ].join('\n'),
  });
  return { userId: sent.user.id, email: sent.user.email, expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000) };
}

/** The console's administrators and which of them are registered with the provider (第4条1項), for the report of changes. */
export function consoleAdministrators(db: Tx, tenantId: string) {
  return db.user.findMany({
    where: { tenantId, role: 'ADMIN', disabledAt: null },
    orderBy: { loginId: 'asc' },
    select: { id: true, loginId: true, name: true, department: true, email: true, isRegisteredAdministrator: true },
  });
}
