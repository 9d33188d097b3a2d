import { z } from 'zod';

// The console's own configuration; the API and database packages validate theirs.
export const consoleEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // Run scheduled jobs (reports, auto-close, retention…) in this server process.
    RUN_JOBS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  })
  .parse(process.env);
