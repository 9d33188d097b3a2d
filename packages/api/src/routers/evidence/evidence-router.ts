import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { businessInstant } from '../../validation/bounds';
import { getMasterKeyring } from '../../crypto';
import { deleteFaceImage, listFaceImages } from '../../evidence/face-admin';
import { descriptorEnrolmentInput, enrolFaceDescriptors } from '../../evidence/face-descriptor-enrolment';
import { listOwnFaceDescriptors } from '../../evidence/face-images';
import { facesToReenrol } from '../../evidence/face-reembed';
import { requestReenrolment, resetStaleEnrolment } from '../../evidence/face-reenrol';
import { getMailer } from '../../mail/mailer';
import { incidentDetail, judgeIncident, listIncidents } from '../../evidence/incidents';
import { timeline } from '../../evidence/timeline';
import { verifyEvidence } from '../../evidence/verify';
import { getBlobStore } from '../../storage';
import { adminProcedure, agentProcedure, managerProcedure, tenantProcedure } from '../../trpc';
import { INCIDENT_KINDS } from '../work/schemas';

const listInput = z.strictObject({
  kind: z.enum(INCIDENT_KINDS).optional(),
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

/** Incidents (のぞき込み/なりすまし/カメラの遮蔽), their evidence, judgements, timelines and face images. */
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
  /** Mails a listed worker to enrol again in the agent. */
  requestReenrolment: adminProcedure
    .input(z.strictObject({ userId: z.uuid() }))
    .mutation(({ ctx, input }) => requestReenrolment(ctx.db, getMailer(), { tenantId: ctx.tenantId, userId: input.userId, actorId: ctx.user.id, ip: ctx.meta.ip })),
  /** Removes a listed worker's photos of another face model (the worker then enrols again). */
  resetStaleEnrolment: adminProcedure
    .input(z.strictObject({ userId: z.uuid() }))
    .mutation(({ ctx, input }) => resetStaleEnrolment(ctx.db, getBlobStore(), { tenantId: ctx.tenantId, userId: input.userId, actorId: ctx.user.id, ip: ctx.meta.ip })),
  verify: adminProcedure
    .input(z.strictObject({ blobs: z.boolean().default(true) }).default({ blobs: true }))
    .query(({ ctx, input }) => verifyEvidence((fn) => fn(ctx.db), getBlobStore(), getMasterKeyring, { tenantId: ctx.tenantId, blobs: input.blobs })),
} satisfies TRPCRouterRecord;

/** The agent reads back its worker's enrolled faces (its own uploads and the administrator's). */
export const agentFacesRouter = {
  descriptors: agentProcedure.query(({ ctx }) => listOwnFaceDescriptors(ctx.db, getMasterKeyring, { tenantId: ctx.tenantId, userId: ctx.user.id })),
  /**
   * Descriptor-only enrolment of the device's own worker (verdict-only mode: the agent computed the
   * descriptors and no photo leaves the PC). Enrolment photos go through agent.uploads.image.
   */
  enrol: agentProcedure
    .input(descriptorEnrolmentInput)
    .mutation(({ ctx, input }) => enrolFaceDescriptors(ctx.db, getMasterKeyring, { tenantId: ctx.tenantId, userId: ctx.user.id, input })),
} satisfies TRPCRouterRecord;
