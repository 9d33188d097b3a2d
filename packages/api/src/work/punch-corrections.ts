import type { Prisma, Tx, UserRole } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { formatJstDateTime } from '../calendar';
import { AppError } from '../errors/app-error';
import { trySend, type Mailer } from '../mail/mailer';
import { assertUserVisible, visibleUserIds } from '../people/scope';
import { assertMonthsOpen } from './month-close';

// 打刻修正. A worker asks for a work session's start and end to be read as other times (or for work
// that was never punched); a manager of the worker, or an administrator, approves or rejects; an
// administrator may also correct directly. The punched session is never changed: the correction
// is a record of its own, which the reports apply (newest approved one per session) and mark.

const MAX_SESSION_MS = 24 * 3_600_000;

export interface CorrectionActor {
  id: string;
  role: UserRole;
  ip?: string | null;
}

export interface CorrectionTimes {
  workSessionId: string | null;
  startedAt: Date;
  endedAt: Date;
  reason: string;
}

export const correctionSelect = {
  id: true,
  userId: true,
  workSessionId: true,
  startedAt: true,
  endedAt: true,
  reason: true,
  status: true,
  requestedById: true,
  decidedById: true,
  decidedAt: true,
  decisionNote: true,
  createdAt: true,
  user: { select: { name: true, loginId: true } },
  workSession: { select: { startedAt: true, endedAt: true, flaggedForgotten: true } },
} satisfies Prisma.PunchCorrectionSelect;

function checkTimes(times: CorrectionTimes, now: Date) {
  const fieldErrors: Record<string, string[]> = {};
  if (!(times.endedAt.getTime() > times.startedAt.getTime())) fieldErrors.endedAt = ['after the start'];
  else if (times.endedAt.getTime() - times.startedAt.getTime() > MAX_SESSION_MS) fieldErrors.endedAt = ['at most 24 hours after the start'];
  if (times.endedAt.getTime() > now.getTime()) fieldErrors.endedAt = ['not in the future'];
  if (times.reason.trim() === '') fieldErrors.reason = ['required'];
  if (Object.keys(fieldErrors).length > 0) throw new AppError('VALIDATION', 'The correction is not valid.', { fieldErrors });
}

async function ownedSession(db: Tx, tenantId: string, userId: string, workSessionId: string | null) {
  if (workSessionId === null) return null;
  const session = await db.workSession.findFirst({ where: { tenantId, id: workSessionId, userId }, select: { id: true, startedAt: true, endedAt: true } });
  if (!session) throw new AppError('NOT_FOUND', 'No such work session.');
  return session;
}

/** Who decides a worker's request: the managers of the worker's groups, else the administrators. */
async function approverAddresses(db: Tx, tenantId: string, userId: string): Promise<string[]> {
  const groups = await db.groupMembership.findMany({ where: { tenantId, userId, kind: 'MEMBER' }, select: { groupId: true } });
  const managers = await db.groupMembership.findMany({
    where: { tenantId, groupId: { in: groups.map((g) => g.groupId) }, kind: 'MANAGER', userId: { not: userId } },
    select: { user: { select: { email: true } } },
  });
  let emails = managers.flatMap((m) => (m.user.email ? [m.user.email] : []));
  if (emails.length === 0) {
    const admins = await db.user.findMany({ where: { tenantId, role: 'ADMIN', id: { not: userId } }, select: { email: true } });
    emails = admins.flatMap((a) => (a.email ? [a.email] : []));
  }
  return [...new Set(emails)];
}

const span = (start: Date, end: Date | null) => `${formatJstDateTime(start)} – ${end ? formatJstDateTime(end) : '（終了打刻なし / no end punch）'}`;

/** A worker's own request. */
export async function requestCorrection(db: Tx, { tenantId, actor, times, now, mailer }: { tenantId: string; actor: CorrectionActor; times: CorrectionTimes; now: Date; mailer: Mailer }) {
  checkTimes(times, now);
  const session = await ownedSession(db, tenantId, actor.id, times.workSessionId);
  await assertMonthsOpen(db, { tenantId, userId: actor.id, spans: [{ start: times.startedAt, end: times.endedAt }, ...(session ? [{ start: session.startedAt, end: session.endedAt }] : [])] });
  if (times.workSessionId !== null && (await db.punchCorrection.count({ where: { tenantId, workSessionId: times.workSessionId, status: 'PENDING' } })) > 0) {
    throw new AppError('CONFLICT', 'A request for this work session is already waiting.');
  }
  const created = await db.punchCorrection.create({
    data: { tenantId, userId: actor.id, workSessionId: times.workSessionId, startedAt: times.startedAt, endedAt: times.endedAt, reason: times.reason.trim(), requestedById: actor.id },
    select: correctionSelect,
  });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'work.correction_requested', targetType: 'PunchCorrection', targetId: created.id, details: { workSessionId: times.workSessionId, startedAt: times.startedAt.toISOString(), endedAt: times.endedAt.toISOString() }, ip: actor.ip ?? null });
  const to = await approverAddresses(db, tenantId, actor.id);
  const notified =
    to.length > 0 &&
    (await trySend(mailer, {
      to,
      subject: `【Telework Supporter】打刻修正の申請 / Punch correction request: ${created.user.name}`,
      text: [
        `${created.user.name}（${created.user.loginId}）さんから打刻修正の申請があります。 / ${created.user.name} asks for a punch correction.`,
        '',
        `打刻 / punched: ${session ? span(session.startedAt, session.endedAt) : '（なし / none）'}`,
        `修正後 / corrected: ${span(times.startedAt, times.endedAt)}`,
        `理由 / reason: ${created.reason}`,
        '',
        'コンソールの「打刻修正」画面で承認または却下してください。 / Approve or reject it on the console’s Punch corrections screen.',
      ].join('\n'),
    }));
  return { ...created, notified };
}

/** A manager of the worker (or an administrator) approves or rejects a waiting request. */
export async function decideCorrection(
  db: Tx,
  { tenantId, actor, id, approve, note, now, mailer }: { tenantId: string; actor: CorrectionActor; id: string; approve: boolean; note: string | null; now: Date; mailer: Mailer },
) {
  const found = await db.punchCorrection.findFirst({ where: { tenantId, id }, select: { id: true, userId: true, requestedById: true, status: true, startedAt: true, endedAt: true, workSession: { select: { startedAt: true, endedAt: true } } } });
  if (!found) throw new AppError('NOT_FOUND', 'No such correction.');
  await assertUserVisible(db, tenantId, actor, found.userId);
  if (found.requestedById === actor.id || found.userId === actor.id) throw new AppError('FORBIDDEN', 'Nobody decides their own correction.');
  if (found.status !== 'PENDING') throw new AppError('CONFLICT', 'The correction has already been decided.');
  // Approving changes a month's figures: not in a closed month. Rejecting changes nothing.
  if (approve) await assertMonthsOpen(db, { tenantId, userId: found.userId, spans: [{ start: found.startedAt, end: found.endedAt }, ...(found.workSession ? [{ start: found.workSession.startedAt, end: found.workSession.endedAt }] : [])] });
  const status = approve ? 'APPROVED' : 'REJECTED';
  // The status condition makes two simultaneous decisions impossible: the second updates nothing.
  const updated = await db.punchCorrection.updateMany({ where: { tenantId, id, status: 'PENDING' }, data: { status, decidedById: actor.id, decidedAt: now, decisionNote: note?.trim() || null } });
  if (updated.count !== 1) throw new AppError('CONFLICT', 'The correction has already been decided.');
  const decided = await db.punchCorrection.findFirstOrThrow({ where: { tenantId, id }, select: { ...correctionSelect, user: { select: { name: true, loginId: true, email: true } } } });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: approve ? 'work.correction_approved' : 'work.correction_rejected', targetType: 'PunchCorrection', targetId: id, details: { userId: found.userId, note: decided.decisionNote }, ip: actor.ip ?? null });
  if (decided.user.email) {
    await trySend(mailer, {
      to: decided.user.email,
      subject: `【Telework Supporter】打刻修正は${approve ? '承認' : '却下'}されました / Your punch correction was ${approve ? 'approved' : 'rejected'}`,
      text: [`修正後 / corrected: ${span(decided.startedAt, decided.endedAt)}`, `理由 / reason: ${decided.reason}`, decided.decisionNote ? `コメント / note: ${decided.decisionNote}` : ''].join('\n'),
    });
  }
  const { email: _email, ...user } = decided.user;
  return { ...decided, user };
}

/** An administrator's direct correction: recorded and approved at once, by the administrator. */
export async function applyCorrection(db: Tx, { tenantId, actor, userId, times, now }: { tenantId: string; actor: CorrectionActor; userId: string; times: CorrectionTimes; now: Date }) {
  checkTimes(times, now);
  if ((await db.user.count({ where: { tenantId, id: userId } })) === 0) throw new AppError('NOT_FOUND', 'No such user.');
  const session = await ownedSession(db, tenantId, userId, times.workSessionId);
  await assertMonthsOpen(db, { tenantId, userId, spans: [{ start: times.startedAt, end: times.endedAt }, ...(session ? [{ start: session.startedAt, end: session.endedAt }] : [])] });
  const created = await db.punchCorrection.create({
    data: { tenantId, userId, workSessionId: times.workSessionId, startedAt: times.startedAt, endedAt: times.endedAt, reason: times.reason.trim(), status: 'APPROVED', requestedById: actor.id, decidedById: actor.id, decidedAt: now },
    select: correctionSelect,
  });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'work.correction_applied', targetType: 'PunchCorrection', targetId: created.id, details: { userId, workSessionId: times.workSessionId, startedAt: times.startedAt.toISOString(), endedAt: times.endedAt.toISOString() }, ip: actor.ip ?? null });
  return created;
}

/** The worker's own requests and their outcome, newest first. */
export function listOwnCorrections(db: Tx, { tenantId, userId }: { tenantId: string; userId: string }) {
  return db.punchCorrection.findMany({ where: { tenantId, userId }, select: correctionSelect, orderBy: { createdAt: 'desc' }, take: 200 });
}

/** Requests of the workers a manager or administrator may decide for; waiting ones by default. */
export async function listCorrectionsToDecide(db: Tx, { tenantId, viewer, status }: { tenantId: string; viewer: CorrectionActor; status: 'PENDING' | 'APPROVED' | 'REJECTED' }) {
  const ids = await visibleUserIds(db, tenantId, viewer);
  return db.punchCorrection.findMany({
    where: { tenantId, status, ...(ids ? { userId: { in: ids.filter((id) => id !== viewer.id) } } : {}) },
    select: correctionSelect,
    orderBy: { createdAt: 'desc' },
    take: 500,
  });
}

/** A worker's own work sessions of a period, to pick the one to correct. */
export function ownSessionsBetween(db: Tx, { tenantId, userId, from, to }: { tenantId: string; userId: string; from: Date; to: Date }) {
  return db.workSession.findMany({
    where: { tenantId, userId, startedAt: { gte: from, lt: to } },
    select: { id: true, startedAt: true, endedAt: true, flaggedForgotten: true },
    orderBy: { startedAt: 'desc' },
  });
}
