import { describe, expect, it } from 'vitest';
import { invokeChannels, type BridgeResponses } from '../../contract/bridge';
import { DEFAULT_SETTINGS } from '../settings/settings-store';
import { fixtureJpeg } from '../testing/jpeg-fixtures';
import { BridgeRequestError, registerBridge, type BridgeHandlers, type IpcMainLike } from './register-bridge';

type Listener = Parameters<IpcMainLike['handle']>[1];

/** ipcMain's handle/invoke pairing, in-process: what ipcRenderer.invoke reaches. */
function ipcHarness() {
  const listeners = new Map<string, Listener>();
  const ipc: IpcMainLike = { handle: (channel, listener) => void listeners.set(channel, listener) };
  const invoke = async (channel: string, url: string | null, ...args: unknown[]) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener({ senderFrame: url === null ? null : { url } }, ...args);
  };
  return { ipc, invoke, listeners };
}

const page = 'app://agent/index.html';

function handlers(calls: unknown[]): BridgeHandlers {
  const record = async (request: unknown) => {
    calls.push(request);
    return { clientId: '0190f1e2-0000-7000-8000-000000000000', delivered: false };
  };
  const status: BridgeResponses['getSyncStatus'] = { online: false, signedOut: false, queuedEvents: 1, queuedImages: 2, lastSyncAt: null };
  return {
    getSession: async () => ({ signedIn: false }),
    signIn: async (request) => (calls.push(request), { ok: false, error: 'UNREACHABLE', message: 'offline' }),
    changeIssuedPassword: async (request) => (calls.push(request), { ok: false, error: 'UNREACHABLE', message: 'offline' }),
    signOut: async () => ({ ok: true }),
    punch: record,
    reportPresence: record,
    reportIncident: record,
    getSyncStatus: async () => status,
    getSettings: async (request) => (calls.push(request), { settings: DEFAULT_SETTINGS, fetchedAt: null }),
    enrolFace: async (request) => (calls.push(request), { clientIds: [], delivered: false }),
    getFaceDescriptors: async () => ({ descriptors: [], fromServer: false }),
    getTasks: async () => null,
    getToday: async () => null,
    reportCapture: record,
    recordConsent: record,
    requestCorrection: async (request) => (calls.push(request), { ok: false, error: 'OFFLINE', message: 'offline' }),
    getCorrections: async () => null,
    getCorrectionSessions: async (request) => (calls.push(request), null),
  };
}

describe('registerBridge', () => {
  it('registers every channel and passes parsed requests to the handlers', async () => {
    const calls: unknown[] = [];
    const { ipc, invoke, listeners } = ipcHarness();
    registerBridge(ipc, handlers(calls));
    expect([...listeners.keys()].sort()).toEqual(Object.values(invokeChannels).sort());

    expect(await invoke(invokeChannels.getSession, page)).toEqual({ signedIn: false });
    const at = new Date('2026-11-28T00:00:00Z');
    await invoke(invokeChannels.punch, page, { kind: 'WORK_START', occurredAt: at });
    const camera = fixtureJpeg('group-2.jpg');
    await invoke(invokeChannels.reportIncident, page, { kind: 'PEEKING', faceCount: 2, occurredAt: at, cameraJpeg: new Uint8Array(camera) });
    await invoke(invokeChannels.signIn, page, { serverUrl: ' https://telework.example.jp ', systemId: ' T-001 ', loginId: 'yamada', password: 'pw' });
    expect(calls[0]).toEqual({ kind: 'WORK_START', occurredAt: at });
    expect(calls[1]).toMatchObject({ kind: 'PEEKING', faceCount: 2 });
    expect(calls[2]).toEqual({ serverUrl: 'https://telework.example.jp', systemId: 'T-001', loginId: 'yamada', password: 'pw' });
    const descriptor = Array.from({ length: 128 }, (_, i) => i / 128);
    await invoke(invokeChannels.enrolFace, page, { faces: [{ jpeg: new Uint8Array(camera), descriptor }] });
    await invoke(invokeChannels.reportCapture, page, { occurredAt: at, cameraJpeg: new Uint8Array(camera) });
    expect(calls[3]).toEqual({ faces: [{ jpeg: new Uint8Array(camera), descriptor }] });
    expect(calls[4]).toEqual({ occurredAt: at, cameraJpeg: new Uint8Array(camera) });
    expect(await invoke(invokeChannels.getFaceDescriptors, page)).toEqual({ descriptors: [], fromServer: false });
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['a file page', 'file:///C:/Users/x/Downloads/page.html'],
    ['a destroyed frame', null],
  ])('refuses calls from %s', async (_name, url) => {
    const calls: unknown[] = [];
    const { ipc, invoke } = ipcHarness();
    registerBridge(ipc, handlers(calls));
    await expect(invoke(invokeChannels.getSyncStatus, url)).rejects.toThrow(BridgeRequestError);
    expect(calls).toEqual([]);
  });

  it.each([
    ['an unknown punch kind', invokeChannels.punch, [{ kind: 'LUNCH', occurredAt: new Date() }], 'kind'],
    ['a time as a string', invokeChannels.reportPresence, [{ state: 'AWAY', occurredAt: '2026-11-28' }], 'occurredAt'],
    ['similarity out of range', invokeChannels.reportPresence, [{ state: 'PRESENT', similarity: 1.5, occurredAt: new Date() }], 'similarity'],
    ['a PNG as camera image', invokeChannels.reportIncident, [{ kind: 'SPOOF', faceCount: 1, occurredAt: new Date(), cameraJpeg: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0]) }], 'not a JPEG'],
    ['an argument where none is expected', invokeChannels.signOut, [{ everything: true }], 'invalid request'],
    ['a descriptor of the wrong length', invokeChannels.enrolFace, [{ faces: [{ jpeg: new Uint8Array(fixtureJpeg('group-2.jpg')), descriptor: [0.1, 0.2] }] }], 'faces.0.descriptor'],
    ['an enrolment with no face', invokeChannels.enrolFace, [{ faces: [] }], 'faces'],
    ['a capture without its camera still', invokeChannels.reportCapture, [{ occurredAt: new Date() }], 'cameraJpeg'],
    ['an argument to getTasks', invokeChannels.getTasks, [{ all: true }], 'invalid request'],
    ['a correction without a reason', invokeChannels.requestCorrection, [{ workSessionId: null, startedAt: new Date(0), endedAt: new Date(60_000), reason: '   ' }], 'reason'],
    ['a correction that ends before it starts', invokeChannels.requestCorrection, [{ workSessionId: null, startedAt: new Date(60_000), endedAt: new Date(0), reason: '忘れ' }], 'endedAt'],
    ['a session list for a date that is not one', invokeChannels.getCorrectionSessions, [{ date: '2026/12/08' }], 'date'],
    ['extra arguments', invokeChannels.punch, [{ kind: 'WORK_END', occurredAt: new Date() }, 'extra'], 'at most one'],
  ])('rejects %s before any handler runs', async (_name, channel, args, message) => {
    const calls: unknown[] = [];
    const { ipc, invoke } = ipcHarness();
    registerBridge(ipc, handlers(calls));
    await expect(invoke(channel, page, ...args)).rejects.toThrow(message);
    expect(calls).toEqual([]);
  });
});
