import { z } from 'zod';
import type { ImageItem } from '../offline-queue/item';
import { RejectedItemError } from '../offline-queue/offline-queue';
import { assertServerUrl } from '../security/server-url';
import { DeviceSignedOutError } from '../sync/sync-service';
import type { TokenStore } from '../token-store';

/** A 1920×1080 screenshot on a 256 kbps line takes ~10 s; leave room for a slow server. */
const UPLOAD_TIMEOUT_MS = 60_000;

/** The upload route's typed JSON error (packages/api/src/http/upload-errors.ts). */
const errorBody = z.object({ error: z.string(), reason: z.string().optional(), message: z.string().optional() });

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

/**
 * POSTs images to the console's `/api/upload` (multipart, Bearer device token). The client id is the
 * server's idempotency key, so a resend after a lost answer stores nothing twice. Answers are sorted
 * for the sync: a refusal that can never succeed drops the item (logged), 401/403 means this device
 * is signed out, and anything else (network, 5xx, 429, an incident not received yet) is retried.
 */
export function createUploadClient(tokens: TokenStore, options: UploadClientOptions = {}): UploadClient {
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? ((line: string) => console.warn(line));

  const post = async (what: string, fields: Record<string, string>, jpeg: Uint8Array) => {
    const credentials = await tokens.get();
    if (!credentials) throw new DeviceSignedOutError('Not signed in: images wait in the queue');
    // The stored URL passed this check at sign-in; checking again keeps a tampered file from sending evidence over http.
    const base = assertServerUrl(credentials.serverUrl);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.set('image', new Blob([Buffer.from(jpeg)], { type: 'image/jpeg' }), 'image.jpg');
    const response = await doFetch(new URL('api/upload', base.href.endsWith('/') ? base.href : `${base.href}/`), {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.token}` },
      body: form,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    const parsed = errorBody.safeParse(await response.json().catch(() => null));
    const code = parsed.data ? `${parsed.data.error}${parsed.data.reason ? `/${parsed.data.reason}` : ''}` : `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403) throw new DeviceSignedOutError(`${what} refused: ${code}`);
    // The evidence of an incident waits until the incident event itself has reached the server.
    const transient = response.status >= 500 || response.status === 429 || parsed.data?.reason === 'INCIDENT_NOT_FOUND';
    if (transient) throw new Error(`${what} not accepted yet: ${code}`);
    const reason = `${what} ${fields.clientId} dropped: ${code}${parsed.data?.message ? ` (${parsed.data.message})` : ''}`;
    log(reason);
    throw new RejectedItemError(reason);
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
