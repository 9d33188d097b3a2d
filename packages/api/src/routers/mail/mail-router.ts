import type { TRPCRouterRecord } from '@trpc/server';
import { listOutbox } from '../../mail/outbox';
import { adminProcedure } from '../../trpc';

/** Outgoing mail kept locally (embedded default): administrators see what was sent to their people. */
export const mailRouter = {
  outbox: adminProcedure.query(({ ctx }) => listOutbox(ctx.db, { tenantId: ctx.tenantId })),
} satisfies TRPCRouterRecord;
