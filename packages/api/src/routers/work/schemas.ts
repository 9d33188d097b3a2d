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

export const incidentInput = z.strictObject({
  clientEventId: z.uuid(),
  kind: z.enum(['PEEKING', 'IMPERSONATION', 'SPOOF']),
  faceCount: z.number().int().min(0).max(50),
  similarity: z.number().min(0).max(1).nullish(),
  occurredAt: clientInstant,
});

export const heartbeatInput = z.strictObject({
  agentVersion: z.string().max(40).optional(),
  cameraLabel: z.string().max(200).nullish(),
});

export const boardInput = z.strictObject({
  groupId: z.uuid().nullish(),
  states: z.array(z.enum(['OFF', 'WORKING', 'PRESENT', 'AWAY', 'INCIDENT'])).max(5).optional(),
});
