/**
 * IPC channel names, in one place. Kept free of imports so the sandboxed preload bundle stays tiny
 * (it imports this file and only types from ./bridge).
 */
export const invokeChannels = {
  getSession: 'agent:session:get',
  signIn: 'agent:session:sign-in',
  changeIssuedPassword: 'agent:session:change-issued-password',
  signOut: 'agent:session:sign-out',
  punch: 'agent:punch',
  reportPresence: 'agent:presence',
  reportIncident: 'agent:incident',
  getSyncStatus: 'agent:sync:status',
  getSettings: 'agent:settings:get',
  enrolFace: 'agent:faces:enrol',
  getFaceDescriptors: 'agent:faces:descriptors',
  getTasks: 'agent:tasks:list',
  getToday: 'agent:work:today',
  reportCapture: 'agent:capture',
  recordConsent: 'agent:consent:record',
  requestCorrection: 'agent:corrections:request',
  getCorrections: 'agent:corrections:list',
  getCorrectionSessions: 'agent:corrections:sessions',
} as const;

/** Main → renderer notifications. */
export const eventChannels = {
  syncStatusChanged: 'agent:sync:status-changed',
} as const;

/** The renderer sees the bridge as `window.agent`. */
export const BRIDGE_GLOBAL = 'agent';
