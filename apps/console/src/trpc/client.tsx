'use client';
import type { ConsoleRouter } from '@telework/api/console';
import { createTrpcReact } from '@telework/ui/trpc';

export const { TrpcProviders, useTRPC } = createTrpcReact<ConsoleRouter>();
