'use client';
import type { ResellerRouter } from '@telework/api/reseller';
import { createTrpcReact } from '@telework/ui/trpc';

export const { TrpcProviders, useTRPC } = createTrpcReact<ResellerRouter>();
