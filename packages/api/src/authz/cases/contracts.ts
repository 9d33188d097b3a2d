import { randomUUID } from 'node:crypto';
import type { AuthzEnv, ConsoleCases, ResellerCases } from '../case-types';
import { createTenantFixture, type TenantFixture } from '../../testing/fixtures';

// Contracts: applications, decisions, terminations, suspensions, invitations. Mutating cases work on
// rows made for the call, so that tenant `a` stays active for every other case.

const application = {
  companyName: '株式会社テスト', isDomesticEntity: true, postalCode: '100-0001', address: '東京都千代田区1-1', phone: '03-1234-5678',
  administrators: [{ name: '管理 太郎', email: 'admin-authz@example.test' }], seats: 10, termMonths: 12, desiredStartDate: '2027-01-01', annualFee: 120_000,
};
const submitted = { ...application, agreedToTerms: true as const };

async function anApplication(env: AuthzEnv, resellerId: string | null) {
  const op = await env.adminDb.operator.findFirstOrThrow({ select: { id: true } });
  return env.adminDb.application.create({
    data: { ...application, termsAgreedAt: new Date('2026-12-01'), desiredStartDate: new Date('2027-01-01'), channel: resellerId ? 'RESELLER' : 'DIRECT', resellerId, submittedByKind: 'OPERATOR', submittedById: op.id },
  });
}

/** An application taken through the channel that sold tenant `t` (a reseller's, or direct). */
async function channelApplication(t: TenantFixture, env: AuthzEnv) {
  const tenant = await env.adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId }, select: { resellerId: true } });
  return anApplication(env, tenant.resellerId);
}

/** An extra contract inside tenant `t`, sold the same way as `t`'s own: safe to end without touching `t`'s status. */
async function extraContract(t: TenantFixture, env: AuthzEnv) {
  const tenant = await env.adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId }, select: { resellerId: true } });
  const d = new Date('2026-01-01');
  const c = await env.adminDb.contract.create({
    data: {
      tenantId: t.tenantId, channel: tenant.resellerId ? 'RESELLER' : 'DIRECT', resellerId: tenant.resellerId, formedAt: d, startDate: d, serviceStartDate: d,
      termEndDate: new Date('2030-12-31'), annualFee: 1, seatMonthlyFee: 1,
    },
  });
  return { tenantId: t.tenantId, contractId: c.id };
}

/** A fresh direct customer, for suspensions (only operators reach it). */
async function freshTenant(env: AuthzEnv) {
  return (await createTenantFixture(env.adminDb)).tenantId;
}

/** An extra direct contract inside tenant `t` (its admin may end a direct contract itself). */
async function directContract(t: TenantFixture, env: AuthzEnv) {
  const d = new Date('2026-01-01');
  return env.adminDb.contract.create({
    data: { tenantId: t.tenantId, channel: 'DIRECT', formedAt: d, startDate: d, serviceStartDate: d, termEndDate: new Date('2030-12-31'), annualFee: 1, seatMonthlyFee: 1 },
  });
}

async function aChangeRequest(t: TenantFixture, env: AuthzEnv) {
  const { contractId } = await extraContract(t, env);
  const r = await env.adminDb.changeRequest.create({
    data: { tenantId: t.tenantId, contractId, kind: 'ADD_SEATS', seatsDelta: 2, requestedByKind: 'USER', requestedById: t.users.admin.id },
  });
  return { tenantId: t.tenantId, id: r.id };
}

const farEnough = () => new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);

/** A registered administrator of tenant `t` who has not set a password yet (the one a re-sent invitation is for). */
async function anInvitedAdministrator(t: TenantFixture, env: AuthzEnv) {
  const u = await env.adminDb.user.create({
    data: { tenantId: t.tenantId, loginId: `invited-${randomUUID().slice(0, 8)}`, name: '招待中', email: 'invited-authz@example.test', role: 'ADMIN', isRegisteredAdministrator: true },
  });
  return { tenantId: t.tenantId, userId: u.id };
}

export const consoleCases: ConsoleCases = {
  'contracts.mine': { minRole: 'ADMIN', call: (c) => c.contracts.mine(), crossTenant: 'OWN_ONLY' },
  'contracts.requestTermination': {
    minRole: 'ADMIN',
    call: async (c, t, env) => c.contracts.requestTermination({ contractId: (await directContract(t, env)).id, desiredEndDate: farEnough() }),
    crossTenant: 'NOT_FOUND',
  },
  'contracts.requestSeats': {
    minRole: 'ADMIN',
    call: async (c, t, env) => c.contracts.requestSeats({ contractId: (await directContract(t, env)).id, seats: 5 }),
    crossTenant: 'NOT_FOUND',
  },
  'contracts.terminationPreview': { minRole: 'ADMIN', call: (c) => c.contracts.terminationPreview({ desiredEndDate: farEnough() }), crossTenant: 'OWN_ONLY' },
  'contracts.requestRenewal': {
    minRole: 'ADMIN',
    call: async (c, t, env) => c.contracts.requestRenewal({ contractId: (await directContract(t, env)).id }),
    crossTenant: 'NOT_FOUND',
  },
  'contracts.administrators': { minRole: 'ADMIN', call: (c) => c.contracts.administrators(), crossTenant: 'OWN_ONLY' },
  'contracts.reportDetails': { minRole: 'ADMIN', call: (c) => c.contracts.reportDetails({ address: '東京都港区1-1', note: 'authz' }), crossTenant: 'OWN_ONLY' },
  'contracts.invitations.accept': { minRole: 'PUBLIC', call: (c) => c.contracts.invitations.accept({ token: 'x'.repeat(20), password: 'a-long-password-1' }) },
};

export const resellerCases: ResellerCases = {
  'operator.contracts.applications': { who: 'OPERATOR', call: (c) => c.operator.contracts.applications({}) },
  'operator.contracts.application': { who: 'OPERATOR', call: async (c, _t, env) => c.operator.contracts.application({ id: (await anApplication(env, null)).id }) },
  'operator.contracts.submitDirect': { who: 'OPERATOR', call: (c) => c.operator.contracts.submitDirect(submitted) },
  'operator.contracts.withdraw': { who: 'OPERATOR', call: async (c, _t, env) => c.operator.contracts.withdraw({ id: (await anApplication(env, null)).id }) },
  'operator.contracts.accept': { who: 'OPERATOR', call: async (c, _t, env) => c.operator.contracts.accept({ id: (await anApplication(env, null)).id }) },
  'operator.contracts.reject': {
    who: 'OPERATOR',
    call: async (c, _t, env) => c.operator.contracts.reject({ id: (await anApplication(env, null)).id, reason: 'TECHNICALLY_DIFFICULT' }),
  },
  'operator.contracts.overview': { who: 'OPERATOR', call: (c, t) => c.operator.contracts.overview({ tenantId: t.tenantId }) },
  'operator.contracts.summaries': { who: 'OPERATOR', call: (c) => c.operator.contracts.summaries() },
  'operator.contracts.administrators': { who: 'OPERATOR', call: (c, t) => c.operator.contracts.administrators({ tenantId: t.tenantId }) },
  'operator.contracts.resendInvitation': { who: 'OPERATOR', call: async (c, t, env) => c.operator.contracts.resendInvitation(await anInvitedAdministrator(t, env)) },
  'operator.contracts.terminationPreview': { who: 'OPERATOR', call: (c) => c.operator.contracts.terminationPreview({ cause: { kind: 'with_notice' }, endDate: farEnough() }) },
  'operator.contracts.terminate': {
    who: 'OPERATOR',
    call: async (c, t, env) => c.operator.contracts.terminate({ ...(await extraContract(t, env)), cause: { kind: 'with_notice' }, endDate: farEnough() }),
  },
  'operator.contracts.suspend': { who: 'OPERATOR', call: async (c, t, env) => c.operator.contracts.suspend({ tenantId: await freshTenant(env), reason: '第19条' }) },
  'operator.contracts.resume': {
    who: 'OPERATOR',
    call: async (c, _t, env) => {
      const tenantId = await freshTenant(env);
      await env.adminDb.tenant.update({ where: { id: tenantId }, data: { status: 'SUSPENDED' } });
      return c.operator.contracts.resume({ tenantId });
    },
  },
  'operator.contracts.renew': { who: 'OPERATOR', call: async (c, t, env) => c.operator.contracts.renew(await extraContract(t, env)) },
  'operator.contracts.acceptChange': { who: 'OPERATOR', call: async (c, t, env) => c.operator.contracts.acceptChange(await aChangeRequest(t, env)) },
  'operator.contracts.rejectChange': {
    who: 'OPERATOR',
    call: async (c, t, env) => c.operator.contracts.rejectChange({ ...(await aChangeRequest(t, env)), reason: 'TECHNICALLY_DIFFICULT' }),
  },
  'reseller.contracts.requestSeats': {
    who: 'RESELLER',
    call: async (c, t, env) => c.reseller.contracts.requestSeats({ ...(await extraContract(t, env)), seats: 3 }),
    crossTenant: 'NOT_FOUND',
  },
  'reseller.contracts.applications': { who: 'RESELLER', call: (c) => c.reseller.contracts.applications({}) },
  'reseller.contracts.application': {
    who: 'RESELLER',
    call: async (c, t, env) => c.reseller.contracts.application({ id: (await channelApplication(t, env)).id }),
    crossTenant: 'NOT_FOUND',
  },
  'reseller.contracts.submit': { who: 'RESELLER', call: (c) => c.reseller.contracts.submit({ ...submitted, resellerAnnualPrice: 150_000 }) },
  'reseller.contracts.reject': {
    who: 'RESELLER',
    call: async (c, t, env) => c.reseller.contracts.reject({ id: (await channelApplication(t, env)).id, reason: 'UNSUITABLE' }),
    crossTenant: 'NOT_FOUND',
  },
  'reseller.contracts.withdraw': { who: 'RESELLER', call: async (c, t, env) => c.reseller.contracts.withdraw({ id: (await channelApplication(t, env)).id }), crossTenant: 'NOT_FOUND' },
  'reseller.contracts.requestRenewal': {
    who: 'RESELLER',
    call: async (c, t, env) => c.reseller.contracts.requestRenewal(await extraContract(t, env)),
    crossTenant: 'NOT_FOUND',
  },
  'reseller.contracts.summaries': { who: 'RESELLER', call: (c) => c.reseller.contracts.summaries() },
  'reseller.contracts.terminationPreview': { who: 'RESELLER', call: (c) => c.reseller.contracts.terminationPreview({ desiredEndDate: farEnough() }) },
  'reseller.contracts.overview': { who: 'RESELLER', call: (c, t) => c.reseller.contracts.overview({ tenantId: t.tenantId }), crossTenant: 'NOT_FOUND' },
  'reseller.contracts.requestTermination': {
    who: 'RESELLER',
    call: async (c, t, env) => c.reseller.contracts.requestTermination({ ...(await extraContract(t, env)), desiredEndDate: farEnough() }),
    crossTenant: 'NOT_FOUND',
  },
};
