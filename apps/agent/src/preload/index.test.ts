import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_GLOBAL, eventChannels, invokeChannels } from '../contract/bridge-channels';
import type { AgentBridge } from '../contract/bridge';

// Electron cannot run here: record what the preload hands to contextBridge and sends over ipcRenderer.
const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const listeners = new Map<string, (...args: unknown[]) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => void invoked.push(args),
    on: (channel: string, listener: (...args: unknown[]) => void) => listeners.set(channel, listener),
    removeListener: (channel: string) => listeners.delete(channel),
  },
}));

describe('preload', () => {
  it('exposes one method per channel, each invoking its own channel', async () => {
    await import('./index');
    const bridge = exposed.get(BRIDGE_GLOBAL) as AgentBridge;
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(invokeChannels), 'onSyncStatusChanged'].sort());
    for (const [method, channel] of Object.entries(invokeChannels)) {
      invoked.length = 0;
      await (bridge[method as keyof typeof invokeChannels] as (request?: unknown) => Promise<unknown>)({ probe: method });
      const expectsArgument = !['getSession', 'signOut', 'getSyncStatus', 'getFaceDescriptors', 'getTasks', 'getToday', 'getCorrections'].includes(method);
      expect(invoked).toEqual([expectsArgument ? [channel, { probe: method }] : [channel]]);
    }
  });

  it('forwards status events without the IPC event object, and unsubscribes', async () => {
    await import('./index');
    const bridge = exposed.get(BRIDGE_GLOBAL) as AgentBridge;
    const seen: unknown[] = [];
    const off = bridge.onSyncStatusChanged((status) => seen.push(status));
    const status = { online: true, signedOut: false, queuedEvents: 0, queuedImages: 3, lastSyncAt: null };
    listeners.get(eventChannels.syncStatusChanged)?.({ sender: 'ipc event with ports' }, status);
    expect(seen).toEqual([status]);
    off();
    expect(listeners.has(eventChannels.syncStatusChanged)).toBe(false);
  });
});
