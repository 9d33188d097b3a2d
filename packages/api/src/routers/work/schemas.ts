import { z } from 'zod';
import { clientInstant } from '../../validation/bounds';

export const punchInput = z.strictObject({
  clientEventId: z.uuid(),
  kind: z.enum(['WORK_START', 'WORK_END', 'TASK_START', 'TASK_END']),
  taskId: z.uuid().nullish(),
  occurredAt: clientInstant,
});

export const presenceInput = z.strictObject({
  clientEventId: z.uuid(),
  state: z.enum(['PRESENT', 'AWAY']),
  similarity: z.number().min(0).max(1).nullish(),
  occurredAt: clientInstant,
});

/** What the agent's checks report (のぞき込み, なりすまし, photo/screen spoof, covered camera). */
export const INCIDENT_KINDS = ['PEEKING', 'IMPERSONATION', 'SPOOF', 'COVERED_CAMERA'] as const;

export const incidentInput = z
  .strictObject({
    clientEventId: z.uuid(),
    kind: z.enum(INCIDENT_KINDS),
    faceCount: z.number().int().min(0).max(50),
    similarity: z.number().min(0).max(1).nullish(),
    occurredAt: clientInstant,
  })
  // A covered camera is judged on frames that show no face, so nobody was compared with the worker.
  .refine((i) => i.kind !== 'COVERED_CAMERA' || (i.faceCount === 0 && i.similarity == null), {
    path: ['faceCount'],
    message: 'A covered camera shows no face and has no similarity.',
  });

export const heartbeatInput = z.strictObject({
  agentVersion: z.string().max(40).optional(),
  cameraLabel: z.string().max(200).nullish(),
});

export const boardInput = z.strictObject({
  groupId: z.uuid().nullish(),
  states: z.array(z.enum(['OFF', 'WORKING', 'PRESENT', 'AWAY', 'INCIDENT'])).max(5).optional(),
});
