import { TRPCClientError } from '@trpc/client';
import { SignInError, type AgentAuth, type SettingsSource } from '../bridge-handlers';
import type { EventItem } from '../offline-queue/item';
import { RejectedItemError } from '../offline-queue/offline-queue';
import type { AgentServer } from '../sync/sync-service';
import type { TokenStore } from '../token-store';
import { createAgentClient } from './trpc-client';

/** tRPC codes after which resending the same item can never succeed. */
const PERMANENT = new Set(['BAD_REQUEST', 'PRECONDITION_FAILED', 'UNPROCESSABLE_CONTENT', 'PAYLOAD_TOO_LARGE']);

function trpcCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string' ? data.code : undefined;
}

/**
 * Sends queued events with the stored device token; each event's client id is its idempotency key.
 * The server has no evidence upload procedure yet, so there is no sendImage: images stay queued.
 */
export function trpcAgentServer(tokens: TokenStore): AgentServer {
  const client = async () => {
    const credentials = await tokens.get();
    if (!credentials) throw new Error('Not signed in: records wait in the queue');
    return createAgentClient(new URL(credentials.serverUrl), credentials.token);
  };
  const send = async (item: EventItem) => {
    const api = await client();
    // The queue stored the API input as sent by the bridge handlers; the server validates it again.
    const input = { ...item.data, clientEventId: item.clientId } as never;
    if (item.eventType === 'punch') await api.agent.work.punch.mutate(input);
    else if (item.eventType === 'presence') await api.agent.work.presence.mutate(input);
    else await api.agent.work.incident.mutate(input);
  };
  return {
    async sendEvent(item) {
      try {
        await send(item);
      } catch (error) {
        const code = trpcCode(error);
        if (code && PERMANENT.has(code)) throw new RejectedItemError(`${item.eventType} refused: ${code}`, { cause: error });
        throw error;
      }
    },
  };
}

export function trpcAgentAuth(): AgentAuth {
  return {
    async signIn(serverUrl, input) {
      try {
        const result = await createAgentClient(serverUrl).agent.auth.signIn.mutate({ ...input, platform: process.platform });
        return { token: result.token, deviceId: result.deviceId, userName: result.user.name, tenantName: result.tenantName };
      } catch (error) {
        const code = trpcCode(error);
        if (code === 'UNAUTHORIZED') throw new SignInError('INVALID_CREDENTIALS', 'The system ID, login ID or password is wrong.');
        if (code === 'TOO_MANY_REQUESTS') throw new SignInError('LOCKED', 'Too many failed attempts; try again later.');
        if (code) throw new SignInError('UNKNOWN', `Sign-in failed (${code}).`);
        throw new SignInError('UNREACHABLE', 'The server could not be reached.');
      }
    },
    async signOut(credentials) {
      await createAgentClient(new URL(credentials.serverUrl), credentials.token).agent.auth.signOut.mutate();
    },
  };
}

/** The heartbeat keeps "last contact" current on the console's board and returns the settings. */
export function trpcSettingsSource(tokens: TokenStore): SettingsSource {
  return {
    async fetchSettings(input) {
      const credentials = await tokens.get();
      if (!credentials) throw new Error('Not signed in');
      const result = await createAgentClient(new URL(credentials.serverUrl), credentials.token).agent.work.heartbeat.mutate(input);
      return result.settings;
    },
  };
}
