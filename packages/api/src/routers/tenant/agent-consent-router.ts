import type { TRPCRouterRecord } from '@trpc/server';
import { captureConsentState, consentInput, recordCaptureConsent } from '../../tenancy/capture-consent';
import { agentProcedure } from '../../trpc';

/** The worker's consent to the organisation's capture terms, as given in the agent (issue 20). */
export const agentConsentRouter = {
  /** The device's own worker only: the record against the terms in force. */
  state: agentProcedure.query(({ ctx }) => captureConsentState(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id })),
  record: agentProcedure
    .input(consentInput)
    .mutation(({ ctx, input }) => recordCaptureConsent(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, deviceId: ctx.deviceId, input, ip: ctx.meta.ip })),
} satisfies TRPCRouterRecord;
