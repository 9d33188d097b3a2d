import { z } from 'zod';

// The reseller app's own configuration; the API and database packages validate theirs.
export const resellerEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  })
  .parse(process.env);
