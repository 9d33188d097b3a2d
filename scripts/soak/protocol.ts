import { z } from 'zod';

/** One simulated agent: its own folder (queue, token, ledger) and the worker it signs in as. */
export const soakAgentSpec = z.object({
  dir: z.string().min(1),
  serverUrl: z.string().url(),
  systemId: z.string().min(1),
  loginId: z.string().min(1),
  password: z.string().min(1),
  taskId: z.uuid(),
});
export type SoakAgentSpec = z.infer<typeof soakAgentSpec>;

/** What the orchestrator hands one agent process (as a JSON file, so a restart gets the same). */
export const agentWorkerSpec = z.object({
  agents: z.array(soakAgentSpec).min(1),
  actionsPerMinute: z.number().positive(),
  drainSeconds: z.number().int().positive(),
});
export type AgentWorkerSpec = z.infer<typeof agentWorkerSpec>;

/** A ledger line: an item the agent's queue accepted, written after the queue returned it. */
export const ledgerLine = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('event'), type: z.enum(['punch', 'presence', 'incident', 'face', 'consent']), clientId: z.uuid() }),
  z.object({ kind: z.literal('image'), source: z.enum(['camera', 'screen']), clientId: z.uuid(), evicted: z.number().int().nonnegative() }),
]);
export type LedgerLine = z.infer<typeof ledgerLine>;
