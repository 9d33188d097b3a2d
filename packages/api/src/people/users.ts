import { userPublicSelect, type Language, type Tx, type UserRole } from '@telework/db';
import { AppError } from '../errors/app-error';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { recordTenantAudit } from '../audit/audit-log';
import { generatePassword } from './passwords-policy';
import { withinSeats } from './seats';
import { getMasterKeyring } from '../crypto';
import { removeEvidence } from '../evidence/chain-head';
import { assertUserVisible, visibleUserIds, type Viewer } from './scope';
import { assertKeepsAnActiveAdmin, assertMayActOn, assertMayCreate } from './act-on-user';

interface Actor extends Viewer {
  ip: string | null;
  /** The web session making the change, kept when the actor's own credentials change. */
  sessionId?: string | null;
}

export async function listUsers(db: Tx, { tenantId, viewer }: { tenantId: string; viewer: Viewer }) {
  const ids = await visibleUserIds(db, tenantId, viewer);
  return db.user.findMany({
    where: { tenantId, ...(ids ? { id: { in: ids } } : {}) },
    select: { ...userPublicSelect, memberships: { select: { groupId: true, kind: true } } },
    orderBy: [{ role: 'asc' }, { loginId: 'asc' }],
  });
}

export async function getUser(db: Tx, { tenantId, viewer, userId }: { tenantId: string; viewer: Viewer; userId: string }) {
  await assertUserVisible(db, tenantId, viewer, userId);
  const user = await db.user.findFirst({
    where: { tenantId, id: userId },
    select: { ...userPublicSelect, memberships: { select: { groupId: true, kind: true } } },
  });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  return user;
}

export interface UserFields {
  name: string;
  email?: string | null;
  department?: string | null;
  role: UserRole;
  language: Language;
  groupIds: string[];
}

async function assertGroupsExist(db: Tx, tenantId: string, groupIds: string[]) {
  if (groupIds.length === 0) return;
  const found = await db.group.count({ where: { tenantId, id: { in: groupIds } } });
  if (found !== new Set(groupIds).size) throw new AppError('NOT_FOUND', 'No such group.');
}

async function setMemberships(db: Tx, tenantId: string, userId: string, groupIds: string[]) {
  await db.groupMembership.deleteMany({ where: { tenantId, userId, kind: 'MEMBER' } });
  if (groupIds.length) {
    await db.groupMembership.createMany({ data: [...new Set(groupIds)].map((groupId) => ({ tenantId, userId, groupId, kind: 'MEMBER' as const })) });
  }
}

/** The target's role and state, read for the last-admin rule. */
async function targetState(db: Tx, tenantId: string, userId: string) {
  const target = await db.user.findFirst({ where: { tenantId, id: userId }, select: { id: true, role: true, disabledAt: true } });
  if (!target) throw new AppError('NOT_FOUND', 'No such user.');
  return target;
}

/** Creates a user with an issued password, returned once and stored only as an argon2id hash. */
export async function createUser(db: Tx, { tenantId, actor, input }: { tenantId: string; actor: Actor; input: UserFields & { loginId: string } }) {
  await assertMayCreate(db, tenantId, actor, input.role, input.groupIds);
  await assertGroupsExist(db, tenantId, input.groupIds);
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const user = await withinSeats(db, tenantId, async () => {
    const u = await db.user.create({
      data: {
        tenantId, loginId: input.loginId, name: input.name, email: input.email ?? null, department: input.department ?? null,
        role: input.role, language: input.language, passwordHash, mustChangePassword: true,
      },
      select: { id: true },
    });
    await setMemberships(db, tenantId, u.id, input.groupIds);
    return u;
  });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'user.created', targetType: 'User', targetId: user.id, details: { name: input.name, loginId: input.loginId, role: input.role }, ip: actor.ip });
  return { userId: user.id, initialPassword };
}

export async function updateUser(db: Tx, { tenantId, actor, userId, input }: { tenantId: string; actor: Actor; userId: string; input: UserFields }) {
  const target = await assertMayActOn(db, tenantId, actor, 'edit', userId);
  if (input.role !== target.role) await assertMayActOn(db, tenantId, actor, 'changeRole', userId, input.role);
  await assertGroupsExist(db, tenantId, input.groupIds);
  if (userId === actor.id && input.role !== actor.role) throw new AppError('RULE_VIOLATION', 'You cannot change your own role.', { reason: 'OWN_ROLE' });
  await assertKeepsAnActiveAdmin(db, tenantId, 'changeRole', await targetState(db, tenantId, userId), { newRole: input.role });
  // The log keeps what changed, from what to what (issue 18: "role: 作業者 → 管理者", in words on the screens).
  const before = await db.user.findUnique({ where: { tenantId_id: { tenantId, id: userId } }, select: { name: true, email: true, department: true, role: true, language: true } });
  await withinSeats(db, tenantId, async () => {
    const r = await db.user.updateMany({
      where: { tenantId, id: userId },
      data: { name: input.name, email: input.email, department: input.department, role: input.role, language: input.language },
    });
    if (r.count === 0) throw new AppError('NOT_FOUND', 'No such user.');
    await setMemberships(db, tenantId, userId, input.groupIds);
  });
  const after = { name: input.name, email: input.email ?? null, department: input.department ?? null, role: input.role, language: input.language };
  const changes = Object.fromEntries(
    (Object.keys(after) as (keyof typeof after)[]).filter((k) => before && (before[k] ?? null) !== after[k]).map((k) => [k, { from: before?.[k] ?? null, to: after[k] }]),
  );
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'user.updated', targetType: 'User', targetId: userId, details: { name: input.name, changes }, ip: actor.ip });
  return { ok: true as const };
}

/** Disabling ends the user's web sessions and agent devices at once; enabling counts against seats. */
export async function setUserDisabled(db: Tx, { tenantId, actor, userId, disabled }: { tenantId: string; actor: Actor; userId: string; disabled: boolean }) {
  await assertMayActOn(db, tenantId, actor, 'setDisabled', userId);
  if (userId === actor.id) throw new AppError('RULE_VIOLATION', 'You cannot disable yourself.', { reason: 'SELF' });
  await assertKeepsAnActiveAdmin(db, tenantId, 'setDisabled', await targetState(db, tenantId, userId), { disabled });
  const now = new Date();
  await withinSeats(db, tenantId, async () => {
    const r = await db.user.updateMany({ where: { tenantId, id: userId }, data: { disabledAt: disabled ? now : null } });
    if (r.count === 0) throw new AppError('NOT_FOUND', 'No such user.');
  });
  if (disabled) {
    await db.authSession.updateMany({ where: { tenantId, userId, revokedAt: null }, data: { revokedAt: now } });
    await db.agentDevice.updateMany({ where: { tenantId, userId, revokedAt: null }, data: { revokedAt: now } });
  }
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: disabled ? 'user.disabled' : 'user.enabled', targetType: 'User', targetId: userId, ip: actor.ip });
  return { ok: true as const };
}

/** Deletes a user and, by cascade, everything recorded about them. The audit log keeps the fact. */
export async function deleteUser(db: Tx, { tenantId, actor, userId }: { tenantId: string; actor: Actor; userId: string }) {
  await assertMayActOn(db, tenantId, actor, 'delete', userId);
  if (userId === actor.id) throw new AppError('RULE_VIOLATION', 'You cannot delete yourself.', { reason: 'SELF' });
  await assertKeepsAnActiveAdmin(db, tenantId, 'delete', await targetState(db, tenantId, userId));
  // The name outlives the user in the audit log: the viewer names the deleted user's entries from it.
  const gone = await db.user.findUnique({ where: { tenantId_id: { tenantId, id: userId } }, select: { name: true, loginId: true } });
  if (!gone) throw new AppError('NOT_FOUND', 'No such user.');
  await db.authSession.deleteMany({ where: { tenantId, userId } });
  // The user's evidence goes with a checkpoint in the chain, so verify does not take it for tampering.
  await removeEvidence(db, getMasterKeyring, tenantId, { userId }, 'USER_DELETED', new Date());
  const r = await db.user.deleteMany({ where: { tenantId, id: userId } });
  if (r.count === 0) throw new AppError('NOT_FOUND', 'No such user.');
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'user.deleted', targetType: 'User', targetId: userId, details: { name: gone.name, loginId: gone.loginId }, ip: actor.ip });
  return { ok: true as const };
}

/**
 * Ends every web session and agent device token of a user after a credential change, except the
 * session making the change (an actor resetting or changing his own password stays signed in there).
 */
export async function revokeUserAccess(db: Tx, { tenantId, userId, keepSessionId, now }: { tenantId: string; userId: string; keepSessionId?: string | null; now: Date }) {
  const sessions = await db.authSession.updateMany({
    where: { tenantId, userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: now },
  });
  const devices = await db.agentDevice.updateMany({ where: { tenantId, userId, revokedAt: null }, data: { revokedAt: now } });
  return { sessions: sessions.count, devices: devices.count };
}

/** Issues a new password (shown once), ends the user's sessions and devices, and requires a change at next sign-in. */
export async function resetPassword(db: Tx, { tenantId, actor, userId }: { tenantId: string; actor: Actor; userId: string }) {
  await assertMayActOn(db, tenantId, actor, 'resetPassword', userId);
  const password = generatePassword();
  const r = await db.user.updateMany({ where: { tenantId, id: userId }, data: { passwordHash: await hashPassword(password), mustChangePassword: true } });
  if (r.count === 0) throw new AppError('NOT_FOUND', 'No such user.');
  await revokeUserAccess(db, { tenantId, userId, keepSessionId: userId === actor.id ? actor.sessionId : null, now: new Date() });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'user.password_reset', targetType: 'User', targetId: userId, ip: actor.ip });
  return { password };
}

/** The user's own change: every other session and every agent device of the user is signed out. */
export async function changeOwnPassword(
  db: Tx,
  { tenantId, userId, sessionId, current, next, ip }: { tenantId: string; userId: string; sessionId: string | null; current: string; next: string; ip: string | null },
) {
  const user = await db.user.findFirst({ where: { tenantId, id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('VALIDATION', 'The current password is incorrect.', { fieldErrors: { current: ['incorrect'] } });
  }
  // An issued password "changed" to itself would still be known to whoever issued it.
  if (next === current) throw new AppError('VALIDATION', 'The new password must differ from the current one.', { fieldErrors: { next: ['same as current'] } });
  await db.user.updateMany({ where: { tenantId, id: userId }, data: { passwordHash: await hashPassword(next), mustChangePassword: false } });
  await revokeUserAccess(db, { tenantId, userId, keepSessionId: sessionId, now: new Date() });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: userId, action: 'user.password_changed', targetType: 'User', targetId: userId, ip });
  return { ok: true as const };
}

export async function updateOwnProfile(db: Tx, { tenantId, userId, input }: { tenantId: string; userId: string; input: { name: string; email?: string | null; department?: string | null; language: Language } }) {
  // Omitted fields stay as they are; null clears them.
  await db.user.updateMany({ where: { tenantId, id: userId }, data: { name: input.name, email: input.email, department: input.department, language: input.language } });
  return db.user.findFirstOrThrow({ where: { tenantId, id: userId }, select: userPublicSelect });
}
