import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { AgentBridge, SyncStatus } from '../contract/bridge';
import { BRIDGE_GLOBAL, eventChannels, invokeChannels } from '../contract/bridge-channels';

// Runs sandboxed with context isolation: only these functions cross into the page, never ipcRenderer.
const bridge = {
  getSession: () => ipcRenderer.invoke(invokeChannels.getSession),
  signIn: (request) => ipcRenderer.invoke(invokeChannels.signIn, request),
  changeIssuedPassword: (request) => ipcRenderer.invoke(invokeChannels.changeIssuedPassword, request),
  signOut: () => ipcRenderer.invoke(invokeChannels.signOut),
  punch: (request) => ipcRenderer.invoke(invokeChannels.punch, request),
  reportPresence: (request) => ipcRenderer.invoke(invokeChannels.reportPresence, request),
  reportIncident: (request) => ipcRenderer.invoke(invokeChannels.reportIncident, request),
  getSyncStatus: () => ipcRenderer.invoke(invokeChannels.getSyncStatus),
  getSettings: (request) => ipcRenderer.invoke(invokeChannels.getSettings, request),
  enrolFace: (request) => ipcRenderer.invoke(invokeChannels.enrolFace, request),
  getFaceDescriptors: () => ipcRenderer.invoke(invokeChannels.getFaceDescriptors),
  getTasks: () => ipcRenderer.invoke(invokeChannels.getTasks),
  getToday: () => ipcRenderer.invoke(invokeChannels.getToday),
  reportCapture: (request) => ipcRenderer.invoke(invokeChannels.reportCapture, request),
  recordConsent: (request) => ipcRenderer.invoke(invokeChannels.recordConsent, request),
  requestCorrection: (request) => ipcRenderer.invoke(invokeChannels.requestCorrection, request),
  getCorrections: () => ipcRenderer.invoke(invokeChannels.getCorrections),
  getCorrectionSessions: (request) => ipcRenderer.invoke(invokeChannels.getCorrectionSessions, request),
  onSyncStatusChanged: (listener) => {
    const forward = (_event: IpcRendererEvent, status: SyncStatus) => listener(status);
    ipcRenderer.on(eventChannels.syncStatusChanged, forward);
    return () => void ipcRenderer.removeListener(eventChannels.syncStatusChanged, forward);
  },
} satisfies AgentBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
