// Runs inside the test page (bundled by esbuild, injected before the renderer loads): the one stand-in
// in the browser tests. It implements the real AgentBridge contract and records every call.
import './zod-jitless';
import { bridgeRequestSchemas, type AgentBridge, type AgentSettings, type BridgeMethod, type SettingsInfo } from '../src/shared/bridge';

export interface BridgeDoubleConfig {
  signedIn: boolean;
  settings: AgentSettings;
}

export interface RecordedCall {
  method: BridgeMethod;
  at: number;
  /** The request as JSON; a JPEG is replaced by its size and whether it starts like a JPEG. */
  request: unknown;
  /** Whether the real main process's zod schema accepts the request. */
  valid: boolean;
  jpeg?: { bytes: number; width: number; height: number } | undefined;
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
    JSON.stringify(request ?? null, (key, value: unknown) => (key === 'cameraJpeg' ? '<jpeg>' : value)),
  ) as unknown;
  if (request && typeof request === 'object' && 'cameraJpeg' in request && request.cameraJpeg instanceof Uint8Array) {
    jpeg = await jpegSize(request.cameraJpeg);
  }
  calls.push({ method, at: Date.now(), request: plain, valid, jpeg });
}

const settingsInfo = (): SettingsInfo => ({ settings: config.settings, fetchedAt: new Date().toISOString() });
const recorded = () => ({ clientId: `client-${++seq}`, delivered: true });

const bridge: AgentBridge = {
  getSession: async () => (await record('getSession', undefined), signedIn ? { signedIn: true, serverUrl: 'https://telework.example/', userName: '山田 太郎', tenantName: 'テスト株式会社' } : { signedIn: false }),
  signIn: async (request) => {
    await record('signIn', request);
    signedIn = true;
    return { ok: true, userName: '山田 太郎', tenantName: 'テスト株式会社' };
  },
  signOut: async () => (await record('signOut', undefined), (signedIn = false), { ok: true }),
  punch: async (request) => (await record('punch', request), recorded()),
  reportPresence: async (request) => (await record('reportPresence', request), recorded()),
  reportIncident: async (request) => (await record('reportIncident', request), recorded()),
  getSyncStatus: async () => (await record('getSyncStatus', undefined), { online: true, queuedEvents: 0, queuedImages: 0, lastSyncAt: null }),
  getSettings: async (request) => (await record('getSettings', request), settingsInfo()),
  onSyncStatusChanged: () => () => undefined,
};

Object.defineProperty(window, 'agent', { value: Object.freeze(bridge), writable: false });
