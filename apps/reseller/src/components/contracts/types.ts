import type { inferRouterOutputs } from '@trpc/server';
import type { ResellerRouter } from '@telework/api/reseller';

type Out = inferRouterOutputs<ResellerRouter>;

export type ApplicationRow = Out['reseller']['contracts']['applications'][number];
export type CustomerRow = Out['reseller']['contracts']['summaries'][number];
export type Overview = Out['reseller']['contracts']['overview'];
export type OverviewContract = Overview['contracts'][number];
export type AdministratorRow = Out['operator']['contracts']['administrators'][number];
export type InvoiceRow = Out['reseller']['billing']['invoices'][number];
