import { captureAllows, type BridgeRequest, type BridgeResponses, type CaptureMode, type SignInResult } from '../contract/bridge';
import { BridgeRequestError, type BridgeHandlers } from './ipc/register-bridge';
import { DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { faceEventData, type JsonValue } from './offline-queue/item';
import type { OfflineQueue } from './offline-queue/offline-queue';
import { uuidV7 } from './offline-queue/uuid-v7';
import { assertServerUrl, InsecureServerUrlError } from './security/server-url';
import type { SettingsStore } from './settings/settings-store';
import type { SyncService } from './sync/sync-service';
import type { DeviceCredentials, TokenStore } from './token-store';

/** The server's agent sign-in/out, behind an interface so the handlers run without a network. */
export interface AgentAuth {
  signIn(serverUrl: URL, input: { systemId: string; loginId: string; password: string; deviceName: string; agentVersion: string }): Promise<Omit<DeviceCredentials, 'serverUrl'>>;
  /** Changes an issued password (the server's agent.auth.changeIssuedPassword) and signs the device in. */
  changeIssuedPassword(serverUrl: URL, input: { systemId: string; loginId: string; password: string; newPassword: string; deviceName: string; agentVersion: string }): Promise<Omit<DeviceCredentials, 'serverUrl'>>;
  signOut(credentials: DeviceCredentials): Promise<void>;
}

export class SignInError extends Error {
  constructor(
    readonly code: Exclude<Extract<SignInResult, { ok: false }>['error'], 'INSECURE_SERVER_URL' | 'PENDING_RECORDS'>,
    message: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

function sameWorker(a: DeviceCredentials, b: DeviceCredentials): boolean {
  if (a.serverUrl !== b.serverUrl) return false;
  return a.userId && b.userId ? a.userId === b.userId : a.userName === b.userName && a.tenantName === b.tenantName;
}

/** The server's heartbeat, which also answers with the administrator's current settings. */
export interface SettingsSource {
  fetchSettings(input: { agentVersion: string; cameraLabel?: string | null }): Promise<unknown>;
}

/** The worker's own data on the server (reads only; they fail while offline). */
export interface AgentQueries {
  faceDescriptors(): Promise<number[][]>;
  tasks(): Promise<NonNullable<BridgeResponses['getTasks']>>;
  today(): Promise<NonNullable<BridgeResponses['getToday']>>;
}

/**
 * 打刻修正 on the server: the request goes out at once (never queued: the procedure has no
 * idempotency key, and a refusal — closed month, a request already waiting — must reach the worker
 * now); `request` answers OFFLINE when the server cannot be reached. The reads fail while offline.
 */
export interface AgentCorrections {
  request(input: { workSessionId: string | null; startedAt: Date; endedAt: Date; reason: string }): Promise<BridgeResponses['requestCorrection']>;
  list(): Promise<NonNullable<BridgeResponses['getCorrections']>>;
  sessions(date: BridgeRequest<'getCorrectionSessions'>['date']): Promise<NonNullable<BridgeResponses['getCorrectionSessions']>>;
}

export interface HandlerDeps {
  queue: OfflineQueue;
  tokens: TokenStore;
  sync: Pick<SyncService, 'syncNow' | 'status'>;
  auth: AgentAuth;
  /** A JPEG of each screen (≤1920×1080) for evidence; none when no screenshot may or could be taken. */
  captureScreens: () => Promise<Uint8Array[]>;
  device: { name: string; agentVersion: string };
  settings: SettingsStore;
  settingsSource: SettingsSource;
  queries: AgentQueries;
  corrections: AgentCorrections;
  now?: () => Date;
}

/**
 * The main-process side of the bridge. Every record goes to the offline queue first and is then
 * offered to the server, so "sent" and "kept for later" are one code path (仕様書: offline recording).
 */
export function createBridgeHandlers(deps: HandlerDeps): BridgeHandlers {
  const { queue, tokens, sync, auth } = deps;

  const requireSignedIn = async () => {
    const credentials = await tokens.get();
    if (!credentials) throw new BridgeRequestError('Not signed in');
    return credentials;
  };

  const deliver = async (clientId: string, items: string[] = [clientId]) => {
    await sync.syncNow();
    const queued = new Set(queue.list().map((entry) => entry.clientId));
    return { clientId, delivered: !items.some((id) => queued.has(id)) };
  };

  /** Enrolments not yet delivered: offline, the worker's new face must still be recognised. */
  const queuedDescriptors = async () => {
    const descriptors: number[][] = [];
    for (const entry of queue.list()) {
      if (entry.cls !== 'event') continue;
      const item = await queue.read(entry.seq);
      const face = item?.class === 'event' && item.eventType === 'face' ? faceEventData.safeParse(item.data) : null;
      if (face?.success) descriptors.push(face.data.descriptor);
    }
    return descriptors;
  };

  /**
   * Verdict-only arrived while enrolment photos wait in the queue: each becomes a descriptor-only
   * enrolment (same client id), and the file holding its photo is deleted.
   */
  const stripEnrolmentPhotos = async () => {
    for (const entry of queue.list()) {
      if (entry.cls !== 'event') continue;
      const item = await queue.read(entry.seq);
      const face = item?.class === 'event' && item.eventType === 'face' ? faceEventData.safeParse(item.data) : null;
      if (face?.success && face.data.jpegBase64 !== undefined) {
        await queue.replaceEvent(entry.seq, { descriptor: face.data.descriptor, model: face.data.model ?? DESCRIPTOR_MODEL_VERSION });
      }
    }
  };

  /** The capture mode last received (fail closed: none captured before the organisation's settings arrive). */
  const captureMode = async (): Promise<CaptureMode> => (await deps.settings.load()).settings.captureMode;

  /** A read from the server, or null when it cannot be asked (offline, signed out, refused). */
  const ask = async <T>(read: () => Promise<T>): Promise<T | null> => {
    if (!(await tokens.get())) return null;
    return read().catch(() => null);
  };

  /** Signs the device in with the token `obtain` gets from the server (sign-in, or the issued password's change). */
  const signInWith = async (serverUrl: string, obtain: (url: URL) => Promise<Omit<DeviceCredentials, 'serverUrl'>>): Promise<SignInResult> => {
    let url: URL;
    try {
      url = assertServerUrl(serverUrl);
    } catch (error) {
      if (error instanceof InsecureServerUrlError) return { ok: false, error: 'INSECURE_SERVER_URL', message: error.message };
      throw error;
    }
    try {
      const previous = await tokens.get();
      const issued = await obtain(url);
      // Signing in again after the server refused this device's token: the queue's records belong to
      // the previous worker, so only that worker (same server, same user) may take them over.
      if (previous && !sameWorker(previous, { ...issued, serverUrl: url.href })) {
        if (queue.counts().events > 0) {
          await auth.signOut({ ...issued, serverUrl: url.href }).catch(() => undefined);
          return { ok: false, error: 'PENDING_RECORDS', message: `Records of ${previous.userName} are still waiting to be sent; that worker must sign in first.` };
        }
        // As at sign-out: the previous worker's unsent evidence must not go out under this token.
        await queue.discardImages();
      }
      await tokens.set({ ...issued, serverUrl: url.href });
      sync.syncNow().catch(() => undefined);
      return { ok: true, userName: issued.userName, tenantName: issued.tenantName };
    } catch (error) {
      if (error instanceof SignInError) return { ok: false, error: error.code, message: error.message };
      throw error;
    }
  };

  return {
    getSession: async () => {
      const credentials = await tokens.get();
      return credentials ? { signedIn: true, serverUrl: credentials.serverUrl, userName: credentials.userName, tenantName: credentials.tenantName } : { signedIn: false };
    },

    signIn: ({ serverUrl, ...input }) => signInWith(serverUrl, (url) => auth.signIn(url, { ...input, deviceName: deps.device.name, agentVersion: deps.device.agentVersion })),

    // The issued password is changed on the server first; the device token it returns is then taken
    // exactly as a sign-in's (same checks on the queue of a previous worker).
    changeIssuedPassword: ({ serverUrl, ...input }) =>
      signInWith(serverUrl, (url) => auth.changeIssuedPassword(url, { ...input, deviceName: deps.device.name, agentVersion: deps.device.agentVersion })),

    signOut: async () => {
      const credentials = await tokens.get();
      if (!credentials) return { ok: true };
      const { queuedEvents } = await sync.syncNow();
      if (queuedEvents > 0) return { ok: false, error: 'PENDING_RECORDS', pending: queuedEvents };
      // Unsent evidence would otherwise go out later under the next worker's token.
      await queue.discardImages();
      // Revocation is best effort: an administrator can also revoke the device from the console.
      await auth.signOut(credentials).catch(() => undefined);
      await tokens.clear();
      return { ok: true };
    },

    punch: async ({ kind, taskId, occurredAt }) => {
      await requireSignedIn();
      const { clientId } = await queue.enqueueEvent({ eventType: 'punch', data: { kind, taskId: taskId ?? null, occurredAt: occurredAt.toISOString() } });
      return deliver(clientId);
    },

    reportPresence: async ({ state, similarity, occurredAt }) => {
      await requireSignedIn();
      const { clientId } = await queue.enqueueEvent({ eventType: 'presence', data: { state, similarity: similarity ?? null, occurredAt: occurredAt.toISOString() } });
      return deliver(clientId);
    },

    reportIncident: async ({ kind, faceCount, similarity, occurredAt, cameraJpeg }) => {
      await requireSignedIn();
      const { clientId } = await queue.enqueueEvent({ eventType: 'incident', data: { kind, faceCount, similarity: similarity ?? null, occurredAt: occurredAt.toISOString() } });
      // Verdict-only: the incident goes out with its verdict, time, faces and similarity; no image is
      // written, and no screenshot is even taken.
      if (!captureAllows(await captureMode(), 'INCIDENT')) return deliver(clientId);
      if (cameraJpeg) await queue.enqueueImage({ eventClientId: clientId, source: 'camera', jpeg: cameraJpeg, createdAt: occurredAt });
      // The screenshots are evidence too, but an incident must never be lost because capture failed.
      for (const screen of await deps.captureScreens().catch(() => [])) await queue.enqueueImage({ eventClientId: clientId, source: 'screen', jpeg: screen, createdAt: occurredAt });
      return deliver(clientId);
    },

    getSyncStatus: async () => sync.status(),

    enrolFace: async ({ faces }) => {
      await requireSignedIn();
      // Verdict-only (and before the organisation's settings are known): the descriptors alone, with
      // the model that computed them; no photo is written, even one the renderer sent.
      const photos = (await captureMode()) !== 'VERDICT_ONLY';
      if (photos && faces.some((f) => !f.jpeg)) throw new BridgeRequestError('This organisation enrols faces with their photos');
      const clientIds: string[] = [];
      // Queued as events (never evicted): an enrolment made offline is uploaded when back online.
      for (const face of faces) {
        const data: Record<string, JsonValue> = photos && face.jpeg
          ? { jpegBase64: Buffer.from(face.jpeg).toString('base64'), descriptor: face.descriptor, model: DESCRIPTOR_MODEL_VERSION }
          : { descriptor: face.descriptor, model: DESCRIPTOR_MODEL_VERSION };
        const { clientId } = await queue.enqueueEvent({ eventType: 'face', data });
        clientIds.push(clientId);
      }
      const { delivered } = await deliver(clientIds[0] ?? '', clientIds);
      return { clientIds, delivered };
    },

    getFaceDescriptors: async () => {
      const fromServer = await ask(() => deps.queries.faceDescriptors());
      return { descriptors: [...(fromServer ?? []), ...(await queuedDescriptors())], fromServer: fromServer !== null };
    },

    getTasks: () => ask(() => deps.queries.tasks()),

    getToday: () => ask(() => deps.queries.today()),

    reportCapture: async ({ occurredAt, cameraJpeg }) => {
      await requireSignedIn();
      // The renderer schedules no interval capture outside this mode; main refuses one all the same.
      const mode = await captureMode();
      if (!captureAllows(mode, 'INTERVAL')) throw new BridgeRequestError(`The capture mode ${mode} takes no interval images`);
      // One id for the pair, so the camera still and the screenshot of one moment stay together.
      const captureId = uuidV7();
      const camera = await queue.enqueueImage({ eventClientId: captureId, source: 'camera', trigger: 'INTERVAL', jpeg: cameraJpeg, createdAt: occurredAt });
      const items = [camera.clientId];
      for (const screen of await deps.captureScreens().catch(() => [])) {
        items.push((await queue.enqueueImage({ eventClientId: captureId, source: 'screen', trigger: 'INTERVAL', jpeg: screen, createdAt: occurredAt })).clientId);
      }
      return deliver(captureId, items);
    },

    recordConsent: async ({ terms, occurredAt }) => {
      await requireSignedIn();
      // Queued like a punch: the server's consent record is brought up to date once online.
      const { clientId } = await queue.enqueueEvent({ eventType: 'consent', data: { terms, occurredAt: occurredAt.toISOString() } });
      return deliver(clientId);
    },

    requestCorrection: async ({ workSessionId, startedAt, endedAt, reason }) => {
      await requireSignedIn();
      return deps.corrections.request({ workSessionId, startedAt, endedAt, reason });
    },

    getCorrections: () => ask(() => deps.corrections.list()),

    getCorrectionSessions: ({ date }) => ask(() => deps.corrections.sessions(date)),

    getSettings: async (request) => {
      if (await tokens.get()) {
        try {
          const fresh = await deps.settingsSource.fetchSettings({ agentVersion: deps.device.agentVersion, cameraLabel: request?.cameraLabel });
          const saved = await deps.settings.save(fresh, (deps.now ?? (() => new Date()))());
          // Images queued under a mode that allowed them must not leave the PC under one that does not.
          const forbidden = (['INTERVAL', 'INCIDENT'] as const).filter((t) => !captureAllows(saved.settings.captureMode, t));
          if (forbidden.length > 0) await queue.discardImagesOf(forbidden);
          if (saved.settings.captureMode === 'VERDICT_ONLY') await stripEnrolmentPhotos();
          return saved;
        } catch {
          // Offline, or an answer we cannot use: the last settings received stay in force.
        }
      }
      return deps.settings.load();
    },
  };
}
