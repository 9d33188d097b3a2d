import { lookupTenantBySystemId, withScope, withTenant, type Db } from '@telework/db';
import { contractInactive } from '../contracts/inactive';
import { AppError } from '../errors/app-error';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import type { RequestMeta } from '../context';
import { checkSignInAllowList } from '../access/check-access';
import { verifyPassword } from './passwords';
import { accountKey, assertNotLocked, clearAccountFailures, ipKey, registerFailedAttempt } from './throttle';

const invalid = () => new AppError('INVALID_CREDENTIALS', 'The ID or password is incorrect.');

async function guardAttempt(db: Db, account: string, meta: RequestMeta): Promise<void> {
  const keys = [account, ipKey(meta.ip)].filter((k): k is string => k !== null);
  await assertNotLocked(db, keys);
}

export interface UserCredentials {
  systemId: string;
  loginId: string;
  password: string;
}

/**
 * Verifies an organisation member (admin, manager or worker) by system ID + user ID + password.
 * Used by the console and by the agent. Failures count toward per-account and per-address locks.
 */
export async function verifyUserCredentials(db: Db, input: UserCredentials, meta: RequestMeta, channel: 'console' | 'agent') {
  const account = accountKey('user', `${input.systemId}/${input.loginId}`);
  await guardAttempt(db, account, meta);
  const tenant = await lookupTenantBySystemId(db, input.systemId.trim());
  if (tenant) {
    // The tenant's IP allow-list applies to sign-in too, and before the password is looked at: from an
    // address outside it the answer is the same refusal whether the password is right or wrong, so a
    // stolen or guessed password cannot be confirmed from outside. The refusal is audit-logged for the tenant.
    const access = await checkSignInAllowList(db, { ip: meta.ip, tenantId: tenant.id, path: `auth.sign_in.${channel}` });
    if (!access.allowed) throw new AppError('FORBIDDEN', 'Sign-in is not allowed from this address.', { reason: access.reason });
  }
  const user = tenant
    ? await withTenant(db, tenant.id, (tx) =>
        tx.user.findUnique({
          where: { tenantId_loginId: { tenantId: tenant.id, loginId: input.loginId.trim() } },
          select: { id: true, name: true, role: true, language: true, passwordHash: true, disabledAt: true, mustChangePassword: true },
        }),
      )
    : null;
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!tenant || !user || !ok || user.disabledAt) {
    await registerFailedAttempt(db, account, meta.ip);
    throw invalid();
  }
  // Told only after the password proved who is asking, so strangers learn nothing about contracts.
  if (tenant.status !== 'ACTIVE') throw contractInactive(tenant.status, user.role);
  await clearAccountFailures(db, account);
  await withTenant(db, tenant.id, (tx) =>
    recordTenantAudit(tx, tenant.id, { actorKind: 'USER', actorId: user.id, action: `auth.sign_in.${channel}`, ip: meta.ip }),
  );
  return { tenant, user: { id: user.id, name: user.name, role: user.role, language: user.language, mustChangePassword: user.mustChangePassword } };
}

export async function verifyOperatorCredentials(db: Db, input: { email: string; password: string }, meta: RequestMeta) {
  const account = accountKey('operator', input.email);
  await guardAttempt(db, account, meta);
  const operator = await db.operator.findUnique({ where: { email: input.email.trim().toLowerCase() } });
  const ok = await verifyPassword(operator?.passwordHash, input.password);
  if (!operator || !ok || operator.disabledAt) {
    await registerFailedAttempt(db, account, meta.ip);
    throw invalid();
  }
  await clearAccountFailures(db, account);
  await withScope(db, { operator: true }, (tx) =>
    recordProviderAudit(tx, { actorKind: 'OPERATOR', actorId: operator.id, action: 'auth.sign_in', ip: meta.ip }),
  );
  return { id: operator.id, name: operator.name };
}

export async function verifyResellerStaffCredentials(db: Db, input: { email: string; password: string }, meta: RequestMeta) {
  const account = accountKey('reseller', input.email);
  await guardAttempt(db, account, meta);
  const staff = await db.resellerStaff.findUnique({
    where: { email: input.email.trim().toLowerCase() },
    include: { reseller: { select: { id: true, name: true, status: true } } },
  });
  const ok = await verifyPassword(staff?.passwordHash, input.password);
  if (!staff || !ok || staff.disabledAt) {
    await registerFailedAttempt(db, account, meta.ip);
    throw invalid();
  }
  if (staff.reseller.status !== 'ACTIVE') throw new AppError('CONTRACT_INACTIVE', 'This reseller is not active.');
  await clearAccountFailures(db, account);
  await withScope(db, { resellerId: staff.reseller.id }, (tx) =>
    recordProviderAudit(tx, { actorKind: 'RESELLER_STAFF', actorId: staff.id, resellerId: staff.reseller.id, action: 'auth.sign_in', ip: meta.ip }),
  );
  return { id: staff.id, name: staff.name, resellerId: staff.reseller.id, resellerName: staff.reseller.name };
}
