// Runs inside the test page (bundled by esbuild, injected before the renderer loads): the one stand-in
// in the browser tests. It implements the real AgentBridge contract and records every call.
import './zod-jitless';
import { bridgeRequestSchemas, type AgentBridge, type AgentSettings, type BridgeMethod, type CorrectionInfo, type CorrectionRequestResult, type PunchedSession, type SettingsInfo, type TaskInfo, type TodayInfo } from '../src/contract/bridge';

export interface BridgeDoubleConfig {
  signedIn: boolean;
  settings: AgentSettings;
  /** Faces the server already holds (getFaceDescriptors adds those enrolled through this double). */
  faceDescriptors?: number[][];
  tasks?: TaskInfo[];
  /** 打刻修正: the worker's punched sessions (any date asked for) and requests the server already holds. */
  punchedSessions?: PunchedSession[];
  corrections?: CorrectionInfo[];
  /** The server's refusal of every request (e.g. a closed month); absent: requests are accepted as PENDING. */
  correctionRefusal?: Extract<CorrectionRequestResult, { ok: false }>['error'];
  /** An issued password: signIn with it answers PASSWORD_CHANGE_REQUIRED, as the server does. */
  issuedPassword?: string;
}

export interface RecordedCall {
  method: BridgeMethod;
  at: number;
  /** The request as JSON; a JPEG is replaced by its size and whether it starts like a JPEG. */
  request: unknown;
  /** Whether the real main process's zod schema accepts the request. */
  valid: boolean;
  jpeg?: { bytes: number; width: number; height: number } | undefined;
  /** enrolFace: the size of each still. */
  stills?: { bytes: number; width: number; height: number }[] | undefined;
}

declare global {
  interface Window {
    __bridgeConfig: BridgeDoubleConfig;
    __bridgeCalls: RecordedCall[];
  }
}

const config = window.__bridgeConfig;
const calls: RecordedCall[] = [];
window.__bridgeCalls = calls;
let signedIn = config.signedIn;
let seq = 0;
const enrolled: number[][] = [];
// Like the server's agent.work.today, from the punches this double received (minutes stay 0).
const today: TodayInfo = { date: new Date().toISOString().slice(0, 10), workedMinutes: 0, state: 'OFF', workStartedAt: null, currentTask: null, tasks: [] };

async function jpegSize(bytes: Uint8Array) {
  const bitmap = await createImageBitmap(new Blob([bytes.slice()], { type: 'image/jpeg' }));
  const size = { bytes: bytes.length, width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

async function record(method: BridgeMethod, request: unknown) {
  const valid = bridgeRequestSchemas[method].safeParse(request).success;
  let jpeg: RecordedCall['jpeg'];
  const plain = JSON.parse(
    JSON.stringify(request ?? null, (_key, value: unknown) => (value instanceof Uint8Array ? '<jpeg>' : value)),
  ) as unknown;
  if (request && typeof request === 'object' && 'cameraJpeg' in request && request.cameraJpeg instanceof Uint8Array) {
    jpeg = await jpegSize(request.cameraJpeg);
  }
  let stills: RecordedCall['stills'];
  if (method === 'enrolFace') {
    const parsed = bridgeRequestSchemas.enrolFace.safeParse(request);
    // Verdict-only: no still at all (counted as none).
    if (parsed.success) stills = await Promise.all(parsed.data.faces.flatMap((f) => (f.jpeg ? [jpegSize(f.jpeg)] : [])));
  }
  calls.push({ method, at: Date.now(), request: plain, valid, jpeg, stills });
}

function applyPunch(request: { kind: string; taskId?: string | null | undefined }) {
  const at = new Date().toISOString();
  if (request.kind === 'WORK_START') Object.assign(today, { state: 'WORKING', workStartedAt: at, currentTask: null });
  if (request.kind === 'WORK_END') Object.assign(today, { state: 'OFF', workStartedAt: null, currentTask: null });
  if (request.kind === 'TASK_END') Object.assign(today, { state: 'WORKING', currentTask: null });
  if (request.kind === 'TASK_START') {
    const task = config.tasks?.find((t) => t.id === request.taskId);
    Object.assign(today, { state: 'ON_TASK', currentTask: { id: task?.id ?? 'none', name: task?.name ?? '', startedAt: at } });
  }
}

const corrections: CorrectionInfo[] = [...(config.corrections ?? [])];

const settingsInfo = (): SettingsInfo => ({ settings: config.settings, fetchedAt: new Date().toISOString() });
const recorded = () => ({ clientId: `client-${++seq}`, delivered: true });

const bridge: AgentBridge = {
  getSession: async () => (await record('getSession', undefined), signedIn ? { signedIn: true, serverUrl: 'https://telework.example/', userName: '山田 太郎', tenantName: 'テスト株式会社' } : { signedIn: false }),
  signIn: async (request) => {
    await record('signIn', request);
    if (config.issuedPassword && request.password === config.issuedPassword) return { ok: false, error: 'PASSWORD_CHANGE_REQUIRED', message: 'The issued password must be changed first.' };
    signedIn = true;
    return { ok: true, userName: '山田 太郎', tenantName: 'テスト株式会社' };
  },
  changeIssuedPassword: async (request) => {
    await record('changeIssuedPassword', request);
    if (request.password !== config.issuedPassword) return { ok: false, error: 'INVALID_CREDENTIALS', message: 'wrong' };
    signedIn = true;
    return { ok: true, userName: '山田 太郎', tenantName: 'テスト株式会社' };
  },
  signOut: async () => (await record('signOut', undefined), (signedIn = false), { ok: true }),
  punch: async (request) => (await record('punch', request), applyPunch(request), recorded()),
  reportPresence: async (request) => (await record('reportPresence', request), recorded()),
  reportIncident: async (request) => (await record('reportIncident', request), recorded()),
  getSyncStatus: async () => (await record('getSyncStatus', undefined), { online: true, signedOut: false, queuedEvents: 0, queuedImages: 0, lastSyncAt: null }),
  getSettings: async (request) => (await record('getSettings', request), settingsInfo()),
  enrolFace: async (request) => {
    await record('enrolFace', request);
    enrolled.push(...request.faces.map((f) => f.descriptor));
    return { clientIds: request.faces.map(() => `client-${++seq}`), delivered: true };
  },
  getFaceDescriptors: async () => (await record('getFaceDescriptors', undefined), { descriptors: [...(config.faceDescriptors ?? []), ...enrolled], fromServer: true }),
  getTasks: async () => (await record('getTasks', undefined), config.tasks ?? []),
  getToday: async () => (await record('getToday', undefined), structuredClone(today)),
  reportCapture: async (request) => (await record('reportCapture', request), recorded()),
  recordConsent: async (request) => (await record('recordConsent', request), recorded()),
  requestCorrection: async (request) => {
    await record('requestCorrection', request);
    if (config.correctionRefusal) return { ok: false, error: config.correctionRefusal, message: 'refused by the test server' };
    const punched = config.punchedSessions?.find((s) => s.id === request.workSessionId);
    const correction: CorrectionInfo = {
      id: `correction-${++seq}`, workSessionId: request.workSessionId, startedAt: request.startedAt.toISOString(), endedAt: request.endedAt.toISOString(), reason: request.reason,
      status: 'PENDING', decidedAt: null, decisionNote: null, punched: punched ? { startedAt: punched.startedAt, endedAt: punched.endedAt } : null,
    };
    corrections.unshift(correction);
    return { ok: true, correction };
  },
  getCorrections: async () => (await record('getCorrections', undefined), structuredClone(corrections)),
  getCorrectionSessions: async (request) => (await record('getCorrectionSessions', request), structuredClone(config.punchedSessions ?? [])),
  onSyncStatusChanged: () => () => undefined,
};

Object.defineProperty(window, 'agent', { value: Object.freeze(bridge), writable: false });
