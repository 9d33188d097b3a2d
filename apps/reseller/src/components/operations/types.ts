import type { inferRouterOutputs } from '@trpc/server';
import type { ResellerRouter } from '@telework/api/reseller';

type Operator = inferRouterOutputs<ResellerRouter>['operator'];
export type NoticeRow = Operator['notices']['list'][number];
export type DeliveryRow = Operator['notices']['deliveries'][number];
export type TenantRow = Operator['tenants']['list'][number];
export type InquiryRow = Operator['inquiries']['list'][number];
export type PrivacyRequestRow = Operator['privacy']['list'][number];
export type AuditRow = Operator['audit']['list']['items'][number];

export const NOTICE_KINDS = ['GENERAL', 'MAINTENANCE', 'TERMS_CHANGE', 'SERVICE_END'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type { InquiryStatus } from '@telework/ui';
