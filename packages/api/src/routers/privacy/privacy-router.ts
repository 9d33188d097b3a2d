import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { getMasterKeyring } from '../../crypto';
import { correctionSchema, decidePersonalDataRequest, downloadExport, listRequests, submitPersonalDataRequest } from '../../privacy/requests';
import { getBlobStore } from '../../storage';
import { adminProcedure, operatorProcedure } from '../../trpc';

/** Console: an administrator's requests to see, correct or delete a person's data (第26条2項). */
export const privacyRouter = {
  request: adminProcedure
    .input(
      z.strictObject({
        kind: z.enum(['DISCLOSE', 'CORRECT', 'DELETE']),
        subjectUserId: z.uuid(),
        details: z.string().trim().max(5_000).nullish(),
        format: z.enum(['html', 'json', 'csv']).default('json'),
        // CORRECT: the new values; an empty department or e-mail removes it.
        correction: correctionSchema.nullish(),
      }),
    )
    .mutation(({ ctx, input }) => submitPersonalDataRequest(ctx.db, { tenantId: ctx.tenantId, userId: ctx.user.id, ip: ctx.meta.ip, input })),
  list: adminProcedure.query(({ ctx }) => listRequests(ctx.db, { tenantId: ctx.tenantId })),
  download: adminProcedure
    .input(z.strictObject({ requestId: z.uuid() }))
    .query(({ ctx, input }) => downloadExport(ctx.db, { tenantId: ctx.tenantId, requestId: input.requestId, deps: () => ({ store: getBlobStore(), keyring: getMasterKeyring() }) })),
} satisfies TRPCRouterRecord;

/** Reseller app, operators: accept, reject, or complete a correction (which applies its new values). */
export const operatorPrivacyRouter = {
  list: operatorProcedure.query(({ ctx }) => listRequests(ctx.db, {})),
  decide: operatorProcedure
    .input(z.strictObject({ tenantId: z.uuid(), requestId: z.uuid(), decision: z.enum(['ACCEPT', 'REJECT', 'COMPLETE']), note: z.string().trim().max(2_000).nullish() }))
    .mutation(({ ctx, input }) => decidePersonalDataRequest(ctx.db, { operatorId: ctx.operator.id, ip: ctx.meta.ip, now: new Date(), ...input })),
} satisfies TRPCRouterRecord;
