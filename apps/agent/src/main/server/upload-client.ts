import { TRPCClientError } from '@trpc/client';
import { z } from 'zod';
import type { ImageItem } from '../offline-queue/item';
import { RejectedItemError } from '../offline-queue/offline-queue';
import { assertServerUrl } from '../security/server-url';
import { DeviceSignedOutError } from '../sync/sync-service';
import type { TokenStore } from '../token-store';
import { createAgentClient } from './trpc-client';

/** A 1920×1080 screenshot on a 256 kbps line takes ~10 s; leave room for a slow server. */
const UPLOAD_TIMEOUT_MS = 60_000;

/** An enrolment still as queued: the renderer's JPEG and the descriptor its face model computed. */
export interface FaceUploadItem {
  clientId: string;
  jpeg: Uint8Array;
  descriptor: number[];
}

export interface UploadClient {
  sendEvidence(item: ImageItem): Promise<void>;
  sendFace(item: FaceUploadItem): Promise<void>;
}

export interface UploadClientOptions {
  fetch?: typeof fetch;
  /** Where a dropped item's reason goes (the main process's log). */
  log?: (line: string) => void;
}

/** The refusal's fields as the API's error formatter puts them into a tRPC error (packages/api/src/trpc.ts). */
const errorData = z.object({ httpStatus: z.number().optional(), code: z.string().optional(), appCode: z.string().optional(), reason: z.string().optional() });

/**
 * Sorts a failed upload for the sync (see createUploadClient). The status comes from the tRPC error,
 * else from the HTTP answer (`answered`: a proxy's page, the access guard's 403), if there was one.
 */
function sortFailure(what: string, clientId: string, error: unknown, answered: number | undefined, log: (line: string) => void): Error {
  if (!(error instanceof TRPCClientError)) return error instanceof Error ? error : new Error(String(error));
  const data = errorData.safeParse(error.data).data;
  const status = data?.httpStatus ?? answered;
  const code = data?.appCode ?? data?.code;
  const label = code ? `${code}${data?.reason ? `/${data.reason}` : ''}` : status ? `HTTP ${status}` : error.message;
  if (status === 401 || status === 403) return new DeviceSignedOutError(`${what} refused: ${label}`);
  // No answer (network, timeout), or an answer that is not a refusal, is tried again: the client id
  // makes a resend of what was stored harmless. The evidence of an incident waits until the incident
  // event itself has reached the server.
  // A 404 that is not one of the API's own refusals (no appCode) means a server, or a proxy in
  // front of it, without this route yet, e.g. during an upgrade: the image waits (the queue caps images).
  const missingRoute = status === 404 && data?.appCode === undefined;
  const refused = status !== undefined && status >= 400 && status < 500 && status !== 429 && !missingRoute && data?.reason !== 'INCIDENT_NOT_FOUND';
  if (!refused) return new Error(`${what} not accepted yet: ${label}`, { cause: error });
  const reason = `${what} ${clientId} dropped: ${label} (${error.message})`;
  log(reason);
  return new RejectedItemError(reason, { cause: error });
}

/**
 * Sends images as the tRPC mutation `agent.uploads.image` (multipart FormData, Bearer device token),
 * over https only (http on loopback). The client id is the server's idempotency key, so a resend
 * after a lost answer stores nothing twice. Answers are sorted for the sync: a refusal that can never
 * succeed drops the item (logged), 401/403 means this device is signed out, and anything else
 * (network, 5xx, 429, an incident not received yet) is retried.
 */
export function createUploadClient(tokens: TokenStore, options: UploadClientOptions = {}): UploadClient {
  const log = options.log ?? ((line: string) => console.warn(line));
  const doFetch = options.fetch ?? fetch;

  const post = async (what: string, fields: Record<string, string>, jpeg: Uint8Array) => {
    const credentials = await tokens.get();
    if (!credentials) throw new DeviceSignedOutError('Not signed in: images wait in the queue');
    // The stored URL passed this check at sign-in; checking again keeps a tampered file from sending evidence over http.
    const base = assertServerUrl(credentials.serverUrl);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set('image', new Blob([Buffer.from(jpeg)], { type: 'image/jpeg' }), 'image.jpg');
    // The link reports an answer that is not tRPC's JSON without its status: kept here for the sorting.
    let answered: number | undefined;
    const recording: typeof fetch = async (input, init) => {
      const response = await doFetch(input, init);
      answered = response.status;
      return response;
    };
    const client = createAgentClient(base, credentials.token, { timeoutMs: UPLOAD_TIMEOUT_MS, fetch: recording });
    try {
      await client.agent.uploads.image.mutate(form);
    } catch (error) {
      throw sortFailure(what, fields.clientId ?? '', error, answered, log);
    }
  };

  return {
    sendEvidence: (item) =>
      post(`${item.source} image`, {
        kind: 'evidence',
        evidenceKind: item.source === 'camera' ? 'CAMERA' : 'SCREEN',
        clientId: item.clientId,
        trigger: item.trigger,
        // Only incident evidence names its event: the server links it to that incident.
        ...(item.trigger === 'INCIDENT' ? { incidentClientEventId: item.eventClientId } : {}),
        capturedAt: item.createdAt.toISOString(),
      }, item.jpeg),
    sendFace: (item) => post('face image', { kind: 'face', clientId: item.clientId, descriptor: JSON.stringify(item.descriptor) }, item.jpeg),
  };
}
