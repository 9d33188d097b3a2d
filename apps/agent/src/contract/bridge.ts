import { captureTermsOf, type CaptureTerms } from '@telework/api/capture-terms';
import { DESCRIPTOR_LENGTH } from '@telework/face/verdict';
import { z } from 'zod';
import type { invokeChannels } from './bridge-channels';

export { BRIDGE_GLOBAL, eventChannels, invokeChannels } from './bridge-channels';

/**
 * The contract between the renderer (camera, face checks, UI) and the main process (token, network,
 * offline queue, screenshots). Main validates every request with these schemas: the renderer is
 * treated as untrusted input even though it is our own code.
 */

const MAX_CAMERA_JPEG_BYTES = 2 * 1024 * 1024; // a 640×480 still is ~30–150 KB
const similarity = z.number().min(0).max(1).nullish();
const jpeg = z
  .instanceof(Uint8Array)
  .refine((b) => b.length > 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, 'not a JPEG')
  .refine((b) => b.length <= MAX_CAMERA_JPEG_BYTES, 'camera image too large');
/** The face model's descriptor (packages/face: dlib ResNet-34, 128 numbers). */
export const FACE_DESCRIPTOR_LENGTH = DESCRIPTOR_LENGTH;
const descriptor = z.array(z.number().refine(Number.isFinite, 'finite')).length(FACE_DESCRIPTOR_LENGTH);

/**
 * The server's shortest accepted password (packages/api people/passwords-policy.ts; a test keeps the two
 * equal): the change screen says it before the round trip.
 */
export const MIN_NEW_PASSWORD_LENGTH = 10;

export const bridgeRequestSchemas = {
  getSession: z.undefined(),
  signIn: z.object({
    serverUrl: z.string().trim().min(1).max(2048),
    systemId: z.string().trim().min(1).max(32),
    loginId: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
  }),
  /**
   * The forced change screen after PASSWORD_CHANGE_REQUIRED: the sign-in fields (the issued password as
   * `password`) and the worker's own new password; success signs the device in, as signIn does.
   */
  changeIssuedPassword: z.object({
    serverUrl: z.string().trim().min(1).max(2048),
    systemId: z.string().trim().min(1).max(32),
    loginId: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    newPassword: z.string().min(1).max(256),
  }),
  signOut: z.undefined(),
  punch: z.object({
    kind: z.enum(['WORK_START', 'WORK_END', 'TASK_START', 'TASK_END']),
    taskId: z.uuid().nullish(),
    occurredAt: z.date(),
  }),
  reportPresence: z.object({
    state: z.enum(['PRESENT', 'AWAY']),
    similarity,
    occurredAt: z.date(),
  }),
  /** Main adds the screenshot itself (desktopCapturer); the renderer only has the camera still. */
  reportIncident: z.object({
    /** COVERED_CAMERA: M nearly uniform frames without a face in a row (faceCount 0, no similarity). */
    kind: z.enum(['PEEKING', 'IMPERSONATION', 'SPOOF', 'COVERED_CAMERA']),
    faceCount: z.number().int().min(0).max(50),
    similarity,
    occurredAt: z.date(),
    /** Absent in verdict-only mode: the renderer does not even hand the still to main. */
    cameraJpeg: jpeg.optional(),
  }),
  getSyncStatus: z.undefined(),
  /** Fetches the administrator's settings (heartbeat); offline, the last ones received. */
  getSettings: z.object({ cameraLabel: z.string().max(200).nullish() }).optional(),
  /**
   * The descriptors the renderer's face model computed, with their enrolment stills (JPEG ≤ 640×480);
   * in verdict-only mode without the stills: only the descriptors are enrolled (main drops a still sent anyway).
   */
  enrolFace: z.object({ faces: z.array(z.object({ jpeg: jpeg.optional(), descriptor })).min(1).max(5) }),
  getFaceDescriptors: z.undefined(),
  getTasks: z.undefined(),
  getToday: z.undefined(),
  /** The periodic webcam still (every captureIntervalMin of a work session); main adds the screenshot. */
  reportCapture: z.object({ occurredAt: z.date(), cameraJpeg: jpeg }),
  /** The terms the worker agreed to (or, when capture was reduced, read): the server keeps the record. */
  recordConsent: z.object({
    terms: z.object({
      captureMode: z.enum(['INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY']),
      captureIntervalMin: z.number().int().min(1).max(1440).nullable(),
      screenshotMode: z.enum(['FULL', 'REDUCED', 'REDACTED']).nullable(),
      retentionDays: z.number().int().min(1).max(3650),
    }),
    occurredAt: z.date(),
  }),
  /** 打刻修正: the worker asks to correct a session's start/end (or to add work never punched), with a reason. */
  requestCorrection: z
    .object({ workSessionId: z.uuid().nullable(), startedAt: z.date(), endedAt: z.date(), reason: z.string().trim().min(1).max(500) })
    .refine((v) => v.endedAt.getTime() > v.startedAt.getTime(), { message: 'the end must be after the start', path: ['endedAt'] }),
  getCorrections: z.undefined(),
  /** The worker's punched sessions that started on this JST date, to choose the one to correct. */
  getCorrectionSessions: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD') }),
} satisfies Record<keyof typeof invokeChannels, z.ZodType>;

export type BridgeMethod = keyof typeof bridgeRequestSchemas;
export type BridgeRequest<M extends BridgeMethod> = z.input<(typeof bridgeRequestSchemas)[M]>;

export type SessionInfo = { signedIn: false } | { signedIn: true; serverUrl: string; userName: string; tenantName: string };

export type SignInResult =
  | { ok: true; userName: string; tenantName: string }
  | {
      ok: false;
      /** NEW_PASSWORD_REJECTED (change screen only): too short, or the issued password again. */
      error: 'INVALID_CREDENTIALS' | 'PASSWORD_CHANGE_REQUIRED' | 'NEW_PASSWORD_REJECTED' | 'NOT_ALLOWED_FROM_HERE' | 'INSECURE_SERVER_URL' | 'UNREACHABLE' | 'LOCKED' | 'PENDING_RECORDS' | 'UNKNOWN';
      message: string;
    };

/** `delivered: false` means kept in the offline queue, to be sent when the server is reachable. */
export interface RecordResult {
  clientId: string;
  delivered: boolean;
}

export interface SyncStatus {
  online: boolean;
  /** The server refused this device's token: records are kept until the worker signs in again. */
  signedOut: boolean;
  queuedEvents: number;
  queuedImages: number;
  lastSyncAt: string | null;
}

/** Face-check and capture settings set by the administrator (tenant, with the PC's own threshold). */
export const agentSettingsSchema = z.object({
  thresholdLevel: z.number().int().min(1).max(10),
  detectionIntervalSec: z.number().int().min(1).max(3600),
  awayAfterChecks: z.number().int().min(1).max(100),
  impersonationAfterChecks: z.number().int().min(1).max(100),
  captureIntervalMin: z.number().int().min(1).max(1440),
  autoPunchFromPresence: z.boolean(),
  screenshotMode: z.enum(['FULL', 'REDUCED', 'REDACTED']),
  redactionAreas: z.unknown().nullable(),
  /** Which images may leave the PC (the worker's group override, else the organisation's). */
  captureMode: z.enum(['INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY']),
  /** Days the server keeps evidence and events. */
  retentionDays: z.number().int().min(1).max(3650),
});
export type AgentSettings = z.infer<typeof agentSettingsSchema>;
export type CaptureMode = AgentSettings['captureMode'];

/** Whether an image taken for this trigger may be written to the queue under the mode (the server's rule too). */
export function captureAllows(mode: CaptureMode, trigger: 'INTERVAL' | 'INCIDENT'): boolean {
  if (mode === 'VERDICT_ONLY') return false;
  if (mode === 'INCIDENT_ONLY') return trigger === 'INCIDENT';
  return true;
}

/**
 * What the worker consents to: the settings that decide what is captured, how often, how it is
 * reduced and how long it is kept, in the server's canonical form (@telework/api/capture-terms, the
 * one definition of "captures more" that the server's consent record uses too).
 */
export function consentTerms(s: AgentSettings): CaptureTerms {
  return captureTermsOf(s);
}
export type ConsentTerms = CaptureTerms;
export const consentTermsKey = (s: AgentSettings): string => termsKey(consentTerms(s));
export const termsKey = (t: CaptureTerms): string => `v1:${t.captureMode}:${t.captureIntervalMin ?? '-'}:${t.screenshotMode ?? '-'}:${t.retentionDays}`;

/** The terms a key names (keys stored by earlier versions of the agent), or null for anything else. */
export function termsOfKey(key: string | null): CaptureTerms | null {
  const m = key === null ? null : /^v1:(INTERVAL_AND_INCIDENT|INCIDENT_ONLY|VERDICT_ONLY):(\d+|-):(FULL|REDUCED|REDACTED|-):(\d+)$/.exec(key);
  if (!m?.[1] || !m[2] || !m[3] || !m[4]) return null;
  return {
    captureMode: m[1] as CaptureTerms['captureMode'],
    captureIntervalMin: m[2] === '-' ? null : Number(m[2]),
    screenshotMode: m[3] === '-' ? null : (m[3] as CaptureTerms['screenshotMode']),
    retentionDays: Number(m[4]),
  };
}

export interface SettingsInfo {
  settings: AgentSettings;
  /** When the server last confirmed them; null while only the defaults are known. */
  fetchedAt: string | null;
}

/** The worker's enrolled faces: from the server, plus enrolments still waiting in the queue. */
export interface FaceDescriptorsInfo {
  descriptors: number[][];
  /** False when the server could not be asked: `descriptors` then holds only the queued ones. */
  fromServer: boolean;
}

export interface TaskInfo {
  id: string;
  code: string;
  name: string;
}

/** Today's figures from the server (Asia/Tokyo day); null offline. */
export interface TodayInfo {
  date: string;
  workedMinutes: number;
  state: 'OFF' | 'WORKING' | 'ON_TASK';
  workStartedAt: string | null;
  currentTask: { id: string; name: string; startedAt: string } | null;
  tasks: { taskId: string; name: string; minutes: number }[];
}

/** One of the worker's correction requests and its outcome (times as ISO strings). */
export interface CorrectionInfo {
  id: string;
  workSessionId: string | null;
  startedAt: string;
  endedAt: string;
  reason: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  decidedAt: string | null;
  decisionNote: string | null;
  /** The punched session the request corrects; null for work that was never punched. */
  punched: { startedAt: string; endedAt: string | null } | null;
}

/** A punched work session, to choose the one to correct. */
export interface PunchedSession {
  id: string;
  startedAt: string;
  endedAt: string | null;
}

/**
 * A request is sent at once, never queued: the server's answer (a closed month, a request already
 * waiting, a time in the future) must reach the worker while they are there to read it.
 */
export type CorrectionRequestResult =
  | { ok: true; correction: CorrectionInfo }
  | { ok: false; error: 'OFFLINE' | 'MONTH_CLOSED' | 'ALREADY_PENDING' | 'INVALID' | 'NOT_FOUND'; message: string };

export interface BridgeResponses {
  getSession: SessionInfo;
  signIn: SignInResult;
  changeIssuedPassword: SignInResult;
  /** Refused while punches/events are still waiting to be sent: they belong to this worker's device token. */
  signOut: { ok: true } | { ok: false; error: 'PENDING_RECORDS'; pending: number };
  punch: RecordResult;
  reportPresence: RecordResult;
  reportIncident: RecordResult;
  getSyncStatus: SyncStatus;
  getSettings: SettingsInfo;
  enrolFace: { clientIds: string[]; delivered: boolean };
  getFaceDescriptors: FaceDescriptorsInfo;
  /** Null while the server cannot be reached. */
  getTasks: TaskInfo[] | null;
  getToday: TodayInfo | null;
  reportCapture: RecordResult;
  recordConsent: RecordResult;
  requestCorrection: CorrectionRequestResult;
  /** Null while the server cannot be reached. */
  getCorrections: CorrectionInfo[] | null;
  getCorrectionSessions: PunchedSession[] | null;
}

type InvokeMethods = {
  [M in BridgeMethod]: BridgeRequest<M> extends undefined
    ? () => Promise<BridgeResponses[M]>
    : undefined extends BridgeRequest<M>
      ? (request?: BridgeRequest<M>) => Promise<BridgeResponses[M]>
      : (request: BridgeRequest<M>) => Promise<BridgeResponses[M]>;
};

/** What `window.agent` offers the renderer. */
export interface AgentBridge extends InvokeMethods {
  /** Returns an unsubscribe function. */
  onSyncStatusChanged(listener: (status: SyncStatus) => void): () => void;
}
