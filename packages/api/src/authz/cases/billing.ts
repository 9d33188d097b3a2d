import type { AuthzEnv, ConsoleCases, ResellerCases } from '../case-types';
import type { TenantFixture } from '../../testing/fixtures';

// Billing: invoices issued by operators, seen by the selling reseller and by the tenant's administrators.

async function aContract(t: TenantFixture, env: AuthzEnv) {
  const tenant = await env.adminDb.tenant.findUniqueOrThrow({ where: { id: t.tenantId }, select: { resellerId: true } });
  const d = new Date('2026-04-01');
  const c = await env.adminDb.contract.create({
    data: {
      tenantId: t.tenantId, channel: tenant.resellerId ? 'RESELLER' : 'DIRECT', resellerId: tenant.resellerId, formedAt: d, startDate: d, serviceStartDate: d,
      termEndDate: new Date('2027-03-31'), annualFee: 120_000, seatMonthlyFee: 500,
    },
  });
  return { tenantId: t.tenantId, contractId: c.id };
}

async function anInvoice(t: TenantFixture, env: AuthzEnv) {
  const { contractId } = await aContract(t, env);
  const inv = await env.adminDb.invoice.create({
    data: {
      tenantId: t.tenantId, contractId, number: `INV-AUTHZ-${contractId}`, kind: 'ANNUAL_LICENCE', billTo: 'CUSTOMER', registrationNumber: 'T9234567890123',
      issueDate: new Date('2026-04-01'), dueDate: new Date('2026-05-31'), subtotal: 1000, tax: 100, total: 1100,
    },
  });
  return { tenantId: t.tenantId, invoiceId: inv.id };
}

export const consoleCases: ConsoleCases = {
  'billing.invoices': { minRole: 'ADMIN', call: (c) => c.billing.invoices(), crossTenant: 'OWN_ONLY' },
  'billing.invoice': { minRole: 'ADMIN', call: async (c, t, env) => c.billing.invoice({ invoiceId: (await anInvoice(t, env)).invoiceId }), crossTenant: 'NOT_FOUND' },
  'billing.paymentMethods': { minRole: 'ADMIN', call: (c) => c.billing.paymentMethods(), crossTenant: 'OWN_ONLY' },
};

export const resellerCases: ResellerCases = {
  'operator.billing.invoices': { who: 'OPERATOR', call: (c, t) => c.operator.billing.invoices({ tenantId: t.tenantId }) },
  'operator.billing.issueAnnual': { who: 'OPERATOR', call: async (c, t, env) => c.operator.billing.issueAnnual(await aContract(t, env)) },
  'operator.billing.issueAddOn': { who: 'OPERATOR', call: async (c, t, env) => c.operator.billing.issueAddOn({ ...(await aContract(t, env)), month: '2026-06' }) },
  'operator.billing.issueLateInterest': {
    who: 'OPERATOR',
    call: async (c, t, env) => c.operator.billing.issueLateInterest(await anInvoice(t, env)),
  },
  'operator.billing.lateInterestPreview': { who: 'OPERATOR', call: async (c, t, env) => c.operator.billing.lateInterestPreview(await anInvoice(t, env)) },
  'operator.billing.recordPayment': {
    who: 'OPERATOR',
    call: async (c, t, env) => c.operator.billing.recordPayment({ ...(await anInvoice(t, env)), amount: 100, receivedOn: '2026-04-10', payerName: 'カ）テスト' }),
  },
  'operator.billing.invoice': { who: 'OPERATOR', call: async (c, t, env) => c.operator.billing.invoice(await anInvoice(t, env)) },
  'operator.billing.paymentMethods': { who: 'OPERATOR', call: (c) => c.operator.billing.paymentMethods() },
  'reseller.billing.invoice': { who: 'RESELLER', call: async (c, t, env) => c.reseller.billing.invoice(await anInvoice(t, env)), crossTenant: 'NOT_FOUND' },
  'reseller.billing.paymentMethods': { who: 'RESELLER', call: (c) => c.reseller.billing.paymentMethods() },
  'operator.billing.refund': { who: 'OPERATOR', call: async (c, t, env) => c.operator.billing.refund({ ...(await anInvoice(t, env)), amount: 0, cause: 'authz' }) },
  'reseller.billing.invoices': { who: 'RESELLER', call: (c, t) => c.reseller.billing.invoices({ tenantId: t.tenantId }), crossTenant: 'NOT_FOUND' },
};
