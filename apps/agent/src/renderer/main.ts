import { DESCRIPTOR_LENGTH } from '@telework/face/verdict';
import { asksConsentAgain } from '@telework/api/capture-terms';
import { captureAllows, consentTerms, consentTermsKey, MIN_NEW_PASSWORD_LENGTH, termsOfKey, type AgentBridge, type AgentSettings, type CorrectionInfo, type PunchedSession, type SettingsInfo, type SyncStatus, type TaskInfo, type TodayInfo } from '../contract/bridge';
import { BRIDGE_GLOBAL } from '../contract/bridge-channels';
import { AutoPunch, awayWindowMs } from './auto-punch';
import { captureStill, listCameras, openCamera, type CameraStatus, type OpenCamera } from './camera';
import { DetectionLoop } from './detection-loop';
import { h, inline, tx, txv } from './dom';
import { enrolFromCamera, ENROLMENT_PHOTOS, rejectionMessage } from './enrolment';
import { faceAnalyzer } from './face-engine';
import { intervalCapture } from './interval-capture';
import type { RepeatingTimer } from './repeating-timer';
import { localStore, type WorkState } from './local-store';
import type { MessageKey } from './messages';
import { termsLines } from './terms';

const maybeBridge = (window as unknown as Record<string, AgentBridge | undefined>)[BRIDGE_GLOBAL];
if (!maybeBridge) throw new Error('window.agent is missing: the renderer runs only inside the agent (or its test page)');
const bridge: AgentBridge = maybeBridge;

const root = document.getElementById('app') ?? document.body;
// The camera preview lives outside the re-rendered views: a <video> removed from the document pauses.
const video = h('video', { 'data-testid': 'preview', autoplay: true, muted: true }) as HTMLVideoElement;
const previewBox = h('div', { class: 'card', hidden: true }, tx('cameraPreview', 'h2'), video);
const view = h('div');
root.append(h('h1', {}, tx('appTitle')), view, previewBox);

type Tab = 'punch' | 'camera' | 'corrections' | 'settings';
const app = {
  user: '',
  tab: 'punch' as Tab,
  settings: null as SettingsInfo | null,
  sync: null as SyncStatus | null,
  camera: null as OpenCamera | null,
  cameraStatus: null as CameraStatus | null,
  cameraId: localStorage.getItem('telework.camera') ?? null,
  loop: null as DetectionLoop | null,
  /** Evidence every captureIntervalMin of the open session. */
  capture: null as RepeatingTimer | null,
  /** Auto punch only: a silent loop outside a session that waits for the worker to arrive. */
  watch: null as DetectionLoop | null,
  auto: null as AutoPunch | null,
  /** The worker's enrolled faces, from main (server, plus enrolments not uploaded yet). */
  faces: [] as number[][],
  tasks: null as TaskInfo[] | null,
  taskId: '' as string,
  today: null as TodayInfo | null,
  todayAt: 0,
  presence: 'unknown' as 'unknown' | 'present' | 'away',
  lastIncident: null as { kind: MessageKey; at: Date } | null,
  message: null as { text: string; tone: 'ok' | 'warn' | 'bad' } | null,
  busy: false,
  /** 打刻修正: the form (JST date and HH:MM times, kept across re-renders) and the worker's requests. */
  correction: { date: '', sessions: null as PunchedSession[] | null, sessionId: '', start: '', end: '', nextDay: false, reason: '' },
  corrections: null as CorrectionInfo[] | null,
  correctionMessage: null as { text: string; tone: 'ok' | 'warn' | 'bad' } | null,
};

function setMessage(text: string | null, tone: 'ok' | 'warn' | 'bad' = 'ok') {
  app.message = text === null ? null : { text, tone };
  render();
}

async function ensureCamera(): Promise<OpenCamera | null> {
  if (app.camera) return app.camera;
  const opened = await openCamera(video, app.cameraId);
  if ('video' in opened) {
    app.camera = opened;
    app.cameraStatus = { kind: 'ok', label: opened.label };
    await showPreview();
  } else {
    app.cameraStatus = opened;
  }
  render();
  return app.camera;
}

function closeCamera() {
  app.camera?.close();
  app.camera = null;
  previewBox.hidden = true;
}

/** The live preview plays only on the camera tab; elsewhere the element is paused between samples. */
async function showPreview() {
  const visible = app.camera !== null && app.tab === 'camera';
  previewBox.hidden = !visible;
  await app.camera?.setPreview(visible);
}

/** What to tell the worker about a camera that could not be opened. */
function cameraProblem(s: Exclude<CameraStatus, { kind: 'ok' }>): string {
  const key: MessageKey = s.kind === 'none' ? 'cameraNone' : s.kind === 'denied' ? 'cameraDenied' : 'cameraError';
  return s.kind === 'error' ? `${inline(key)} (${s.message})` : inline(key);
}

function cameraStatusLine(): HTMLElement | null {
  const s = app.cameraStatus;
  if (!s) return null;
  if (s.kind === 'ok') return h('div', { class: 'status ok', 'data-testid': 'camera-status' }, `${inline('cameraOk')}: ${s.label}`);
  return h('div', { class: 'status bad', 'data-testid': 'camera-status' }, cameraProblem(s));
}

// ---- work session and the detection loop -------------------------------------------------------

function work(): WorkState {
  return localStore.work();
}

/** The server's view when it answered (punches from the console or another PC count), else this PC's. */
function working(): boolean {
  return app.today ? app.today.state !== 'OFF' : work().workStartedAt !== null;
}

function onTask(): boolean {
  return app.today ? app.today.state === 'ON_TASK' : work().taskStartedAt !== null;
}

async function refreshToday() {
  const [today, tasks] = await Promise.all([bridge.getToday(), bridge.getTasks()]);
  app.today = today;
  app.todayAt = Date.now();
  app.tasks = tasks ?? app.tasks;
}

/**
 * The faces to match against come from main: the server's list (admin enrolments included) plus
 * enrolments still queued. Offline, the last list from the server is the cache.
 */
async function loadFaces(): Promise<number[][]> {
  const info = await bridge.getFaceDescriptors();
  if (info.fromServer) localStore.setEnrolment(app.user, info.descriptors);
  // The offline cache may hold descriptors of the previous face model: never compared (other length).
  const cached = localStore.enrolment(app.user).filter((d) => d.length === DESCRIPTOR_LENGTH);
  app.faces = info.fromServer ? info.descriptors : [...cached, ...info.descriptors];
  return app.faces;
}

async function refreshSettings(): Promise<AgentSettings> {
  app.settings = await bridge.getSettings({ cameraLabel: app.camera?.label ?? null });
  return app.settings.settings;
}

function autoPunchFor(settings: AgentSettings): AutoPunch | null {
  if (!settings.autoPunchFromPresence) return null;
  app.auto ??= new AutoPunch({ awayWindowMs: awayWindowMs(settings), now: () => Date.now(), punch: (kind) => guarded(() => punch(kind)) });
  return app.auto;
}

async function startDetection() {
  stopWatch();
  const enrolled = await loadFaces();
  if (enrolled.length === 0) return setMessage(inline('enrolNeeded'), 'warn');
  const camera = await ensureCamera();
  // The session stays open (punches do not need the camera), but the worker must know nobody is checking.
  if (!camera) return setMessage(app.cameraStatus && app.cameraStatus.kind !== 'ok' ? cameraProblem(app.cameraStatus) : inline('cameraNone'), 'bad');
  const settings = await refreshSettings();
  const analyzer = await faceAnalyzer();
  const auto = autoPunchFor(settings);
  app.loop?.stop();
  app.capture?.stop();
  app.loop = new DetectionLoop({
    bridge,
    settings,
    enrolled,
    // One frame per check: with the preview hidden the camera element is paused in between.
    analyze: (options) => camera.sample((v) => analyzer.analyze(v, options)),
    captureStill: () => camera.sample((v) => captureStill(v)),
    onCheck: async ({ events, state }) => {
      if (auto) await auto.observe(state, true);
      for (const e of events) {
        if (e.type === 'presenceChanged' && e.to !== 'unknown') app.presence = e.to;
        if (e.type === 'incident') {
          const kind: MessageKey = e.kind === 'peeking' ? 'incidentPeeking' : e.cause === 'spoof' ? 'incidentSpoof' : 'incidentImpersonation';
          app.lastIncident = { kind, at: new Date() };
        }
      }
      if (events.length > 0) render();
    },
    onError: showError,
  });
  app.loop.start();
  // Interval evidence only where the organisation's capture mode takes it (main refuses it otherwise too).
  if (!captureAllows(settings.captureMode, 'INTERVAL')) return;
  app.capture = intervalCapture({
    intervalMin: settings.captureIntervalMin,
    capture: async () => void (await bridge.reportCapture({ occurredAt: new Date(), cameraJpeg: await camera.sample((v) => captureStill(v)) })),
    onError: showError,
  });
  app.capture.start();
}

function showError(error: unknown) {
  setMessage(`${inline('error')}: ${error instanceof Error ? error.message : String(error)}`, 'bad');
}

function stopDetection() {
  app.loop?.stop();
  app.loop = null;
  app.capture?.stop();
  app.capture = null;
  app.presence = 'unknown';
  closeCamera();
}

/** With auto punch on and no session open: analyse silently until the enrolled worker is seen. */
async function startWatch() {
  const settings = app.settings?.settings;
  const auto = settings ? autoPunchFor(settings) : null;
  if (!settings || !auto || app.loop || app.watch) return;
  const enrolled = await loadFaces();
  if (enrolled.length === 0) return;
  const camera = await ensureCamera();
  if (!camera) return;
  const analyzer = await faceAnalyzer();
  app.watch = new DetectionLoop({
    bridge,
    settings,
    enrolled,
    silent: true,
    analyze: (options) => camera.sample((v) => analyzer.analyze(v, options)),
    captureStill: () => camera.sample((v) => captureStill(v)),
    onCheck: async ({ state }) => void (await auto.observe(state, false)),
    onError: showError,
  });
  app.watch.start();
}

function stopWatch() {
  app.watch?.stop();
  app.watch = null;
}

async function punch(kind: 'WORK_START' | 'WORK_END' | 'TASK_START' | 'TASK_END') {
  const now = Date.now();
  const state = work();
  const taskId = kind === 'TASK_START' && app.taskId ? app.taskId : null;
  const result = await bridge.punch({ kind, taskId, occurredAt: new Date(now) });
  const taskElapsed = state.taskStartedAt === null ? 0 : now - state.taskStartedAt;
  if (kind === 'WORK_START') localStore.setWork({ ...state, workStartedAt: now });
  if (kind === 'TASK_START') localStore.setWork({ ...state, taskStartedAt: now });
  if (kind === 'TASK_END') localStore.setWork({ ...state, taskStartedAt: null, taskMs: state.taskMs + taskElapsed });
  if (kind === 'WORK_END') {
    const workElapsed = state.workStartedAt === null ? 0 : now - state.workStartedAt;
    localStore.setWork({ ...state, workStartedAt: null, taskStartedAt: null, workMs: state.workMs + workElapsed, taskMs: state.taskMs + taskElapsed });
  }
  setMessage(result.delivered ? null : inline('offline'), 'warn');
  // Until the server's figures are back (a slow line must not hold up the camera), this PC's record shows.
  app.today = null;
  void refreshToday().then(render);
  if (kind === 'WORK_START') await startDetection();
  if (kind === 'WORK_END') {
    stopDetection();
    await startWatch();
  }
  render();
}

// ---- views -------------------------------------------------------------------------------------

function consentView(): HTMLElement {
  return h(
    'div',
    { class: 'card', 'data-testid': 'consent' },
    tx('consentTitle', 'h2'),
    tx('consentCamera', 'p'),
    tx('consentEvidence', 'p'),
    tx('consentViewers', 'p'),
    tx('consentAutoPunch', 'p'),
    h('button', { class: 'primary', 'data-testid': 'consent-accept', onclick: () => (localStore.giveConsent(), void start()) }, inline('consentAccept')),
  );
}

/** The organisation's actual settings, in plain words (consent screen and settings tab). */
function termsList(settings: AgentSettings): HTMLElement {
  return h('ul', { 'data-testid': 'terms-list' }, ...termsLines(settings).map((l) => txv(l.key, l.vars, 'li')));
}

/**
 * Asked after sign-in and whenever the terms change to capture more (asksConsentAgain): nothing is
 * analysed or captured under such terms until the worker agrees.
 */
function termsView(): HTMLElement {
  const info = app.settings;
  if (!info) return h('div', { class: 'card' }, '…');
  return h(
    'div',
    { class: 'card', 'data-testid': 'terms' },
    tx('termsTitle', 'h2'),
    tx('termsChanged', 'p'),
    termsList(info.settings),
    h('div', { class: 'row' },
      h('button', { class: 'primary', 'data-testid': 'terms-accept', onclick: () => (agreeTo(info.settings), void start()) }, inline('consentAccept')),
      h('button', { 'data-testid': 'terms-sign-out', onclick: () => void signOut() }, inline('signOut'))),
  );
}

/**
 * The worker agreed to (or read) these terms: kept on this PC, and sent to the server's consent
 * record through main's queue (offline it goes once connected).
 */
function agreeTo(settings: AgentSettings) {
  localStore.giveTermsConsent(app.user, consentTermsKey(settings));
  void bridge.recordConsent({ terms: consentTerms(settings), occurredAt: new Date() }).catch(() => undefined);
}

/**
 * Whether the settings received capture more than the terms this worker last agreed to (or none were
 * agreed to yet; the defaults capture nothing). Less capture is shown (termsReducedNotice), not asked.
 */
function termsPending(): boolean {
  const info = app.settings;
  return info !== null && info.fetchedAt !== null && asksConsentAgain(termsOfKey(localStore.consentedTerms(app.user)), consentTerms(info.settings));
}

/**
 * The terms changed to capture less: shown on the main screen until the worker has read them; from
 * then on they are the terms agreed to, so a later widening back is asked again.
 */
function termsReducedNotice(): HTMLElement | null {
  const info = app.settings;
  if (!info || info.fetchedAt === null || termsPending()) return null;
  const key = consentTermsKey(info.settings);
  if (localStore.consentedTerms(app.user) === key) return null;
  return h(
    'div',
    { class: 'card', 'data-testid': 'terms-reduced' },
    tx('termsReducedTitle', 'h2'),
    tx('termsReduced', 'p'),
    termsList(info.settings),
    h('button', { 'data-testid': 'terms-acknowledge', onclick: () => (agreeTo(info.settings), render()) }, inline('termsAcknowledge')),
  );
}

function signInView(): HTMLElement {
  const field = (key: MessageKey, name: string, type = 'text', value = '') =>
    h('label', {}, inline(key), h('input', { name, type, value, required: true, 'data-testid': `sign-in-${name}` }));
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'sign-in' },
    tx('signInTitle', 'h2'),
    field('serverUrl', 'serverUrl', 'url', localStorage.getItem('telework.server') ?? 'https://'),
    field('systemId', 'systemId'),
    field('loginId', 'loginId'),
    field('password', 'password', 'password'),
    app.message ? h('div', { class: `status ${app.message.tone}` }, app.message.text) : null,
    h('button', { class: 'primary', type: 'submit', 'data-testid': 'sign-in-submit' }, inline('signIn')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? '');
    void bridge.signIn({ serverUrl: value('serverUrl'), systemId: value('systemId'), loginId: value('loginId'), password: value('password') }).then((result) => {
      if (!result.ok) {
        // Refusals with their own words; the rest show the main process's explanation.
        if (result.error === 'PASSWORD_CHANGE_REQUIRED') {
          // The issued password proved right: the worker sets his own here, and is then signed in.
          issued = { serverUrl: value('serverUrl'), systemId: value('systemId'), loginId: value('loginId'), password: value('password') };
          screen = 'change-password';
          return setMessage(inline('signInPasswordChangeRequired'), 'warn');
        }
        if (result.error === 'NOT_ALLOWED_FROM_HERE') return setMessage(inline('signInNotAllowedHere'), 'bad');
        return setMessage(`${inline('signInFailed')}: ${result.message}`, 'bad');
      }
      localStorage.setItem('telework.server', value('serverUrl'));
      app.message = null;
      void start();
    });
  });
  return form;
}

/** The sign-in that answered PASSWORD_CHANGE_REQUIRED, kept in memory only while the change screen is open. */
let issued: { serverUrl: string; systemId: string; loginId: string; password: string } | null = null;

/** The forced change of an issued password (PASSWORD_CHANGE_REQUIRED), then sign-in as usual. */
function changePasswordView(): HTMLElement {
  const field = (key: MessageKey, name: string) =>
    h('label', {}, inline(key), h('input', { name, type: 'password', autocomplete: 'new-password', required: true, 'data-testid': `change-${name}` }));
  const back = () => {
    issued = null;
    screen = 'sign-in';
    setMessage(null);
  };
  const form = h(
    'form',
    { class: 'card', 'data-testid': 'change-password' },
    tx('changePasswordTitle', 'h2'),
    txv('changePasswordIntro', { min: MIN_NEW_PASSWORD_LENGTH }, 'p'),
    field('newPassword', 'newPassword'),
    field('newPasswordAgain', 'newPasswordAgain'),
    app.message ? h('div', { class: `status ${app.message.tone}`, 'data-testid': 'change-status' }, app.message.text) : null,
    h('button', { class: 'primary', type: 'submit', 'data-testid': 'change-submit', disabled: app.busy }, inline('changePasswordSubmit')),
    h('button', { type: 'button', 'data-testid': 'change-cancel', onclick: back }, inline('changePasswordCancel')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = String(data.get('newPassword') ?? '');
    if (!issued) return back();
    // Said before the round trip: the server would refuse these too, in less helpful words.
    if (next.length < MIN_NEW_PASSWORD_LENGTH) return setMessage(inline('changePasswordTooShort', { min: MIN_NEW_PASSWORD_LENGTH }), 'bad');
    if (next !== String(data.get('newPasswordAgain') ?? '')) return setMessage(inline('changePasswordMismatch'), 'bad');
    if (next === issued.password) return setMessage(inline('changePasswordSame'), 'bad');
    app.busy = true;
    const request = { ...issued, newPassword: next };
    void bridge.changeIssuedPassword(request).then((result) => {
      app.busy = false;
      if (!result.ok) {
        if (result.error === 'NEW_PASSWORD_REJECTED') return setMessage(inline('changePasswordRejected'), 'bad');
        if (result.error === 'NOT_ALLOWED_FROM_HERE') return setMessage(inline('signInNotAllowedHere'), 'bad');
        return setMessage(`${inline('signInFailed')}: ${result.message}`, 'bad');
      }
      localStorage.setItem('telework.server', request.serverUrl);
      issued = null;
      app.message = null;
      void start();
    });
  });
  return form;
}

const hm = (ms: number) => `${Math.floor(ms / 3_600_000)}:${String(Math.floor((ms % 3_600_000) / 60_000)).padStart(2, '0')}`;

/** Today's totals: the server's figures (ticking on while working), or this PC's record offline. */
function todayTotals(isWorking: boolean, isOnTask: boolean): { workMs: number; tasks: { name: string; ms: number }[] } {
  const now = Date.now();
  if (app.today) {
    const since = isWorking ? now - app.todayAt : 0;
    const current = app.today.currentTask?.id;
    return {
      workMs: app.today.workedMinutes * 60_000 + since,
      tasks: app.today.tasks.map((t) => ({ name: t.name, ms: t.minutes * 60_000 + (t.taskId === current ? since : 0) })),
    };
  }
  const state = work();
  const taskMs = state.taskMs + (isOnTask && state.taskStartedAt !== null ? now - state.taskStartedAt : 0);
  return { workMs: state.workMs + (isWorking && state.workStartedAt !== null ? now - state.workStartedAt : 0), tasks: [{ name: inline('todayTask'), ms: taskMs }] };
}

function taskSelect(isOnTask: boolean): HTMLElement {
  const select = h('select', { 'data-testid': 'task-select', disabled: isOnTask || app.busy }, h('option', { value: '' }, inline('taskNone'))) as HTMLSelectElement;
  for (const task of app.tasks ?? []) select.append(h('option', { value: task.id, selected: task.id === app.taskId }, `${task.code} ${task.name}`));
  select.addEventListener('change', () => (app.taskId = select.value));
  return h('label', {}, inline('taskChoose'), select);
}

function punchView(): HTMLElement {
  const isWorking = working();
  const isOnTask = onTask();
  const totals = todayTotals(isWorking, isOnTask);
  const stateKey: MessageKey = !isWorking ? 'stateOff' : isOnTask ? 'stateTask' : 'stateWorking';
  const presenceKey: MessageKey = !isWorking ? 'presenceIdle' : app.presence === 'present' ? 'presencePresent' : app.presence === 'away' ? 'presenceAway' : 'presenceUnknown';
  const button = (key: MessageKey, kind: Parameters<typeof punch>[0], enabled: boolean, primary = false) =>
    h('button', { class: primary ? 'primary' : undefined, disabled: !enabled || app.busy, 'data-testid': `punch-${kind}`, onclick: () => void guarded(() => punch(kind)) }, inline(key));
  return h(
    'div',
    { 'data-testid': 'punch' },
    termsReducedNotice(),
    h('div', { class: 'card' }, h('div', { class: 'big', 'data-testid': 'work-state' }, inline(stateKey)),
      app.today?.currentTask ? h('div', { 'data-testid': 'current-task' }, app.today.currentTask.name) : null,
      h('div', { class: 'row' }, button('workStart', 'WORK_START', !isWorking, true), button('workEnd', 'WORK_END', isWorking))),
    h('div', { class: 'card' }, taskSelect(isOnTask),
      h('div', { class: 'row' }, button('taskStart', 'TASK_START', isWorking && !isOnTask), button('taskEnd', 'TASK_END', isOnTask))),
    h('div', { class: 'card' }, h('dl', {},
      h('dt', {}, inline('todayWork')), h('dd', { 'data-testid': 'today-work' }, hm(totals.workMs)),
      ...totals.tasks.flatMap((t) => [h('dt', {}, t.name), h('dd', { 'data-testid': 'today-task' }, hm(t.ms))]),
      h('dt', {}, inline('presence')), h('dd', { 'data-testid': 'presence' }, inline(presenceKey)),
      h('dt', {}, inline('lastIncident')), h('dd', { 'data-testid': 'last-incident' }, app.lastIncident ? `${inline(app.lastIncident.kind)} ${app.lastIncident.at.toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo' })}` : '—'),
      h('dt', {}, inline('queued')), h('dd', {}, app.sync ? `${app.sync.queuedEvents} / ${app.sync.queuedImages}` : '—')),
      app.today ? null : h('div', { class: 'status warn', 'data-testid': 'today-offline' }, inline('todayOffline'))),
    app.faces.length === 0 ? h('div', { class: 'status warn' }, inline('enrolNeeded')) : null,
  );
}

function cameraView(): HTMLElement {
  const select = h('select', { 'data-testid': 'camera-select' }) as HTMLSelectElement;
  void listCameras().then((cameras) => {
    if (cameras.length === 0) select.append(h('option', { value: '' }, inline('cameraNone')));
    for (const c of cameras) select.append(h('option', { value: c.deviceId, selected: c.deviceId === app.cameraId }, c.label));
  });
  select.addEventListener('change', () => {
    app.cameraId = select.value || null;
    if (app.cameraId) localStorage.setItem('telework.camera', app.cameraId);
    closeCamera();
    void ensureCamera().then(() => (app.loop ? startDetection() : undefined));
  });
  const enrolled = app.faces.length;
  return h(
    'div',
    { 'data-testid': 'camera' },
    h('div', { class: 'card' }, h('label', {}, inline('cameraDevice'), select), cameraStatusLine()),
    h('div', { class: 'card', 'data-testid': 'enrolment' }, tx('enrolTitle', 'h2'), tx('enrolHelp', 'p'),
      h('div', { 'data-testid': 'enrol-count' }, `${inline('enrolCount')}: ${enrolled}`),
      descriptorOnly() ? h('p', { 'data-testid': 'enrol-descriptor-only' }, inline('enrolDescriptorOnly')) : null,
      app.message ? h('div', { class: `status ${app.message.tone}`, 'data-testid': 'enrol-status' }, app.message.text) : null,
      h('button', { class: 'primary', disabled: app.busy, 'data-testid': 'enrol-start', onclick: () => void guarded(enrol) }, inline('enrolStart'))),
  );
}

/** Verdict-only mode (or settings not known yet): enrolment sends descriptors, never photos. */
const descriptorOnly = () => (app.settings?.settings.captureMode ?? 'VERDICT_ONLY') === 'VERDICT_ONLY';

async function enrol() {
  const camera = await ensureCamera();
  if (!camera) return;
  setMessage(inline('modelsLoading'), 'warn');
  const analyzer = await faceAnalyzer();
  setMessage(`${inline('enrolProgress')} 0/${ENROLMENT_PHOTOS}`, 'warn');
  const outcome = await enrolFromCamera(
    () => camera.sample(async (v) => ({ jpeg: await captureStill(v), frame: await analyzer.analyze(v) })),
    (n) => setMessage(`${inline('enrolProgress')} ${n}/${ENROLMENT_PHOTOS}`, 'warn'),
  );
  if (!outcome.ok) return setMessage(`${inline('enrolRejected')}: ${inline(rejectionMessage(outcome.rejection))}`, 'bad');
  // Main queues the stills with their descriptors and uploads them; offline they wait in its queue.
  // Verdict-only: the stills never leave the renderer, only the descriptors go to main.
  const photos = !descriptorOnly();
  const sent = await bridge.enrolFace({ faces: outcome.photos.map((p) => ({ ...(photos ? { jpeg: p.jpeg } : {}), descriptor: p.embedding })) });
  await loadFaces();
  setMessage(inline(sent.delivered ? 'enrolDone' : 'enrolQueued'), 'ok');
  if (app.loop) await startDetection();
  else if (!app.watch) closeCamera();
  render();
}

// ---- 打刻修正 ---------------------------------------------------------------------------------

const jstDate = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
const jstTime = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(11, 16);
const jstDateTime = (iso: string) => `${jstDate(Date.parse(iso)).slice(5).replace('-', '/')} ${jstTime(iso)}`;
/** A JST date and HH:MM as an instant (Japan has no daylight saving time). */
const jstInstant = (date: string, time: string, plusDays = 0) => new Date(Date.parse(`${date}T${time}:00+09:00`) + plusDays * 86_400_000);

async function loadCorrectionSessions() {
  const form = app.correction;
  form.sessions = await bridge.getCorrectionSessions({ date: form.date });
  if (form.sessions === null) app.correctionMessage = { text: inline('correctionListOffline'), tone: 'warn' };
}

async function refreshCorrections() {
  app.corrections = await bridge.getCorrections();
}

/** Choosing a punch fills in its times, to be corrected from there. */
function chooseSession(id: string) {
  const form = app.correction;
  form.sessionId = id;
  const session = form.sessions?.find((s) => s.id === id);
  if (session) {
    form.start = jstTime(session.startedAt);
    form.end = session.endedAt ? jstTime(session.endedAt) : '';
    form.nextDay = session.endedAt !== null && jstDate(Date.parse(session.endedAt)) !== form.date;
  }
  render();
}

const refusals: Record<'OFFLINE' | 'MONTH_CLOSED' | 'ALREADY_PENDING' | 'INVALID' | 'NOT_FOUND', MessageKey> = {
  OFFLINE: 'correctionOffline',
  MONTH_CLOSED: 'correctionMonthClosed',
  ALREADY_PENDING: 'correctionAlreadyPending',
  INVALID: 'correctionInvalid',
  NOT_FOUND: 'correctionNotFound',
};

async function sendCorrection() {
  const form = app.correction;
  if (!form.date || !form.start || !form.end || form.reason.trim() === '') {
    app.correctionMessage = { text: inline('correctionMissing'), tone: 'bad' };
    return;
  }
  const startedAt = jstInstant(form.date, form.start);
  const endedAt = jstInstant(form.date, form.end, form.nextDay ? 1 : 0);
  if (endedAt.getTime() <= startedAt.getTime()) {
    app.correctionMessage = { text: inline('correctionInvalid'), tone: 'bad' };
    return;
  }
  const result = await bridge.requestCorrection({ workSessionId: form.sessionId || null, startedAt, endedAt, reason: form.reason.trim() });
  if (!result.ok) {
    app.correctionMessage = { text: inline(refusals[result.error]), tone: result.error === 'OFFLINE' ? 'warn' : 'bad' };
    return;
  }
  app.correctionMessage = { text: inline('correctionSent'), tone: 'ok' };
  form.reason = '';
  await refreshCorrections();
}

const statusKey: Record<CorrectionInfo['status'], MessageKey> = { PENDING: 'correctionPending', APPROVED: 'correctionApproved', REJECTED: 'correctionRejected' };

function correctionsView(): HTMLElement {
  const form = app.correction;
  const input = (testId: string, attrs: Record<string, string | boolean | undefined>, onInput: (value: string) => void) =>
    h('input', { 'data-testid': testId, ...attrs, oninput: (e: Event) => onInput((e.target as HTMLInputElement).value) });
  const label = (key: MessageKey, control: HTMLElement) => h('label', {}, inline(key), control);
  const sessionOptions = (form.sessions ?? []).map((s) =>
    h('option', { value: s.id, selected: form.sessionId === s.id }, `${jstTime(s.startedAt)} – ${s.endedAt ? jstTime(s.endedAt) : inline('correctionOpen')}`));
  const list = app.corrections;
  return h(
    'div',
    { 'data-testid': 'corrections' },
    h('div', { class: 'card' }, tx('correctionTitle', 'h2'), tx('correctionHelp', 'p'),
      h('div', { class: 'row' },
        label('correctionDate', input('correction-date', { type: 'date', value: form.date }, (v) => ((form.date = v), (form.sessions = null), (form.sessionId = '')))),
        h('button', { 'data-testid': 'correction-load', disabled: app.busy || !form.date, onclick: () => void guarded(async () => { app.correctionMessage = null; await loadCorrectionSessions(); }) }, inline('correctionLoadSessions'))),
      form.sessions === null ? null : label('correctionSession',
        h('select', { 'data-testid': 'correction-session', onchange: (e: Event) => chooseSession((e.target as HTMLSelectElement).value) },
          h('option', { value: '', selected: form.sessionId === '' }, inline('correctionNoPunch')), ...sessionOptions)),
      h('div', { class: 'row' },
        label('correctionStart', input('correction-start', { type: 'time', value: form.start }, (v) => (form.start = v))),
        label('correctionEnd', input('correction-end', { type: 'time', value: form.end }, (v) => (form.end = v))),
        h('label', {}, h('input', { type: 'checkbox', 'data-testid': 'correction-next-day', checked: form.nextDay, onchange: (e: Event) => (form.nextDay = (e.target as HTMLInputElement).checked) }), inline('correctionNextDay'))),
      label('correctionReason', h('textarea', { 'data-testid': 'correction-reason', maxlength: 500, rows: 2, oninput: (e: Event) => (form.reason = (e.target as HTMLTextAreaElement).value) }, form.reason)),
      h('div', { class: 'row' }, h('button', { class: 'primary', 'data-testid': 'correction-submit', disabled: app.busy, onclick: () => void guarded(sendCorrection) }, inline('correctionSubmit'))),
      app.correctionMessage ? h('div', { class: `status ${app.correctionMessage.tone}`, 'data-testid': 'correction-status' }, app.correctionMessage.text) : null),
    h('div', { class: 'card' }, tx('correctionListTitle', 'h2'),
      list === null ? h('div', { class: 'status warn', 'data-testid': 'corrections-offline' }, inline('correctionListOffline'))
        : list.length === 0 ? h('div', { 'data-testid': 'corrections-none' }, inline('correctionNone'))
          : h('ul', { 'data-testid': 'correction-list' }, ...list.map((c) =>
            h('li', { 'data-testid': 'correction-item', 'data-status': c.status },
              h('strong', { 'data-testid': 'correction-state' }, inline(statusKey[c.status])), ' ',
              c.punched ? `${inline('correctionPunched')}: ${jstDateTime(c.punched.startedAt)} – ${c.punched.endedAt ? jstTime(c.punched.endedAt) : inline('correctionOpen')} → ` : '',
              `${inline('correctionRequested')}: ${jstDateTime(c.startedAt)} – ${jstTime(c.endedAt)}`,
              h('div', { class: 'en' }, c.reason),
              c.decisionNote ? h('div', { 'data-testid': 'correction-note' }, c.decisionNote) : null)))),
  );
}

function settingsView(): HTMLElement {
  const info = app.settings;
  if (!info) return h('div', { class: 'card' }, '…');
  const s = info.settings;
  const row = (key: MessageKey, value: string) => [h('dt', {}, inline(key)), h('dd', {}, value)];
  return h(
    'div',
    { class: 'card', 'data-testid': 'settings' },
    tx('settingsTitle', 'h2'),
    termsList(s),
    h('dl', {},
      ...row('captureMode', s.captureMode),
      ...row('thresholdLevel', String(s.thresholdLevel)),
      ...row('detectionInterval', String(s.detectionIntervalSec)),
      ...row('awayAfter', String(s.awayAfterChecks)),
      ...row('impersonationAfter', String(s.impersonationAfterChecks)),
      ...row('captureInterval', String(s.captureIntervalMin)),
      ...row('screenshotMode', s.screenshotMode),
      ...row('autoPunch', inline(s.autoPunchFromPresence ? 'yes' : 'no')),
      ...row('settingsFetchedAt', info.fetchedAt ? new Date(info.fetchedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }) : inline('settingsDefaults'))),
  );
}

async function guarded(action: () => Promise<void>) {
  if (app.busy) return;
  app.busy = true;
  render();
  try {
    await action();
  } catch (error) {
    setMessage(`${inline('error')}: ${error instanceof Error ? error.message : String(error)}`, 'bad');
  } finally {
    app.busy = false;
    render();
  }
}

let screen: 'consent' | 'sign-in' | 'change-password' | 'terms' | 'main' = 'consent';

function render() {
  if (screen === 'consent') return view.replaceChildren(consentView());
  if (screen === 'terms') return view.replaceChildren(termsView());
  if (screen === 'sign-in') return view.replaceChildren(signInView());
  if (screen === 'change-password') return view.replaceChildren(changePasswordView());
  const tab = (id: Tab, key: MessageKey) =>
    h('button', { 'aria-current': app.tab === id ? 'page' : undefined, 'data-testid': `tab-${id}`, onclick: () => ((app.tab = id), (app.message = null), void showPreview(), id === 'corrections' ? void openCorrections() : render()) }, inline(key));
  const body = app.tab === 'punch' ? punchView() : app.tab === 'camera' ? cameraView() : app.tab === 'corrections' ? correctionsView() : settingsView();
  view.replaceChildren(h('div', {},
    h('nav', {}, tab('punch', 'tabPunch'), tab('camera', 'tabCamera'), tab('corrections', 'tabCorrections'), tab('settings', 'tabSettings'),
      h('button', { 'data-testid': 'sign-out', onclick: () => void signOut() }, inline('signOut'))),
    app.sync?.signedOut ? h('div', { class: 'status bad', 'data-testid': 'signed-out-by-server' }, inline('signedOutByServer'), ' ',
      h('button', { 'data-testid': 'sign-in-again', onclick: () => signInAgain() }, inline('signInAgain')))
      : app.sync && !app.sync.online ? h('div', { class: 'status warn' }, inline('offline')) : null,
    app.tab === 'punch' && app.message ? h('div', { class: `status ${app.message.tone}`, 'data-testid': 'punch-status' }, app.message.text) : null,
    body,
  ));
}

/** The corrections tab opens on today's punches and the worker's requests, fresh from the server. */
async function openCorrections() {
  app.correctionMessage = null;
  if (!app.correction.date) app.correction.date = jstDate(Date.now());
  render();
  await guarded(async () => {
    await Promise.all([refreshCorrections(), loadCorrectionSessions()]);
  });
}

/** The server refused this device's token: stop the camera and sign in again (main keeps the queue). */
function signInAgain() {
  stopWatch();
  stopDetection();
  screen = 'sign-in';
  render();
}

async function signOut() {
  if (screen === 'main' && working()) await punch('WORK_END');
  stopWatch();
  closeCamera();
  const result = await bridge.signOut();
  if (!result.ok) return setMessage(`${inline('signOutPending')} (${result.pending})`, 'warn');
  screen = 'sign-in';
  render();
}

async function start() {
  if (!localStore.hasConsented()) {
    screen = 'consent';
    return render();
  }
  const session = await bridge.getSession();
  if (!session.signedIn) {
    screen = 'sign-in';
    return render();
  }
  app.user = `${session.serverUrl}|${session.tenantName}|${session.userName}`;
  app.sync = await bridge.getSyncStatus();
  await refreshSettings();
  if (termsPending()) {
    screen = 'terms';
    return render();
  }
  screen = 'main';
  await refreshToday();
  await loadFaces();
  render();
  // A session left open (app restarted mid-day) resumes its checks: the loop runs whenever work is open.
  if (working()) await guarded(startDetection);
  else await guarded(startWatch);
}

bridge.onSyncStatusChanged((status) => {
  app.sync = status;
  if (screen === 'main') render();
});
// The organisation's settings are asked for once a minute: new terms stop the checks until agreed to.
setInterval(() => {
  if (screen !== 'main' || app.busy) return;
  void refreshSettings().then(() => {
    // Terms that capture less are shown at once; terms that capture more stop everything until agreed to.
    if (!termsPending()) return void (app.tab === 'punch' && termsReducedNotice() && render());
    stopWatch();
    stopDetection();
    screen = 'terms';
    render();
  }).catch(() => undefined);
}, 60_000);
// Totals tick once a minute while visible.
setInterval(() => screen === 'main' && app.tab === 'punch' && !app.busy && render(), 60_000);
void start();
document.documentElement.lang = 'ja';

