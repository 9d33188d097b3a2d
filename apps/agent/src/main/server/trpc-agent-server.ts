import { release } from 'node:os';
import { TRPCClientError } from '@trpc/client';
import type { CorrectionInfo } from '../../contract/bridge';
import { SignInError, type AgentAuth, type AgentCorrections, type AgentQueries, type SettingsSource } from '../bridge-handlers';
import { faceEventData, type EventItem } from '../offline-queue/item';
import { RejectedItemError } from '../offline-queue/offline-queue';
import { DeviceSignedOutError, type AgentServer } from '../sync/sync-service';
import type { TokenStore } from '../token-store';
import { osName } from '../os-name';
import { createAgentClient } from './trpc-client';
import { DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { usableDescriptors } from './face-descriptors';
import { createUploadClient, type UploadClient } from './upload-client';

/** tRPC codes after which resending the same item can never succeed. */
const PERMANENT = new Set(['BAD_REQUEST', 'PRECONDITION_FAILED', 'UNPROCESSABLE_CONTENT', 'PAYLOAD_TOO_LARGE']);

function trpcCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null && 'code' in data && typeof data.code === 'string' ? data.code : undefined;
}

/** The API's typed refusal (AppError code) and its reason, when the error carries them. */
function appRefusal(error: unknown): { appCode?: string; reason?: string } {
  if (!(error instanceof TRPCClientError)) return {};
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null) return {};
  const appCode = 'appCode' in data && typeof data.appCode === 'string' ? data.appCode : undefined;
  const reason = 'reason' in data && typeof data.reason === 'string' ? data.reason : undefined;
  return { appCode, reason };
}

/** The token is refused: the device was revoked or signed out elsewhere, or the contract ended. */
const SIGNED_OUT = new Set(['UNAUTHORIZED', 'FORBIDDEN']);

/**
 * Sends queued events with the stored device token (tRPC), enrolment stills and evidence images
 * through the upload client (tRPC too, FormData); each item's client id is its idempotency key.
 */
export function trpcAgentServer(tokens: TokenStore, upload: UploadClient = createUploadClient(tokens)): AgentServer {
  const client = async () => {
    const credentials = await tokens.get();
    if (!credentials) throw new Error('Not signed in: records wait in the queue');
    return createAgentClient(new URL(credentials.serverUrl), credentials.token);
  };
  const send = async (item: EventItem) => {
    if (item.eventType === 'face') {
      const face = faceEventData.safeParse(item.data);
      if (!face.success) throw new RejectedItemError('face item unreadable');
      // Descriptor-only (verdict-only mode): no photo to upload, the descriptor goes as JSON.
      if (face.data.jpegBase64 === undefined) {
        await (await client()).agent.faces.enrol.mutate({ model: face.data.model ?? DESCRIPTOR_MODEL_VERSION, faces: [{ clientId: item.clientId, descriptor: face.data.descriptor }] });
        return;
      }
      return upload.sendFace({ clientId: item.clientId, jpeg: Buffer.from(face.data.jpegBase64, 'base64'), descriptor: face.data.descriptor });
    }
    const api = await client();
    // The queue stored the API input as sent by the bridge handlers; the server validates it again.
    const input = { ...item.data, clientEventId: item.clientId } as never;
    if (item.eventType === 'punch') await api.agent.work.punch.mutate(input);
    else if (item.eventType === 'presence') await api.agent.work.presence.mutate(input);
    else if (item.eventType === 'consent') await api.agent.consent.record.mutate(input);
    else await api.agent.work.incident.mutate(input);
  };
  return {
    async sendEvent(item) {
      try {
        await send(item);
      } catch (error) {
        const code = trpcCode(error);
        if (code && PERMANENT.has(code)) throw new RejectedItemError(`${item.eventType} refused: ${code}`, { cause: error });
        if (code && SIGNED_OUT.has(code)) throw new DeviceSignedOutError(`${item.eventType} refused: ${code}`);
        throw error;
      }
    },
    sendImage: (item) => upload.sendEvidence(item),
  };
}

/** Reads the worker's own data for the bridge: enrolled faces, the tenant's tasks, today's figures. */
export function trpcAgentQueries(tokens: TokenStore): AgentQueries {
  const client = async () => {
    const credentials = await tokens.get();
    if (!credentials) throw new Error('Not signed in');
    return createAgentClient(new URL(credentials.serverUrl), credentials.token);
  };
  return {
    faceDescriptors: async () => usableDescriptors(await (await client()).agent.faces.descriptors.query()),
    tasks: async () => (await (await client()).agent.tasks.list.query()).map((t) => ({ id: t.id, code: t.code, name: t.name })),
    today: async () => {
      const today = await (await client()).agent.work.today.query();
      return {
        date: today.date, workedMinutes: today.workedMinutes, state: today.state,
        workStartedAt: today.workSession?.startedAt.toISOString() ?? null,
        currentTask: today.currentTask ? { id: today.currentTask.id, name: today.currentTask.name, startedAt: today.currentTask.startedAt.toISOString() } : null,
        tasks: today.tasks.map((t) => ({ taskId: t.taskId, name: t.name, minutes: t.minutes })),
      };
    },
  };
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
function correctionInfo(c: { id: string; workSessionId: string | null; startedAt: Date; endedAt: Date; reason: string; status: CorrectionInfo['status']; decidedAt: Date | null; decisionNote: string | null; workSession: { startedAt: Date; endedAt: Date | null } | null }): CorrectionInfo {
  return {
    id: c.id, workSessionId: c.workSessionId, startedAt: c.startedAt.toISOString(), endedAt: c.endedAt.toISOString(), reason: c.reason, status: c.status,
    decidedAt: iso(c.decidedAt), decisionNote: c.decisionNote, punched: c.workSession ? { startedAt: c.workSession.startedAt.toISOString(), endedAt: iso(c.workSession.endedAt) } : null,
  };
}

/** 打刻修正 through the agent's own procedures (agent.corrections.*), with the device token. */
export function trpcAgentCorrections(tokens: TokenStore): AgentCorrections {
  const client = async () => {
    const credentials = await tokens.get();
    if (!credentials) throw new Error('Not signed in');
    return createAgentClient(new URL(credentials.serverUrl), credentials.token);
  };
  return {
    async request(input) {
      try {
        return { ok: true, correction: correctionInfo(await (await client()).agent.corrections.request.mutate(input)) };
      } catch (error) {
        const code = trpcCode(error);
        const { reason } = appRefusal(error);
        const message = error instanceof Error ? error.message : String(error);
        // No tRPC code: the server was not reached (or answered something that is not our API).
        if (!code) return { ok: false, error: 'OFFLINE', message: 'The server could not be reached.' };
        if (reason === 'MONTH_CLOSED') return { ok: false, error: 'MONTH_CLOSED', message };
        if (code === 'CONFLICT') return { ok: false, error: 'ALREADY_PENDING', message };
        if (code === 'NOT_FOUND') return { ok: false, error: 'NOT_FOUND', message };
        if (code === 'BAD_REQUEST' || code === 'UNPROCESSABLE_CONTENT') return { ok: false, error: 'INVALID', message };
        throw error;
      }
    },
    list: async () => (await (await client()).agent.corrections.mine.query()).map(correctionInfo),
    sessions: async (date) =>
      (await (await client()).agent.corrections.mySessions.query({ from: date, to: date })).map((s) => ({ id: s.id, startedAt: s.startedAt.toISOString(), endedAt: iso(s.endedAt) })),
  };
}

/** A refused sign-in (or issued-password change) as the error the renderer explains. */
function signInRefusal(error: unknown): SignInError {
  const code = trpcCode(error);
  const { appCode, reason } = appRefusal(error);
  if (appCode === 'PASSWORD_CHANGE_REQUIRED') return new SignInError('PASSWORD_CHANGE_REQUIRED', 'The issued password must be changed first.');
  if (reason === 'NOT_IN_ALLOW_LIST') return new SignInError('NOT_ALLOWED_FROM_HERE', 'Sign-in is not allowed from this address.');
  if (code === 'UNAUTHORIZED') return new SignInError('INVALID_CREDENTIALS', 'The system ID, login ID or password is wrong.');
  if (code === 'TOO_MANY_REQUESTS') return new SignInError('LOCKED', 'Too many failed attempts; try again later.');
  if (code) return new SignInError('UNKNOWN', `Sign-in failed (${code}).`);
  return new SignInError('UNREACHABLE', 'The server could not be reached.');
}

export function trpcAgentAuth(): AgentAuth {
  return {
    async signIn(serverUrl, input) {
      try {
        const result = await createAgentClient(serverUrl).agent.auth.signIn.mutate({ ...input, platform: osName(process.platform, release()) });
        return { token: result.token, deviceId: result.deviceId, userId: result.user.id, userName: result.user.name, tenantName: result.tenantName };
      } catch (error) {
        throw signInRefusal(error);
      }
    },
    async changeIssuedPassword(serverUrl, input) {
      try {
        const result = await createAgentClient(serverUrl).agent.auth.changeIssuedPassword.mutate({ ...input, platform: osName(process.platform, release()) });
        return { token: result.token, deviceId: result.deviceId, userId: result.user.id, userName: result.user.name, tenantName: result.tenantName };
      } catch (error) {
        const code = trpcCode(error);
        const { appCode, reason } = appRefusal(error);
        // The issued password proved right, but the new one is refused: too short, or the issued one again.
        if (code === 'BAD_REQUEST' || appCode === 'VALIDATION') throw new SignInError('NEW_PASSWORD_REJECTED', 'The new password was refused (too short, or the same as the issued one).');
        if (reason === 'PASSWORD_NOT_ISSUED') throw new SignInError('UNKNOWN', 'This password was not issued: sign in with it.');
        throw signInRefusal(error);
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
