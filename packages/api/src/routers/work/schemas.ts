import { z } from 'zod';

export const punchInput = z.object({
  clientEventId: z.uuid(),
  kind: z.enum(['WORK_START', 'WORK_END', 'TASK_START', 'TASK_END']),
  taskId: z.uuid().nullish(),
  occurredAt: z.coerce.date(),
});
