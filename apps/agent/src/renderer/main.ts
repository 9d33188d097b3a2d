import { DESCRIPTOR_LENGTH } from '@telework/face/verdict';
import { captureAllows, consentTermsKey, MIN_NEW_PASSWORD_LENGTH, type AgentBridge, type AgentSettings, type SettingsInfo, type SyncStatus, type TaskInfo, type TodayInfo } from '../contract/bridge';
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

type Tab = 'punch' | 'camera' | 'settings';
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
 * Asked after sign-in and whenever the terms change (consentTermsKey): nothing is analysed or
 * captured under terms the worker has not seen.
 */
function termsView(): HTMLElement {
  const info = app.settings;
  if (!info) return h('div', { class: 'card' }, '…');
  const key = consentTermsKey(info.settings);
  return h(
    'div',
    { class: 'card', 'data-testid': 'terms' },
    tx('termsTitle', 'h2'),
    tx('termsChanged', 'p'),
    termsList(info.settings),
    h('div', { class: 'row' },
      h('button', { class: 'primary', 'data-testid': 'terms-accept', onclick: () => (localStore.giveTermsConsent(app.user, key), void start()) }, inline('consentAccept')),
      h('button', { 'data-testid': 'terms-sign-out', onclick: () => void signOut() }, inline('signOut'))),
  );
}

/** Whether the settings received carry terms this worker has not agreed to (defaults capture nothing). */
function termsPending(): boolean {
  const info = app.settings;
  return info !== null && info.fetchedAt !== null && localStore.consentedTerms(app.user) !== consentTermsKey(info.settings);
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
      app.message ? h('div', { class: `status ${app.message.tone}`, 'data-testid': 'enrol-status' }, app.message.text) : null,
      h('button', { class: 'primary', disabled: app.busy, 'data-testid': 'enrol-start', onclick: () => void guarded(enrol) }, inline('enrolStart'))),
  );
}

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
  const sent = await bridge.enrolFace({ faces: outcome.photos.map((p) => ({ jpeg: p.jpeg, descriptor: p.embedding })) });
  await loadFaces();
  setMessage(inline(sent.delivered ? 'enrolDone' : 'enrolQueued'), 'ok');
  if (app.loop) await startDetection();
  else if (!app.watch) closeCamera();
  render();
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
    h('button', { 'aria-current': app.tab === id ? 'page' : undefined, 'data-testid': `tab-${id}`, onclick: () => ((app.tab = id), (app.message = null), void showPreview(), render()) }, inline(key));
  const body = app.tab === 'punch' ? punchView() : app.tab === 'camera' ? cameraView() : settingsView();
  view.replaceChildren(h('div', {},
    h('nav', {}, tab('punch', 'tabPunch'), tab('camera', 'tabCamera'), tab('settings', 'tabSettings'),
      h('button', { 'data-testid': 'sign-out', onclick: () => void signOut() }, inline('signOut'))),
    app.sync?.signedOut ? h('div', { class: 'status bad', 'data-testid': 'signed-out-by-server' }, inline('signedOutByServer'), ' ',
      h('button', { 'data-testid': 'sign-in-again', onclick: () => signInAgain() }, inline('signInAgain')))
      : app.sync && !app.sync.online ? h('div', { class: 'status warn' }, inline('offline')) : null,
    app.tab === 'punch' && app.message ? h('div', { class: `status ${app.message.tone}`, 'data-testid': 'punch-status' }, app.message.text) : null,
    body,
  ));
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
    if (!termsPending()) return;
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

