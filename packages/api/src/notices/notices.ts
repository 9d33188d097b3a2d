import type { Db, Prisma, Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordProviderAudit } from '../audit/audit-log';
import { assertNoticeTiming, isCurrentNotice, nextAttemptAt, type NoticeKind } from './notice-rules';

export interface NoticeInput {
  kind: NoticeKind;
  audience: 'ALL_TENANTS' | 'SELECTED_TENANTS';
  tenantIds?: string[];
  titleJa: string;
  titleEn?: string | null;
  bodyJa: string;
  bodyEn?: string | null;
  publishAt?: Date | null;
  effectiveAt?: Date | null;
  maintenanceStartAt?: Date | null;
  maintenanceEndAt?: Date | null;
  emergency?: boolean;
  showOnLoginScreen?: boolean;
}

const publicNoticeSelect = {
  id: true,
  kind: true,
  titleJa: true,
  titleEn: true,
  bodyJa: true,
  bodyEn: true,
  publishAt: true,
  effectiveAt: true,
  maintenanceStartAt: true,
  maintenanceEndAt: true,
  emergency: true,
  withdrawnAt: true,
} satisfies Prisma.NoticeSelect;

/**
 * An operator writes a notice (db: operator scope). One delivery row is created per registered
 * administrator of each target tenant; the delivery job sends them from `publishAt` on.
 */
export async function createNotice(db: Tx, args: { operatorId: string; ip: string | null; now: Date; input: NoticeInput }) {
  const { input, now } = args;
  const publishAt = input.publishAt && input.publishAt > now ? input.publishAt : now;
  assertNoticeTiming({ ...input, publishAt });
  const tenantIds = input.audience === 'ALL_TENANTS' ? null : [...new Set(input.tenantIds ?? [])];
  if (tenantIds && tenantIds.length === 0) throw new AppError('VALIDATION', 'Choose at least one customer.', { fieldErrors: { tenantIds: ['required'] } });
  const tenants = await db.tenant.findMany({
    where: tenantIds ? { id: { in: tenantIds } } : { status: 'ACTIVE' },
    select: { id: true },
  });
  if (tenantIds && tenants.length !== tenantIds.length) throw new AppError('NOT_FOUND', 'Customer not found.');

  const notice = await db.notice.create({
    data: {
      kind: input.kind,
      audience: input.audience,
      titleJa: input.titleJa,
      titleEn: input.titleEn ?? null,
      bodyJa: input.bodyJa,
      bodyEn: input.bodyEn ?? null,
      publishAt,
      effectiveAt: input.effectiveAt ?? null,
      maintenanceStartAt: input.maintenanceStartAt ?? null,
      maintenanceEndAt: input.maintenanceEndAt ?? null,
      emergency: input.emergency ?? false,
      showOnLoginScreen: input.showOnLoginScreen ?? true,
      createdByOperatorId: args.operatorId,
    },
  });
  if (tenantIds) await db.noticeTarget.createMany({ data: tenantIds.map((tenantId) => ({ tenantId, noticeId: notice.id })) });
  const termsVersion = notice.kind === 'TERMS_CHANGE' && notice.effectiveAt ? await recordTermsVersion(db, notice, notice.effectiveAt) : null;

  // Operators can read registered administrators only (RLS), which is exactly who receives notices (第4条4項).
  const admins = await db.user.findMany({
    where: { tenantId: { in: tenants.map((t) => t.id) }, isRegisteredAdministrator: true, disabledAt: null, email: { not: null } },
    select: { tenantId: true, id: true, email: true },
  });
  await db.noticeDelivery.createMany({
    data: admins.flatMap((a) => (a.email ? [{ tenantId: a.tenantId, noticeId: notice.id, userId: a.id, email: a.email }] : [])),
  });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR',
    actorId: args.operatorId,
    action: 'notice.create',
    targetType: 'Notice',
    targetId: notice.id,
    details: { kind: notice.kind, audience: notice.audience, recipients: admins.length, ...(termsVersion ? { termsVersion: termsVersion.version } : {}) },
    ip: args.ip,
  });
  return { ...notice, recipients: admins.length, termsVersion: termsVersion?.version ?? null };
}

/** The Tokyo calendar date a terms version takes effect names it, e.g. "2027-04-01". */
export function termsVersionLabel(effectiveAt: Date): string {
  return effectiveAt.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
}

/**
 * A terms change (第3条) is a new version of the terms, in force from its date of effect; the notice
 * that announces it is its publication. Two changes taking effect the same day would be one version.
 */
async function recordTermsVersion(db: Tx, notice: { id: string; titleJa: string; bodyJa: string; publishAt: Date }, effectiveAt: Date) {
  const version = termsVersionLabel(effectiveAt);
  if (await db.termsVersion.findUnique({ where: { version }, select: { id: true } })) {
    throw new AppError('CONFLICT', `A terms version taking effect on ${version} already exists.`, { reason: 'TERMS_VERSION_EXISTS', fieldErrors: { effectiveAt: ['taken'] } });
  }
  return db.termsVersion.create({
    data: { version, title: notice.titleJa, body: notice.bodyJa, publishedAt: notice.publishAt, effectiveAt, noticeId: notice.id },
    select: { version: true },
  });
}

export async function withdrawNotice(db: Tx, args: { operatorId: string; ip: string | null; noticeId: string; now: Date }) {
  const notice = await db.notice.findUnique({ where: { id: args.noticeId } });
  if (!notice) throw new AppError('NOT_FOUND', 'Notice not found.');
  if (notice.withdrawnAt) return notice;
  const updated = await db.notice.update({ where: { id: notice.id }, data: { withdrawnAt: args.now } });
  // A withdrawn terms change never takes effect; one already in force stays part of the terms' history.
  const dropped = await db.termsVersion.deleteMany({ where: { noticeId: notice.id, effectiveAt: { gt: args.now } } });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR',
    actorId: args.operatorId,
    action: 'notice.withdraw',
    targetType: 'Notice',
    targetId: notice.id,
    ...(dropped.count > 0 ? { details: { termsVersionWithdrawn: true } } : {}),
    ip: args.ip,
  });
  return updated;
}

/** Operators' list with delivery counts per status. */
export async function listNoticesForOperators(db: Tx) {
  const notices = await db.notice.findMany({ orderBy: { publishAt: 'desc' }, take: 200, include: { targets: { select: { tenantId: true } } } });
  const counts = await db.noticeDelivery.groupBy({ by: ['noticeId', 'status'], where: { noticeId: { in: notices.map((n) => n.id) } }, _count: { _all: true } });
  return notices.map((n) => {
    const mine = counts.filter((c) => c.noticeId === n.id);
    const count = (s: 'PENDING' | 'SENT' | 'FAILED') => mine.find((c) => c.status === s)?._count._all ?? 0;
    return { ...n, tenantIds: n.targets.map((t) => t.tenantId), deliveries: { pending: count('PENDING'), sent: count('SENT'), failed: count('FAILED') } };
  });
}

/**
 * Per recipient: status, attempts, last error, the send time (= delivery time, 第4条4項) and when the
 * delivery job tries again (null once sent, withdrawn or out of retries).
 */
export async function noticeDeliveriesReport(db: Tx, args: { noticeId: string }) {
  const notice = await db.notice.findUnique({ where: { id: args.noticeId }, select: { id: true, publishAt: true, withdrawnAt: true } });
  if (!notice) throw new AppError('NOT_FOUND', 'Notice not found.');
  const rows = await db.noticeDelivery.findMany({
    where: { noticeId: args.noticeId },
    orderBy: [{ tenantId: 'asc' }, { email: 'asc' }],
    select: {
      id: true,
      tenantId: true,
      userId: true,
      email: true,
      status: true,
      attempts: true,
      lastError: true,
      sentAt: true,
      createdAt: true,
      tenant: { select: { name: true, systemId: true } },
    } satisfies Prisma.NoticeDeliverySelect,
  });
  return rows.map(({ tenant, createdAt, ...r }) => {
    // The same base the delivery job counts its backoff from.
    const base = notice.publishAt > createdAt ? notice.publishAt : createdAt;
    const nextAttempt = r.status === 'SENT' || notice.withdrawnAt ? null : nextAttemptAt(base, r.attempts);
    return { ...r, tenantName: tenant.name, systemId: tenant.systemId, nextAttemptAt: nextAttempt };
  });
}

/** The sign-in screen (no session, 第4条4項 "posting"): current notices addressed to every customer. */
export async function loginScreenNotices(db: Db | Tx, now: Date) {
  const rows = await db.notice.findMany({
    where: { audience: 'ALL_TENANTS', showOnLoginScreen: true, withdrawnAt: null, publishAt: { lte: now } },
    orderBy: { publishAt: 'desc' },
    take: 50,
    select: publicNoticeSelect,
  });
  return rows.filter((n) => isCurrentNotice(n, now)).slice(0, 10);
}

/** Home screen of a signed-in admin/manager (db: tenant scope): every notice for all customers or for this one. */
export async function noticesForTenant(db: Tx, args: { tenantId: string; now: Date; includePast?: boolean }) {
  const rows = await db.notice.findMany({
    where: {
      withdrawnAt: null,
      publishAt: { lte: args.now },
      OR: [{ audience: 'ALL_TENANTS' }, { targets: { some: { tenantId: args.tenantId } } }],
    },
    orderBy: { publishAt: 'desc' },
    take: 100,
    select: publicNoticeSelect,
  });
  return rows.map((n) => ({ ...n, current: isCurrentNotice(n, args.now) })).filter((n) => args.includePast || n.current);
}
