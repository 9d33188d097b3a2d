import { createHash, randomBytes } from 'node:crypto';
import { withTenant, type Db, type Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { hashPassword } from '../auth/passwords';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';

export const INVITATION_DAYS = 7;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The console page where an invited administrator sets a password. */
export const inviteUrl = (token: string) => `${apiEnv.CONSOLE_BASE_URL.replace(/\/$/, '')}/invite/${encodeURIComponent(token)}`;

/**
 * A sign-in invitation. The token carries the tenant id in clear (`<tenantId>.<secret>`) so the public
 * page can open the right tenant scope before any session exists; only the hash of the whole token is stored.
 */
export async function createInvitation(db: Tx, input: { tenantId: string; userId: string; email: string; now?: Date }): Promise<string> {
  const now = input.now ?? new Date();
  const token = `${input.tenantId}.${randomBytes(32).toString('base64url')}`;
  await db.invitation.create({
    data: { tenantId: input.tenantId, userId: input.userId, email: input.email, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000) },
  });
  return token;
}

const invalid = () => new AppError('NOT_FOUND', 'This invitation link is invalid, used or expired.', { reason: 'INVITATION_INVALID' });

/** Sets the invited administrator's password once; the link then stops working. */
export async function acceptInvitation(db: Db, input: { token: string; password: string; now?: Date }) {
  const now = input.now ?? new Date();
  const tenantId = input.token.split('.')[0] ?? '';
  if (!/^[0-9a-f-]{36}$/.test(tenantId)) throw invalid();
  const passwordHash = await hashPassword(input.password);
  return withTenant(db, tenantId, async (tx) => {
    const inv = await tx.invitation.findUnique({ where: { tokenHash: hashToken(input.token) } });
    if (!inv || inv.tenantId !== tenantId || inv.usedAt || inv.expiresAt <= now) throw invalid();
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { systemId: true, status: true } });
    // Administrators of a contract that starts later may set their password now (they sign in from the start date).
    if (tenant.status !== 'ACTIVE' && tenant.status !== 'PENDING_START') throw new AppError('CONTRACT_INACTIVE', 'The contract is not active.');
    const user = await tx.user.update({
      where: { tenantId_id: { tenantId, id: inv.userId } },
      data: { passwordHash, mustChangePassword: false },
      select: { loginId: true, disabledAt: true },
    });
    if (user.disabledAt) throw invalid();
    await tx.invitation.update({ where: { tenantId_id: { tenantId, id: inv.id } }, data: { usedAt: now } });
    await recordTenantAudit(tx, tenantId, { actorKind: 'USER', actorId: inv.userId, action: 'invitation.accept', targetType: 'User', targetId: inv.userId });
    return { systemId: tenant.systemId, loginId: user.loginId };
  });
}
