/**
 * `npm run bench -w @telework/agent` (after the offline-queue bench): the renderer's costs in real
 * headless Chromium on this machine.
 * 1. The product's analyzer now (dlib ResNet-34 descriptor) against the one before issue 14 (Human's
 *    faceres descriptor with antispoof and liveness), both loaded in one page and run in turn on the
 *    same photos: per-check CPU of the renderer (all threads, /proc/<pid>/task/<tid>/schedstat) and
 *    wall time, p50/p95, at both depths of a check; then each model's check loop on the agent's own
 *    camera code (fake webcam, preview hidden) at the interval for --loop-seconds, CPU of every
 *    Chromium process; the ratios now/before.
 * 2. CPU share and memory of the real agent renderer (the current model) during a work session at
 *    the default 10 s interval, with a fake webcam (person-vlado.jpg): /proc/<pid>/stat of every
 *    process of the profile and DevTools' Performance.getMetrics (main-thread TaskDuration, JS heap).
 *    The session runs once per --camera-fps: 5 is a camera delivering the 5 fps the agent asks for,
 *    10 one that only offers 10 fps (Chromium then drops frames in software after capturing them).
 * The last line is the figures as JSON.
 * Usage: tsx src/bench/run-bench.ts [--minutes 3] [--repeats 10] [--loop-seconds 60] [--camera-fps 5,10] [--interval 10]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DEFAULT_FULL_CHECK_EVERY } from '@telework/face/verdict';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { bridgeDoubleScript, CHROMIUM, FIXTURES, fakeCamera, launchAgent } from '../../e2e/browser';
import { serveRenderer } from '../../e2e/static-server';
import { buildRenderer } from '../../scripts/build-renderer';
import { DEFAULT_SETTINGS } from '../main/settings/settings-store';
import type { AgentSettings } from '../contract/bridge';
import type { BenchModel } from './analyze-page';

const BENCH_MODELS: readonly BenchModel[] = ['now', 'before'];

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const MINUTES = arg('minutes', 3);
/** Seconds of each model's check loop in the comparison page. */
const LOOP_SECONDS = arg('loop-seconds', 60);
const CAMERA_FPS = (() => {
  const i = process.argv.indexOf('--camera-fps');
  const list = (i >= 0 ? (process.argv[i + 1] ?? '') : '5,10').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return list.length > 0 ? list : [5, 10];
})();
const REPEATS = arg('repeats', 10);
/** The agent's default detection interval unless given; another shows how the cost scales (a huge one: the camera alone). */
const INTERVAL_SEC = arg('interval', DEFAULT_SETTINGS.detectionIntervalSec);
const agentRoot = join(import.meta.dirname, '../..');
const PHOTOS = ['person-vlado.jpg', 'person-vlado1.jpg', 'person-tetiana.jpg', 'group-2.jpg', 'group-3.jpg', 'background.jpg'];
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN) * 10) / 10;
};
const round2 = (n: number) => Math.round(n * 100) / 100;

const HUMAN_MODELS = join(dirname(createRequire(join(agentRoot, '../../packages/face/package.json')).resolve('@vladmandic/human')), '../models');
/** The previous analyzer's models, which the agent's build no longer ships. */
const BEFORE_MODELS = ['faceres', 'antispoof', 'liveness'];

/** CPU milliseconds of every thread of the processes, from /proc/<pid>/task/<tid>/schedstat (nanoseconds). */
function threadsCpuMs(pids: readonly number[]): number {
  let ns = 0;
  for (const pid of pids) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended while we looked
      }
    }
  }
  return ns / 1e6;
}

const p5095 = (ms: number[]) => `p50 ${pct(ms, 50).toFixed(0).padStart(4)} ms  p95 ${pct(ms, 95).toFixed(0).padStart(4)} ms`;
const shareOf = (cpuMs: number, wallS: number) => (100 * cpuMs) / 1000 / wallS;

/**
 * Both analyzers in one page: per-check CPU of the renderer and wall time on the fixture photos,
 * then each model's check loop on the agent's camera code for LOOP_SECONDS at the interval, all
 * Chromium processes measured. Returns the figures for the JSON line.
 */
async function modelComparison(tmp: string) {
  const root = join(tmp, 'bench-page');
  cpSync(join(agentRoot, 'dist/renderer'), root, { recursive: true });
  for (const model of BEFORE_MODELS) for (const ext of ['.json', '.bin']) copyFileSync(join(HUMAN_MODELS, model + ext), join(root, 'models', model + ext));
  mkdirSync(join(root, 'photos'));
  for (const p of PHOTOS) copyFileSync(join(FIXTURES, p), join(root, 'photos', p));
  await build({ entryPoints: [join(import.meta.dirname, 'analyze-page.ts')], outfile: join(root, 'renderer.js'), bundle: true, format: 'esm', platform: 'browser', target: 'chrome130', logLevel: 'warning', external: ['fs', 'path', 'os', 'crypto', 'worker_threads', 'perf_hooks', 'util'] });
  const server = await serveRenderer(root);
  const profile = join(tmp, 'profile-models');
  mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${fakeCamera('person-vlado.jpg', tmp, 5)}`],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.exposeFunction('benchCpuMs', () => threadsCpuMs(chromiumProcesses(profile).filter((p) => p.type === 'renderer').map((p) => p.pid)));
    await page.goto(`${server.origin}/`);
    const result = await page.evaluate(([photos, repeats]) => window.runFaceBench(photos, repeats), [PHOTOS, REPEATS] as const);
    console.log(`\nPer check in Chromium, both models in one page in turn (WASM backend, ${REPEATS} runs per photo and depth, scaled to ≤640×480); CPU = all threads of the renderer`);
    const figures: Record<string, unknown> = {};
    const perModel: Record<string, { fullCpu: number; lightCpu: number }> = {};
    for (const model of BENCH_MODELS) {
      const mine = result.timings.filter((t) => t.model === model);
      const oneFull = mine.filter((t) => t.faces === 1 && t.depth === 'full');
      const oneLight = mine.filter((t) => t.faces === 1 && t.depth === 'light');
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      console.log(`  ${model === 'now' ? 'now (dlib ResNet-34)' : 'before (faceres + antispoof + liveness)'}: load ${result.loadMs[model].toFixed(0)} ms`);
      console.log(`    one-face full check   CPU ${p5095(oneFull.map((t) => t.cpuMs))}   wall ${p5095(oneFull.map((t) => t.wallMs))}`);
      console.log(`    one-face light check  CPU ${p5095(oneLight.map((t) => t.cpuMs))}   wall ${p5095(oneLight.map((t) => t.wallMs))}`);
      for (const photo of PHOTOS) {
        const full = mine.filter((t) => t.photo === photo && t.depth === 'full');
        console.log(`    ${photo.padEnd(20)} faces ${full[0]?.faces ?? '?'}  full CPU ${p5095(full.map((t) => t.cpuMs))}`);
      }
      perModel[model] = { fullCpu: mean(oneFull.map((t) => t.cpuMs)), lightCpu: mean(oneLight.map((t) => t.cpuMs)) };
      figures[model] = {
        loadMs: Math.round(result.loadMs[model]),
        oneFaceFullCpuMs: { p50: pct(oneFull.map((t) => t.cpuMs), 50), p95: pct(oneFull.map((t) => t.cpuMs), 95) },
        oneFaceLightCpuMs: { p50: pct(oneLight.map((t) => t.cpuMs), 50), p95: pct(oneLight.map((t) => t.cpuMs), 95) },
        oneFaceFullWallMs: { p50: pct(oneFull.map((t) => t.wallMs), 50), p95: pct(oneFull.map((t) => t.wallMs), 95) },
      };
    }
    const steady = (m: { fullCpu: number; lightCpu: number }) => (m.fullCpu + (DEFAULT_FULL_CHECK_EVERY - 1) * m.lightCpu) / DEFAULT_FULL_CHECK_EVERY;
    const now = perModel.now;
    const before = perModel.before;
    if (!now || !before) throw new Error('both models expected');
    console.log(
      `  checks alone at ${INTERVAL_SEC} s, steady worker (1 full + ${DEFAULT_FULL_CHECK_EVERY - 1} light): now ${shareOf(steady(now), INTERVAL_SEC).toFixed(2)} %, before ${shareOf(steady(before), INTERVAL_SEC).toFixed(2)} % of one core; full check CPU now/before ×${(now.fullCpu / before.fullCpu).toFixed(2)}`,
    );

    // The check loop on the camera, one model after the other, all Chromium processes of this profile.
    const loops: Record<string, number> = {};
    for (const model of BENCH_MODELS) {
      const procs = chromiumProcesses(profile);
      const c0 = procs.map((p) => procCpuSeconds(p.pid));
      const t0 = performance.now();
      const run = await page.evaluate(([m, s, i]) => window.runCheckLoop(m, s, i), [model, LOOP_SECONDS, INTERVAL_SEC] as const);
      const wall = (performance.now() - t0) / 1000;
      const cpuS = procs.reduce((sum, p, i) => sum + procCpuSeconds(p.pid) - (c0[i] ?? 0), 0);
      loops[model] = (100 * cpuS) / wall;
      console.log(`  ${model}: check loop on the fake camera (5 fps), ${wall.toFixed(0)} s, ${run.checks} checks (${run.full} full): all Chromium processes ${loops[model]?.toFixed(2)} % of one core`);
    }
    const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Math.round((a / b) * 100) / 100 : null);
    return {
      ...figures,
      checksAloneSteadyPct: { now: round2(shareOf(steady(now), INTERVAL_SEC)), before: round2(shareOf(steady(before), INTERVAL_SEC)) },
      checkLoopAllProcessesPct: { now: round2(loops.now ?? Number.NaN), before: round2(loops.before ?? Number.NaN) },
      nowOverBefore: { fullCheckCpuMean: ratio(now.fullCpu, before.fullCpu), steadyChecks: ratio(steady(now), steady(before)), checkLoop: ratio(loops.now, loops.before) },
    };
  } finally {
    await context.close();
    await server.close();
  }
}

function procCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // after "pid (comm) ": state is field 3 → index 0; utime is field 14, stime 15.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

/** The Chromium started with our profile folder and all its descendants, by --type (renderer, gpu-process, utility, zygote). */
function chromiumProcesses(profile: string): { pid: number; type: string }[] {
  const all = new Map<number, { ppid: number; cmd: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Chromium rewrites its children's titles, so cmdline may be space- rather than NUL-separated.
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
      all.set(Number(entry), { ppid, cmd });
    } catch {
      // the process ended while we looked
    }
  }
  const ours = new Set([...all].filter(([, p]) => p.cmd.includes(`--user-data-dir=${profile}`) && !p.cmd.includes('--type=')).map(([pid]) => pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all) {
      if (!ours.has(pid) && ours.has(p.ppid)) {
        ours.add(pid);
        grew = true;
      }
    }
  }
  return [...ours].map((pid) => ({ pid, type: /--type=(\S+)/.exec(all.get(pid)?.cmd ?? '')?.[1] ?? 'browser' }));
}

async function sessionCost(tmp: string, cameraFps: number): Promise<number> {
  let all = Number.NaN;
  const settings: AgentSettings = { thresholdLevel: 3, detectionIntervalSec: INTERVAL_SEC, awayAfterChecks: 3, impersonationAfterChecks: 3, captureIntervalMin: 10, autoPunchFromPresence: false, screenshotMode: 'FULL', redactionAreas: null, captureMode: 'INTERVAL_AND_INCIDENT', retentionDays: 90 };
  const server = await serveRenderer(join(agentRoot, 'dist/renderer'));
  const profile = join(tmp, `profile-${cameraFps}fps`);
  const { context, page } = await launchAgent({ origin: server.origin, profile, y4m: fakeCamera('person-vlado.jpg', tmp, cameraFps), config: { signedIn: true, settings }, doubleScript: await bridgeDoubleScript() });
  try {
    await page.getByTestId('consent-accept').click();
    // The organisation's terms are accepted before anything is checked (renderer terms screen).
    await page.getByTestId('terms-accept').click();
    await page.getByTestId('tab-camera').click();
    await page.getByTestId('enrol-start').click();
    await page.getByText('顔を登録しました').waitFor({ timeout: 60_000 });
    await page.getByTestId('tab-punch').click();
    await page.getByTestId('punch-WORK_START').click();
    await page.getByText('在席 / Present').waitFor({ timeout: 30_000 });

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const procs = chromiumProcesses(profile);
    const renderers = procs.filter((p) => p.type === 'renderer');
    const cpu = () => procs.map((p) => ({ ...p, s: procCpuSeconds(p.pid) }));
    // Settle after enrolment and the first check before measuring.
    await page.waitForTimeout(10_000);
    const m0 = await metrics();
    const c0 = cpu();
    const t0 = performance.now();
    const seconds = MINUTES * 60;
    await page.waitForTimeout(seconds * 1000);
    const wall = (performance.now() - t0) / 1000;
    const m1 = await metrics();
    const c1 = cpu();
    const checks = Math.round(wall / settings.detectionIntervalSec);

    console.log(`\nWork session at ${INTERVAL_SEC === DEFAULT_SETTINGS.detectionIntervalSec ? 'the default' : 'an'} ${settings.detectionIntervalSec} s interval, ${wall.toFixed(0)} s measured (~${checks} checks), fake webcam 640×480 at ${cameraFps} fps (the stream asks for ≤ 5 fps)`);
    const share = (type: string) => {
      const d = c1.filter((p) => p.type === type).reduce((sum, p) => sum + p.s - (c0.find((q) => q.pid === p.pid)?.s ?? p.s), 0);
      return (100 * d) / wall;
    };
    for (const type of [...new Set(procs.map((p) => p.type))]) console.log(`  CPU ${type.padEnd(14)} ${share(type).toFixed(2)} % of one core`);
    const total = c1.reduce((sum, p) => sum + p.s - (c0.find((q) => q.pid === p.pid)?.s ?? p.s), 0);
    all = (100 * total) / wall;
    console.log(`  CPU all Chromium processes ${all.toFixed(2)} % of one core (camera capture included) — target ≤ 3 %: ${all <= 3 ? 'met' : 'NOT met'}`);
    const task = (Number(m1.TaskDuration) - Number(m0.TaskDuration)) / wall;
    console.log(`  renderer main thread busy (CDP TaskDuration) ${(100 * task).toFixed(2)} % of one core`);
    console.log(`  renderer RSS ${renderers.map((p) => rssMb(p.pid).toFixed(0)).join(' + ')} MB; JS heap used ${(Number(m1.JSHeapUsedSize) / 2 ** 20).toFixed(0)} MB of ${(Number(m1.JSHeapTotalSize) / 2 ** 20).toFixed(0)} MB`);
    console.log(`  all Chromium processes RSS ${procs.reduce((sum, p) => sum + rssMb(p.pid), 0).toFixed(0)} MB (RSS counts shared pages once per process)`);
    await page.getByTestId('punch-WORK_END').click();
  } finally {
    await context.close();
    await server.close();
  }
  return all;
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'agent-bench-'));
  try {
    await buildRenderer();
    const load = loadavg();
    const models = await modelComparison(tmp);
    const sessions: Record<string, number> = {};
    for (const fps of CAMERA_FPS) sessions[`${fps}fps`] = round2(await sessionCost(tmp, fps));
    console.log(`load average at start ${load.map((l) => l.toFixed(2)).join(' ')}, at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(JSON.stringify({ intervalSec: INTERVAL_SEC, loadAverageAtStart: load, models, agentSessionAllProcessesPct: sessions }));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
