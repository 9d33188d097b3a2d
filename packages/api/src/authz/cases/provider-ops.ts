import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { AppError } from '../../errors/app-error';
import type { TenantFixture } from '../../testing/fixtures';
import type { AuthzEnv, ConsoleCases, ResellerCases } from '../case-types';

// Provider operations: notices, inquiries, personal-data requests, audit log viewers.

async function aNotice(env: AuthzEnv) {
  const op = await env.adminDb.operator.findFirstOrThrow({ select: { id: true } });
  return env.adminDb.notice.create({
    data: { kind: 'GENERAL', audience: 'ALL_TENANTS', titleJa: 'お知らせ', bodyJa: '本文', publishAt: new Date(), createdByOperatorId: op.id },
  });
}

/** An inquiry of tenant `t`, inserted directly (fixtures are not under test). */
async function anInquiry(env: AuthzEnv, t: TenantFixture) {
  const now = new Date();
  return env.adminDb.inquiry.create({
    data: { tenantId: t.tenantId, number: `Q-AUTHZ-${randomUUID().slice(0, 8)}`, administratorId: t.users.admin.id, channel: 'WEB', subject: '件名', receivedAt: now, firstAnswerDueAt: now },
  });
}

async function adminNameOf(env: AuthzEnv, t: TenantFixture) {
  return (await env.adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.admin.id } } })).name;
}

async function aPrivacyRequest(env: AuthzEnv, t: TenantFixture) {
  return env.adminDb.personalDataRequest.create({
    data: { tenantId: t.tenantId, requestedById: t.users.admin.id, subjectUserId: t.users.worker.id, subjectDescription: 'worker', kind: 'DISCLOSE' },
  });
}

/** Access granted means the service ran: a not-yet-built export is the service's answer, after every access check. */
async function reachedService(p: Promise<unknown>) {
  try {
    return await p;
  } catch (e) {
    if (e instanceof TRPCError && e.cause instanceof AppError && e.cause.details.reason === 'EXPORT_NOT_READY') return null;
    throw e;
  }
}

export const consoleCases: ConsoleCases = {
  'notices.loginScreen': { minRole: 'PUBLIC', call: (c) => c.notices.loginScreen() },
  'notices.forMe': { minRole: 'MANAGER', call: (c) => c.notices.forMe(), crossTenant: 'OWN_ONLY' },
  'support.open': {
    minRole: 'ADMIN',
    call: async (c, t, env) => c.support.open({ systemId: t.systemId, administratorName: await adminNameOf(env, t), subject: '件名', body: '本文' }),
    crossTenant: 'OWN_ONLY',
  },
  'support.reply': { minRole: 'ADMIN', call: async (c, t, env) => c.support.reply({ inquiryId: (await anInquiry(env, t)).id, body: '返信' }), crossTenant: 'NOT_FOUND' },
  'audit.list': { minRole: 'ADMIN', call: (c) => c.audit.list(), crossTenant: 'OWN_ONLY' },
  'audit.export': { minRole: 'ADMIN', call: (c) => c.audit.export(), crossTenant: 'OWN_ONLY' },
  'privacy.request': { minRole: 'ADMIN', call: (c, t) => c.privacy.request({ kind: 'DISCLOSE', subjectUserId: t.users.worker.id }), crossTenant: 'NOT_FOUND' },
  'privacy.list': { minRole: 'ADMIN', call: (c) => c.privacy.list(), crossTenant: 'OWN_ONLY' },
  'privacy.download': { minRole: 'ADMIN', call: async (c, t, env) => reachedService(c.privacy.download({ requestId: (await aPrivacyRequest(env, t)).id })), crossTenant: 'NOT_FOUND' },
  'access.allowList': { minRole: 'ADMIN', call: (c) => c.access.allowList(), crossTenant: 'OWN_ONLY' },
  // The test browsers call from 203.0.113.10; a list containing it is accepted.
  'access.setAllowList': { minRole: 'ADMIN', call: (c) => c.access.setAllowList({ cidrs: ['203.0.113.0/24'] }), crossTenant: 'OWN_ONLY' },
  'access.refusals': { minRole: 'ADMIN', call: (c) => c.access.refusals(), crossTenant: 'OWN_ONLY' },
  'support.list': { minRole: 'ADMIN', call: (c) => c.support.list(), crossTenant: 'OWN_ONLY' },
  'support.get': { minRole: 'ADMIN', call: async (c, t, env) => c.support.get({ inquiryId: (await anInquiry(env, t)).id }), crossTenant: 'NOT_FOUND' },
};

export const resellerCases: ResellerCases = {
  'operator.notices.list': { who: 'OPERATOR', call: (c) => c.operator.notices.list() },
  'operator.notices.create': {
    who: 'OPERATOR',
    call: (c, t) => c.operator.notices.create({ kind: 'GENERAL', audience: 'SELECTED_TENANTS', tenantIds: [t.tenantId], titleJa: 'テスト', bodyJa: '本文' }),
  },
  'operator.notices.withdraw': { who: 'OPERATOR', call: async (c, _t, env) => c.operator.notices.withdraw({ noticeId: (await aNotice(env)).id }) },
  'operator.audit.list': { who: 'OPERATOR', call: (c, t) => c.operator.audit.list({ tenantId: t.tenantId }) },
  'operator.audit.export': { who: 'OPERATOR', call: (c, t) => c.operator.audit.export({ tenantId: t.tenantId }) },
  'operator.privacy.list': { who: 'OPERATOR', call: (c) => c.operator.privacy.list() },
  'operator.privacy.decide': {
    who: 'OPERATOR',
    call: async (c, t, env) => c.operator.privacy.decide({ tenantId: t.tenantId, requestId: (await aPrivacyRequest(env, t)).id, decision: 'REJECT' }),
  },
  'operator.inquiries.list': { who: 'OPERATOR', call: (c) => c.operator.inquiries.list() },
  'operator.inquiries.get': { who: 'OPERATOR', call: async (c, t, env) => c.operator.inquiries.get({ tenantId: t.tenantId, inquiryId: (await anInquiry(env, t)).id }) },
  'operator.inquiries.answer': {
    who: 'OPERATOR',
    call: async (c, t, env) => c.operator.inquiries.answer({ tenantId: t.tenantId, inquiryId: (await anInquiry(env, t)).id, body: '回答' }),
  },
  'operator.inquiries.administrators': { who: 'OPERATOR', call: (c, t) => c.operator.inquiries.administrators({ tenantId: t.tenantId }) },
  'operator.inquiries.logPhone': {
    who: 'OPERATOR',
    call: (c, t) => c.operator.inquiries.logPhone({ tenantId: t.tenantId, administratorId: t.users.admin.id, subject: '電話', body: 'メモ' }),
  },
  'operator.inquiries.close': { who: 'OPERATOR', call: async (c, t, env) => c.operator.inquiries.close({ tenantId: t.tenantId, inquiryId: (await anInquiry(env, t)).id }) },
  'operator.notices.deliveries': { who: 'OPERATOR', call: async (c, _t, env) => c.operator.notices.deliveries({ noticeId: (await aNotice(env)).id }) },
};
