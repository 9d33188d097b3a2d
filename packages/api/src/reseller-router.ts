import { resellerAuthRouter } from './routers/auth/reseller-auth';
import { operatorTenantsRouter, resellerCustomersRouter } from './routers/tenant/provider-tenants-router';
import { operatorNoticesRouter } from './routers/notices/notices-router';
import { operatorInquiriesRouter } from './routers/support/support-router';
import { operatorAuditRouter } from './routers/audit/audit-router';
import { operatorContractsRouter, resellerContractsRouter } from './routers/contracts/contracts-router';
import { operatorBillingRouter, resellerBillingRouter } from './routers/billing/billing-router';
import { operatorPrivacyRouter } from './routers/privacy/privacy-router';
import { createTRPCRouter } from './trpc';

/** Everything the reseller app serves: reseller staff and the provider's operators. */
export const resellerRouter = createTRPCRouter({
  auth: resellerAuthRouter,
  operator: createTRPCRouter({ contracts: operatorContractsRouter, billing: operatorBillingRouter, tenants: operatorTenantsRouter, notices: operatorNoticesRouter, inquiries: operatorInquiriesRouter, audit: operatorAuditRouter, privacy: operatorPrivacyRouter }),
  reseller: createTRPCRouter({ customers: resellerCustomersRouter, contracts: resellerContractsRouter, billing: resellerBillingRouter }),
});

export type ResellerRouter = typeof resellerRouter;
