import { z } from 'zod';

// The only place in the agent that reads process.env. Production needs none of these.
const schema = z.object({
  /** Renderer served by its Vite dev server while developing (loopback http only; checked again in app-origin). */
  AGENT_DEV_SERVER_URL: z.url().optional(),
  /** Opens devtools; never set in a packaged build. */
  AGENT_DEVTOOLS: z.enum(['1', '0']).default('0'),
});

export const agentEnv = schema.parse(process.env);
