import { randomInt } from 'node:crypto';
import type Stripe from 'stripe';
import { applyScope, type Prisma, type RejectionReason, type Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { ensureAnnualInvoice } from '../billing/invoices';
import { addDays, addMonthsClamped, compareIsoDates } from '../calendar/dates';
import { toJstDate } from '../calendar/jst';
import { AppError } from '../errors/app-error';
import { trySend, type Mailer } from '../mail/mailer';
import { assertTransition } from './lifecycle';
import { contractTerm } from './rules';
import { createInvitation, inviteUrl } from './invitations';
import { dbDateToIso, isoToDbDate, type ProviderActor } from './provider-actor';
import type { ApplicationInput } from './schemas';

/** Monthly fee per added seat (第14条1項, price list). Annual fees come from the application itself. */
export const SEAT_MONTHLY_FEE_JPY = 500;

const REJECTION_TEXT: Record<RejectionReason, string> = {
  FALSE_STATEMENT: '申込内容に虚偽の記載、誤記または記入漏れがあったため（第9条2項1号）',
  PAST_SERIOUS_BREACH: '過去に本規約違反等により利用停止・解除を受けたことがあるため（第9条2項2号）',
  UNSUITABLE: '当社の業務遂行上支障があると判断したため（第9条2項3号）',
  TECHNICALLY_DIFFICULT: '技術上の理由により提供が困難なため（第9条2項4号）',
  NOT_DOMESTIC_ENTITY: '日本国内に所在する法人・団体ではないため（第9条2項5号）',
  OTHER: 'その他当社が不適当と判断したため（第9条2項6号）',
};

interface Administrator { name: string; department?: string; email: string }

function administratorsOf(value: Prisma.JsonValue): Administrator[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.email === 'string' && typeof v.name === 'string') {
      return [{ name: v.name, email: v.email, department: typeof v.department === 'string' ? v.department : undefined }];
    }
    return [];
  });
}

/** The terms of service in force at `now` (第3条: versions take effect on their date), if any is recorded. */
async function termsInForce(db: Tx, now: Date) {
  return db.termsVersion.findFirst({ where: { effectiveAt: { lte: now } }, orderBy: { effectiveAt: 'desc' }, select: { version: true } });
}

/**
 * 第9条1項: an application entered by a reseller for its customer, or by an operator (direct channel),
 * with the customer's agreement to the terms (the schema requires it) and the version agreed to.
 */
export async function submitApplication(db: Tx, actor: ProviderActor, input: ApplicationInput, now = new Date()) {
  const channel = actor.kind === 'RESELLER_STAFF' ? 'RESELLER' : 'DIRECT';
  if (channel === 'DIRECT' && input.resellerAnnualPrice !== undefined) {
    throw new AppError('VALIDATION', 'A direct application has no reseller price.', { fieldErrors: { resellerAnnualPrice: ['not allowed'] } });
  }
  const app = await db.application.create({
    data: {
      channel,
      resellerId: actor.kind === 'RESELLER_STAFF' ? actor.resellerId : null,
      companyName: input.companyName,
      companyNameKana: input.companyNameKana ?? null,
      corporateNumber: input.corporateNumber ?? null,
      isDomesticEntity: input.isDomesticEntity,
      postalCode: input.postalCode,
      address: input.address,
      phone: input.phone,
      administrators: input.administrators,
      seats: input.seats,
      termMonths: input.termMonths,
      desiredStartDate: isoToDbDate(input.desiredStartDate),
      annualFee: input.annualFee,
      resellerAnnualPrice: input.resellerAnnualPrice ?? null,
      submittedByKind: actor.kind,
      submittedById: actor.id,
      termsAgreedAt: now,
      termsVersion: (await termsInForce(db, now))?.version ?? null,
    },
  });
  await recordProviderAudit(db, {
    actorKind: actor.kind, actorId: actor.id, resellerId: app.resellerId, action: 'application.submit', targetType: 'Application', targetId: app.id,
    details: { companyName: app.companyName, seats: app.seats },
  });
  return app;
}

// The selling reseller's name, for the operators' lists (resellers are not tenant data).
const withReseller = { reseller: { select: { name: true } } } satisfies Prisma.ApplicationInclude;

/** RLS limits the rows: operators see every channel, reseller staff their own applications. */
export function listApplications(db: Tx, filter: { status?: 'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN' } = {}) {
  return db.application.findMany({ where: { status: filter.status }, include: withReseller, orderBy: { createdAt: 'desc' }, take: 500 });
}

export async function getApplication(db: Tx, { id }: { id: string }) {
  const app = await db.application.findUnique({ where: { id }, include: withReseller });
  if (!app) throw new AppError('NOT_FOUND', 'No such application.');
  return app;
}

const alreadyDecided = () => new AppError('CONFLICT', 'The application has already been decided.', { reason: 'ALREADY_DECIDED' });

async function pendingApplication(db: Tx, id: string) {
  const app = await getApplication(db, { id });
  if (app.status !== 'SUBMITTED') throw alreadyDecided();
  return app;
}

/**
 * Takes the decision on a submitted application, once: the conditional update waits for a concurrent
 * decision's transaction and then matches nothing, so two operators cannot both accept (or one accept
 * while the other rejects) the same application.
 */
async function claimDecision(db: Tx, id: string, data: Prisma.ApplicationUpdateManyMutationInput) {
  const claimed = await db.application.updateMany({ where: { id, status: 'SUBMITTED' }, data });
  if (claimed.count !== 1) throw alreadyDecided();
}

/** `TW-` + 6 digits, unique among tenants (operators see every tenant, so the check is complete). */
async function newSystemId(db: Tx): Promise<string> {
  for (let i = 0; i < 20; i += 1) {
    const candidate = `TW-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    if (!(await db.tenant.findUnique({ where: { systemId: candidate }, select: { id: true } }))) return candidate;
  }
  throw new AppError('CONFLICT', 'Could not allocate a system id; try again.');
}

/** What acceptance talks to outside the database: the mailer, and Stripe when it is configured. */
export interface AcceptanceDeps {
  mailer: Mailer;
  stripe: Stripe | null;
}

/**
 * 第9条3項: acceptance forms the contract. Creates the tenant, its contract and licence (term per 第10条),
 * the registered administrators (第4条1項) with sign-in invitations, issues the term's annual licence
 * invoice (第14条1項), and tells the administrators the start date.
 * Runs in the operator's transaction; the tenant scope is switched on only to write the tenant's users.
 */
export async function acceptApplication(db: Tx, deps: AcceptanceDeps, actor: { id: string }, { id, now = new Date() }: { id: string; now?: Date }) {
  const app = await pendingApplication(db, id);
  if (!app.isDomesticEntity) {
    throw new AppError('RULE_VIOLATION', 'Only entities established in Japan may use the service (第9条2項5号); reject it instead.', { reason: 'NOT_DOMESTIC_ENTITY' });
  }
  const admins = administratorsOf(app.administrators);
  if (admins.length === 0) throw new AppError('VALIDATION', 'The application names no administrator.');
  const formedOn = toJstDate(now);
  const desired = dbDateToIso(app.desiredStartDate);
  // 第9条3項: the provider names the service start date: the desired one, or today when that has passed.
  const serviceStartsOn = compareIsoDates(desired, formedOn) > 0 ? desired : formedOn;
  // 第10条 (docs/domain.md, readings): the term runs one year from formation, whatever the start date, or
  // until the licence period the application names (termMonths ≠ 12, counted from the service start) ends.
  const term = contractTerm({ formedOn, licenceEndsOn: app.termMonths === 12 ? null : addDays(addMonthsClamped(serviceStartsOn, app.termMonths), -1) });
  if (compareIsoDates(serviceStartsOn, term.endsOn) > 0) {
    throw new AppError('RULE_VIOLATION', `The desired start date is after the term would end (${term.endsOn}, 第10条).`, { reason: 'START_AFTER_TERM_END' });
  }
  const pendingStart = compareIsoDates(serviceStartsOn, formedOn) > 0;

  await claimDecision(db, app.id, { status: 'ACCEPTED', decidedByOperatorId: actor.id, decidedAt: now });
  const systemId = await newSystemId(db);
  const tenant = await db.tenant.create({
    data: {
      systemId, name: app.companyName, nameKana: app.companyNameKana, corporateNumber: app.corporateNumber, isDomesticEntity: true,
      postalCode: app.postalCode, address: app.address, phone: app.phone, resellerId: app.resellerId, status: pendingStart ? 'PENDING_START' : 'ACTIVE',
    },
  });
  const status = pendingStart ? 'PENDING_START' : 'ACTIVE';
  assertTransition('NONE', status, 'acceptApplication');
  const contract = await db.contract.create({
    data: {
      tenantId: tenant.id, applicationId: app.id, channel: app.channel, resellerId: app.resellerId, formedAt: now, status,
      startDate: isoToDbDate(term.startsOn), serviceStartDate: isoToDbDate(serviceStartsOn), termEndDate: isoToDbDate(term.endsOn), annualFee: app.annualFee,
      seatMonthlyFee: SEAT_MONTHLY_FEE_JPY, resellerAnnualPrice: app.resellerAnnualPrice,
    },
  });
  // The seats can be used from the service start date (第9条4項).
  await db.licence.create({
    data: { tenantId: tenant.id, contractId: contract.id, seats: app.seats, termStart: isoToDbDate(serviceStartsOn), termEnd: isoToDbDate(term.endsOn) },
  });

  // Users and invitations are tenant rows: write them in the new tenant's scope, then return to the operator's.
  await applyScope(db, { operator: true, tenantId: tenant.id });
  const invitations: { email: string; name: string; token: string; loginId: string }[] = [];
  try {
    for (const [i, a] of admins.entries()) {
      const loginId = i === 0 ? 'admin' : `admin${i + 1}`;
      const user = await db.user.create({
        data: { tenantId: tenant.id, loginId, name: a.name, email: a.email, department: a.department ?? null, role: 'ADMIN', isRegisteredAdministrator: true },
      });
      const token = await createInvitation(db, { tenantId: tenant.id, userId: user.id, email: a.email, now });
      invitations.push({ email: a.email, name: a.name, token, loginId });
    }
  } finally {
    await applyScope(db, { operator: true });
  }

  await db.application.update({ where: { id: app.id }, data: { tenantId: tenant.id } });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: actor.id, resellerId: app.resellerId, tenantId: tenant.id, action: 'application.accept', targetType: 'Application', targetId: app.id,
    details: { systemId, contractId: contract.id, startDate: term.startsOn, serviceStartDate: serviceStartsOn, termEndDate: term.endsOn, seats: app.seats },
  });
  // Before any mail: if Stripe refuses the invoice, the whole acceptance rolls back and nobody was told.
  const invoice = await ensureAnnualInvoice(db, deps.stripe, { kind: 'OPERATOR', id: actor.id }, { tenantId: tenant.id, contractId: contract.id, now });

  // The contract is formed whatever the mail does: a refused address must neither roll the acceptance
  // back (the other administrators would hold links to an invitation that no longer exists) nor hide it.
  // Each failure is audit-logged and returned, so the operator can resend that invitation.
  const invitationMailFailed: string[] = [];
  for (const inv of invitations) {
    const sent = await trySend(deps.mailer, {
      to: inv.email,
      subject: '【Telework Supporter】ご利用開始のお知らせ / Your service starts',
      text: [
        `${inv.name} 様`,
        '',
        `${app.companyName} 様のお申込みを承諾し、利用契約が成立しました（第9条3項）。`,
        `利用開始日: ${serviceStartsOn} / 契約期間: ${term.startsOn} 〜 ${term.endsOn}（第10条: 契約成立日から1年間）`,
        pendingStart ? `パスワードは今すぐ設定できます。サインインは利用開始日 ${serviceStartsOn} からです。` : '',
        `システムID: ${systemId} / ログインID: ${inv.loginId}`,
        '',
        '次のリンクからパスワードを設定してください（7日間有効）:',
        inviteUrl(inv.token),
        '',
        `Your service starts on ${serviceStartsOn}; the contract runs from ${term.startsOn} until ${term.endsOn}. System ID ${systemId}, login ID ${inv.loginId}.`,
        'Set your password with the link above (valid for 7 days).',
      ].join('\n'),
    });
    if (!sent) invitationMailFailed.push(inv.email);
  }
  if (invitationMailFailed.length > 0) {
    await recordProviderAudit(db, {
      actorKind: 'SYSTEM', actorId: null, resellerId: app.resellerId, tenantId: tenant.id, action: 'mail.failed', targetType: 'Application', targetId: app.id,
      details: { mail: 'invitation', to: invitationMailFailed },
    });
  }
  return { tenantId: tenant.id, systemId, contractId: contract.id, startDate: term.startsOn, serviceStartDate: serviceStartsOn, termEndDate: term.endsOn, status, invoiceId: invoice.id, invitationMailFailed };
}

/** Who took a decision on an application: operators for every channel, reseller staff for their own (第9条2項). */
function decidedBy(actor: ProviderActor) {
  return actor.kind === 'OPERATOR' ? { decidedByOperatorId: actor.id } : { decidedByStaffId: actor.id };
}

/** Tells the applicant's administrators what became of the application; the decision stands whatever the mail does. */
async function tellApplicant(db: Tx, mailer: Mailer, app: { id: string; companyName: string; resellerId: string | null; administrators: Prisma.JsonValue }, mail: string, lines: string[]) {
  const to = administratorsOf(app.administrators).map((a) => a.email);
  if (to.length === 0) return false;
  const notified = await trySend(mailer, { to, subject: '【Telework Supporter】お申込みについて / About your application', text: [`${app.companyName} 御中`, '', ...lines].join('\n') });
  if (!notified) {
    await recordProviderAudit(db, { actorKind: 'SYSTEM', actorId: null, resellerId: app.resellerId, action: 'mail.failed', targetType: 'Application', targetId: app.id, details: { mail, to } });
  }
  return notified;
}

/**
 * 第9条2項: rejection with one of its six reasons, by an operator or by the reseller that took the
 * application (row-level security shows a reseller only its own); the applicant is told by e-mail.
 */
export async function rejectApplication(db: Tx, mailer: Mailer, actor: ProviderActor, input: { id: string; reason: RejectionReason; note?: string; now?: Date }) {
  const app = await pendingApplication(db, input.id);
  const now = input.now ?? new Date();
  await claimDecision(db, app.id, { status: 'REJECTED', rejectionReason: input.reason, rejectionNote: input.note ?? null, ...decidedBy(actor), decidedAt: now });
  const updated = await getApplication(db, { id: app.id });
  await recordProviderAudit(db, {
    actorKind: actor.kind, actorId: actor.id, resellerId: app.resellerId, action: 'application.reject', targetType: 'Application', targetId: app.id,
    details: { reason: input.reason, note: input.note ?? null },
  });
  const notified = await tellApplicant(db, mailer, app, 'rejection', [
    'お申込みいただいたサービスについて、次の理由によりお申込みを承諾できませんでした。',
    `理由: ${REJECTION_TEXT[input.reason]}`,
    input.note ? `補足: ${input.note}` : '',
    '',
    `We could not accept your application (reason: ${input.reason}, 第9条2項).`,
  ]);
  return { ...updated, notified };
}

/** The customer takes its application back before a decision (by its reseller, or an operator for direct ones). */
export async function withdrawApplication(db: Tx, mailer: Mailer, actor: ProviderActor, input: { id: string; note?: string; now?: Date }) {
  const app = await pendingApplication(db, input.id);
  const now = input.now ?? new Date();
  await claimDecision(db, app.id, { status: 'WITHDRAWN', rejectionNote: input.note ?? null, ...decidedBy(actor), decidedAt: now });
  const updated = await getApplication(db, { id: app.id });
  await recordProviderAudit(db, {
    actorKind: actor.kind, actorId: actor.id, resellerId: app.resellerId, action: 'application.withdraw', targetType: 'Application', targetId: app.id, details: { note: input.note ?? null },
  });
  const notified = await tellApplicant(db, mailer, app, 'withdrawal', [
    'ご依頼により、サービスのお申込みを取り下げました。契約は成立しておらず、料金は発生しません。',
    input.note ? `補足: ${input.note}` : '',
    '',
    'Your application has been withdrawn as you asked; no contract was formed and nothing is charged.',
  ]);
  return { ...updated, notified };
}
