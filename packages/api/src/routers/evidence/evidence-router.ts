import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessInstant } from '../../validation/bounds';
import { getMasterKeyring } from '../../crypto';
import { deleteFaceImage, listFaceImages } from '../../evidence/face-admin';
import { listOwnFaceDescriptors } from '../../evidence/face-images';
import { facesToReenrol } from '../../evidence/face-reembed';
import { incidentDetail, judgeIncident, listIncidents } from '../../evidence/incidents';
import { timeline } from '../../evidence/timeline';
import { verifyEvidence } from '../../evidence/verify';
import { getBlobStore } from '../../storage';
import { adminProcedure, agentProcedure, managerProcedure, tenantProcedure } from '../../trpc';

const listInput = z.strictObject({
  kind: z.enum(['PEEKING', 'IMPERSONATION', 'SPOOF']).optional(),
  status: z.enum(['OPEN', 'JUDGED']).optional(),
  userId: z.uuid().optional(),
  groupId: z.uuid().optional(),
  from: businessInstant.optional(),
  to: businessInstant.optional(),
  cursor: z.uuid().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

// A timeline is read a few days at a time (the screen shows one day or one week).
const TIMELINE_MAX_DAYS = 31;

/** Incidents (のぞき込み/なりすまし), their evidence, judgements, timelines and face images. */
export const evidenceRouter = {
  incidents: managerProcedure.input(listInput).query(({ ctx, input }) => listIncidents(ctx.db, ctx.tenantId, ctx.user, input)),
  incident: managerProcedure.input(z.strictObject({ incidentId: z.uuid() })).query(({ ctx, input }) => incidentDetail(ctx.db, ctx.tenantId, ctx.user, input.incidentId)),
  judge: managerProcedure
    .input(z.strictObject({ incidentId: z.uuid(), verdict: z.enum(['CONFIRMED_UNAUTHORIZED', 'FALSE_ALARM', 'NEEDS_FOLLOW_UP']), comment: z.string().trim().max(2000).optional() }))
    .mutation(({ ctx, input }) => judgeIncident(ctx.db, ctx.tenantId, ctx.user, { ...input, ip: ctx.meta.ip })),
  timeline: tenantProcedure
    .input(
      z.strictObject({ userId: z.uuid().optional(), from: businessInstant, to: businessInstant })
        .refine((r) => r.to > r.from, { path: ['to'], message: 'The end must be after the start.' })
        .refine((r) => r.to.getTime() - r.from.getTime() <= TIMELINE_MAX_DAYS * 86_400_000, { path: ['to'], message: `At most ${TIMELINE_MAX_DAYS} days at once.` }),
    )
    .query(({ ctx, input }) => timeline(ctx.db, ctx.tenantId, ctx.user, input)),
  faces: adminProcedure.input(z.strictObject({ userId: z.uuid() })).query(({ ctx, input }) => listFaceImages(ctx.db, ctx.tenantId, input.userId)),
  deleteFace: adminProcedure
    .input(z.strictObject({ faceImageId: z.uuid() }))
    .mutation(({ ctx, input }) => deleteFaceImage(ctx.db, getBlobStore(), ctx.tenantId, { faceImageId: input.faceImageId, actorId: ctx.user.id, ip: ctx.meta.ip })),
  /** Workers whose enrolment photos are not (yet) described by the current face model. */
  facesToReenrol: adminProcedure.query(({ ctx }) => facesToReenrol(ctx.db, { tenantId: ctx.tenantId })),
  verify: adminProcedure
    .input(z.strictObject({ blobs: z.boolean().default(true) }).default({ blobs: true }))
    .query(({ ctx, input }) => verifyEvidence((fn) => fn(ctx.db), getBlobStore(), getMasterKeyring, { tenantId: ctx.tenantId, blobs: input.blobs })),
} satisfies TRPCRouterRecord;

/** The agent reads back its worker's enrolled faces (its own uploads and the administrator's). */
export const agentFacesRouter = {
  descriptors: agentProcedure.query(({ ctx }) => listOwnFaceDescriptors(ctx.db, getMasterKeyring, { tenantId: ctx.tenantId, userId: ctx.user.id })),
} satisfies TRPCRouterRecord;
