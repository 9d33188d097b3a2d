import { randomBytes } from 'node:crypto';
import type { InquiryChannel, Prisma, Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import type { Mailer } from '../mail/mailer';
import { addBusinessMinutes, autoAcceptAt, FIRST_ANSWER_BUSINESS_MINUTES, firstAnswerDueAt } from './rules';
import { notifyAdministrator, notifySupport } from './inquiry-mail';

/**
 * First answer due: 3 hours of support time (仕様書 4). The specification states it for phone
 * inquiries; web and e-mail inquiries get the same target, counted from the next opening when they
 * arrive outside hours, so every inquiry shows a due time.
 */
export function dueFor(receivedAt: Date, channel: InquiryChannel): Date {
  return (channel === 'PHONE' ? firstAnswerDueAt(receivedAt, 'phone') : null) ?? addBusinessMinutes(receivedAt, FIRST_ANSWER_BUSINESS_MINUTES);
}

/** Names compared without spaces (half- or full-width), the way people type 山田 太郎 / 山田太郎. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return norm(a) === norm(b);
}

function inquiryNumber(now: Date): string {
  const day = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }).replaceAll('-', '');
  return `Q-${day}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

const inquirySummarySelect = {
  id: true,
  tenantId: true,
  number: true,
  channel: true,
  subject: true,
  status: true,
  receivedAt: true,
  firstAnswerDueAt: true,
  firstAnsweredAt: true,
  lastAnsweredAt: true,
  closedAt: true,
  administratorId: true,
} as const;

function withDeadlines<T extends { lastAnsweredAt: Date | null; status: string; firstAnswerDueAt: Date; firstAnsweredAt: Date | null }>(i: T, now: Date) {
  return {
    ...i,
    autoAcceptAt: i.status === 'ANSWERED' && i.lastAnsweredAt ? autoAcceptAt(i.lastAnsweredAt) : null,
    firstAnswerOverdue: !i.firstAnsweredAt && i.firstAnswerDueAt < now,
  };
}

async function loadRegisteredAdministrator(db: Tx, tenantId: string, userId: string) {
  const user = await db.user.findUnique({
    where: { tenantId_id: { tenantId, id: userId } },
    select: { id: true, name: true, email: true, isRegisteredAdministrator: true, disabledAt: true },
  });
  // 第4条2項, 仕様書 4: only registered administrators may contact the provider.
  if (!user || user.disabledAt || !user.isRegisteredAdministrator) {
    throw new AppError('FORBIDDEN', 'Only registered administrators can contact the provider.', { reason: 'NOT_REGISTERED_ADMINISTRATOR' });
  }
  return user;
}

/** The console form (db: tenant scope). The administrator types the system ID and their own name, which are checked. */
export async function openInquiry(
  db: Tx,
  args: { tenantId: string; userId: string; ip: string | null; now: Date; mailer: Mailer; input: { systemId: string; administratorName: string; subject: string; body: string } },
) {
  const admin = await loadRegisteredAdministrator(db, args.tenantId, args.userId);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: args.tenantId }, select: { systemId: true, name: true } });
  const fieldErrors: Record<string, string[]> = {};
  if (args.input.systemId.trim() !== tenant.systemId) fieldErrors.systemId = ['mismatch'];
  if (!sameName(args.input.administratorName, admin.name)) fieldErrors.administratorName = ['mismatch'];
  if (Object.keys(fieldErrors).length > 0) throw new AppError('VALIDATION', 'The system ID or the administrator’s name does not match.', { fieldErrors });

  const receivedAt = args.now;
  const inquiry = await db.inquiry.create({
    data: {
      tenantId: args.tenantId,
      number: inquiryNumber(receivedAt),
      administratorId: admin.id,
      channel: 'WEB',
      subject: args.input.subject,
      receivedAt,
      firstAnswerDueAt: dueFor(receivedAt, 'WEB'),
      messages: { create: { author: 'ADMINISTRATOR', userId: admin.id, body: args.input.body, createdAt: receivedAt } },
    },
    select: inquirySummarySelect,
  });
  await recordTenantAudit(db, args.tenantId, { actorKind: 'USER', actorId: admin.id, action: 'inquiry.open', targetType: 'Inquiry', targetId: inquiry.id, details: { number: inquiry.number }, ip: args.ip });
  const notified = await notifySupport(args.mailer, {
    ...inquiry,
    tenantName: tenant.name,
    systemId: tenant.systemId,
    administratorName: admin.name,
    body: args.input.body,
    reply: false,
  });
  return { ...withDeadlines(inquiry, args.now), notified };
}

/** A registered administrator replies (db: tenant scope); the conversation is open again and the support desk is told. */
export async function replyToInquiry(db: Tx, args: { tenantId: string; userId: string; inquiryId: string; body: string; now: Date; mailer: Mailer; ip: string | null }) {
  const admin = await loadRegisteredAdministrator(db, args.tenantId, args.userId);
  const inquiry = await db.inquiry.findFirst({ where: { tenantId: args.tenantId, id: args.inquiryId }, include: { tenant: { select: { name: true, systemId: true } } } });
  if (!inquiry) throw new AppError('NOT_FOUND', 'Inquiry not found.');
  if (inquiry.status === 'CLOSED' || inquiry.status === 'AUTO_ACCEPTED') {
    throw new AppError('RULE_VIOLATION', 'This inquiry is closed; please open a new one.', { reason: 'INQUIRY_CLOSED' });
  }
  await db.inquiryMessage.create({ data: { tenantId: args.tenantId, inquiryId: inquiry.id, author: 'ADMINISTRATOR', userId: admin.id, body: args.body, createdAt: args.now } });
  await db.inquiry.update({ where: { tenantId_id: { tenantId: args.tenantId, id: inquiry.id } }, data: { status: 'OPEN' } });
  await recordTenantAudit(db, args.tenantId, { actorKind: 'USER', actorId: admin.id, action: 'inquiry.reply', targetType: 'Inquiry', targetId: inquiry.id, ip: args.ip });
  const notified = await notifySupport(args.mailer, {
    number: inquiry.number,
    subject: inquiry.subject,
    tenantName: inquiry.tenant.name,
    systemId: inquiry.tenant.systemId,
    administratorName: admin.name,
    body: args.body,
    firstAnswerDueAt: inquiry.firstAnswerDueAt,
    reply: true,
  });
  return { notified };
}

/**
 * The administrators behind some inquiries, by id. Read separately, not as a required relation:
 * an administrator de-registered since (第28条2項) is no longer visible to operators, and the
 * inquiry must still list (with no name) rather than fail.
 */
async function administratorsById(db: Tx, ids: string[]) {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u]));
}

/** Inquiries of one tenant (db: tenant scope) or, for operators (db: operator scope), of all tenants. */
export async function listInquiries(db: Tx, args: { tenantId?: string; status?: 'OPEN' | 'ANSWERED' | 'CLOSED' | 'AUTO_ACCEPTED'; now: Date }) {
  const rows = await db.inquiry.findMany({
    where: { ...(args.tenantId ? { tenantId: args.tenantId } : {}), ...(args.status ? { status: args.status } : {}) },
    orderBy: [{ receivedAt: 'desc' }],
    take: 500,
    select: { ...inquirySummarySelect, tenant: { select: { name: true, systemId: true } } },
  });
  const admins = await administratorsById(db, rows.map((r) => r.administratorId));
  return rows.map(({ tenant, ...i }) => ({ ...withDeadlines(i, args.now), tenantName: tenant.name, systemId: tenant.systemId, administratorName: admins.get(i.administratorId)?.name ?? null }));
}

/** One inquiry with its messages; another tenant's id is NOT_FOUND. */
export async function getInquiry(db: Tx, args: { tenantId: string; inquiryId: string; now: Date }) {
  const inquiry = await db.inquiry.findFirst({
    where: { tenantId: args.tenantId, id: args.inquiryId },
    select: {
      ...inquirySummarySelect,
      loggedByOperatorId: true,
      tenant: { select: { name: true, systemId: true } },
      messages: { orderBy: { createdAt: 'asc' }, select: { id: true, author: true, userId: true, operatorId: true, body: true, createdAt: true } },
    },
  });
  if (!inquiry) throw new AppError('NOT_FOUND', 'Inquiry not found.');
  const { tenant, ...rest } = inquiry;
  const admin = (await administratorsById(db, [inquiry.administratorId])).get(inquiry.administratorId);
  return { ...withDeadlines(rest, args.now), tenantName: tenant.name, systemId: tenant.systemId, administratorName: admin?.name ?? null };
}

/** An operator answers (db: operator scope); the administrator gets the answer by e-mail and a week to reply. */
export async function answerInquiry(db: Tx, args: { operatorId: string; tenantId: string; inquiryId: string; body: string; now: Date; mailer: Mailer; ip: string | null }) {
  const inquiry = await db.inquiry.findFirst({ where: { tenantId: args.tenantId, id: args.inquiryId } });
  if (!inquiry) throw new AppError('NOT_FOUND', 'Inquiry not found.');
  const adminEmail = (await administratorsById(db, [inquiry.administratorId])).get(inquiry.administratorId)?.email ?? null;
  if (inquiry.status === 'CLOSED' || inquiry.status === 'AUTO_ACCEPTED') throw new AppError('RULE_VIOLATION', 'This inquiry is closed.', { reason: 'INQUIRY_CLOSED' });
  await db.inquiryMessage.create({ data: { tenantId: args.tenantId, inquiryId: inquiry.id, author: 'OPERATOR', operatorId: args.operatorId, body: args.body, createdAt: args.now } });
  await db.inquiry.update({
    where: { tenantId_id: { tenantId: args.tenantId, id: inquiry.id } },
    data: { status: 'ANSWERED', lastAnsweredAt: args.now, firstAnsweredAt: inquiry.firstAnsweredAt ?? args.now },
  });
  await recordProviderAudit(db, { actorKind: 'OPERATOR', actorId: args.operatorId, tenantId: args.tenantId, action: 'inquiry.answer', targetType: 'Inquiry', targetId: inquiry.id, ip: args.ip });
  const notified = adminEmail
    ? await notifyAdministrator(args.mailer, adminEmail, { number: inquiry.number, subject: inquiry.subject, body: args.body, autoAcceptAt: autoAcceptAt(args.now) })
    : false;
  return { notified, autoAcceptAt: autoAcceptAt(args.now) };
}

/**
 * The registered administrators of one tenant (db: operator scope), for an operator logging a phone
 * call: the caller must be one of them (第4条2項), picked by name from this list.
 */
export async function listRegisteredAdministrators(db: Tx, args: { tenantId: string }) {
  const tenant = await db.tenant.findUnique({ where: { id: args.tenantId }, select: { id: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'Customer not found.');
  return db.user.findMany({
    where: { tenantId: args.tenantId, isRegisteredAdministrator: true, disabledAt: null },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, department: true, email: true } satisfies Prisma.UserSelect,
  });
}

/** An operator records a phone call from a named registered administrator (db: operator scope). */
export async function logPhoneInquiry(
  db: Tx,
  args: { operatorId: string; now: Date; ip: string | null; input: { tenantId: string; administratorId: string; subject: string; body: string; receivedAt?: Date | null } },
) {
  const { input } = args;
  // Operators can read registered administrators only (RLS): anyone else is simply not found.
  const admin = await db.user.findFirst({ where: { tenantId: input.tenantId, id: input.administratorId, isRegisteredAdministrator: true, disabledAt: null }, select: { id: true } });
  if (!admin) throw new AppError('NOT_FOUND', 'Registered administrator not found.');
  const receivedAt = input.receivedAt && input.receivedAt <= args.now ? input.receivedAt : args.now;
  const inquiry = await db.inquiry.create({
    data: {
      tenantId: input.tenantId,
      number: inquiryNumber(receivedAt),
      administratorId: admin.id,
      channel: 'PHONE',
      subject: input.subject,
      receivedAt,
      firstAnswerDueAt: dueFor(receivedAt, 'PHONE'),
      loggedByOperatorId: args.operatorId,
      messages: { create: { author: 'ADMINISTRATOR', userId: admin.id, body: input.body, createdAt: receivedAt } },
    },
    select: inquirySummarySelect,
  });
  await recordProviderAudit(db, { actorKind: 'OPERATOR', actorId: args.operatorId, tenantId: input.tenantId, action: 'inquiry.phone', targetType: 'Inquiry', targetId: inquiry.id, ip: args.ip });
  return withDeadlines(inquiry, args.now);
}

export async function closeInquiry(db: Tx, args: { operatorId: string; tenantId: string; inquiryId: string; now: Date; ip: string | null }) {
  const inquiry = await db.inquiry.findFirst({ where: { tenantId: args.tenantId, id: args.inquiryId }, select: { id: true, status: true } });
  if (!inquiry) throw new AppError('NOT_FOUND', 'Inquiry not found.');
  if (inquiry.status === 'CLOSED' || inquiry.status === 'AUTO_ACCEPTED') return { status: inquiry.status };
  await db.inquiry.update({ where: { tenantId_id: { tenantId: args.tenantId, id: inquiry.id } }, data: { status: 'CLOSED', closedAt: args.now } });
  await recordProviderAudit(db, { actorKind: 'OPERATOR', actorId: args.operatorId, tenantId: args.tenantId, action: 'inquiry.close', targetType: 'Inquiry', targetId: inquiry.id, ip: args.ip });
  return { status: 'CLOSED' as const };
}
