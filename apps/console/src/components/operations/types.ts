import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';

type Out = inferRouterOutputs<ConsoleRouter>;
export type InquiryRow = Out['support']['list'][number];
export type InquiryDetail = Out['support']['get'];
export type PrivacyRequestRow = Out['privacy']['list'][number];
export type RefusalRow = Out['access']['refusals'][number];
export type { InquiryStatus } from '@telework/ui';
