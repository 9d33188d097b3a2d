/**
 * `npm run soak [-- --agents 100 --minutes 3]`: the whole ingestion path under load while parts of it
 * die. PostgreSQL (embedded, owned by this run), two console instances behind HAProxy, the
 * S3-compatible blob store behind a proxy that can refuse writes, and N simulated agents running the
 * agent's real main-process code. Faults on a printed schedule; at the end every queue is drained and
 * the database and blob store are checked: every item stored exactly once, one open session per worker,
 * every tenant's evidence chain verified, each scheduled job occurrence run once across both instances.
 * Exits non-zero on any loss, duplicate, refusal, failed chain or job run twice.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createDb } from '@telework/db';
import { pgCtl, startEmbeddedPostgres } from '@telework/db/embedded';
import { createTenantFixture, FIXTURE_PASSWORD } from '../../packages/api/src/testing/fixtures';
import { ROOT, buildApps, startApp, waitForHttp } from '../lib/apps';
import { prepareDatabase } from '../lib/database';
import { startFaultyBlobStore } from './blob-store';
import { checkDelivery, jobOccurrences, openSessionProblems, sessionsLeftOpen } from './checks';
import { CpuMeter } from './cpu-meter';
import { haproxyAvailable, startHaproxy } from './haproxy';
import type { AgentWorkerSpec, SoakAgentSpec } from './protocol';
import { printTable } from './report';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '100' },
    minutes: { type: 'string', default: '3' },
    'actions-per-minute': { type: 'string', default: '6' },
    'agents-per-process': { type: 'string', default: '10' },
    'drain-seconds': { type: 'string', default: '180' },
    keep: { type: 'boolean', default: false },
  },
});
const config = z
  .object({
    agents: z.coerce.number().int().min(4).max(5_000),
    minutes: z.coerce.number().min(1).max(240),
    actionsPerMinute: z.coerce.number().min(0.5).max(120),
    agentsPerProcess: z.coerce.number().int().min(1).max(200),
    drainSeconds: z.coerce.number().int().min(30).max(3_600),
  })
  .parse({ agents: values.agents, minutes: values.minutes, actionsPerMinute: values['actions-per-minute'], agentsPerProcess: values['agents-per-process'], drainSeconds: values['drain-seconds'] });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (msg: string) => console.log(`[soak +${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s] ${msg}`);

function runNode(script: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

if (!haproxyAvailable()) {
  // Debian's HAProxy, installed like chromium: only where this run may (root with apt-get).
  if (process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0) {
    log('installing haproxy (apt-get)…');
    spawnSync('apt-get', ['install', '-y', '-qq', 'haproxy'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!haproxyAvailable()) {
    console.error('The soak needs HAProxy: sudo apt-get install -y haproxy');
    process.exit(2);
  }
}

const work = mkdtempSync(path.join(tmpdir(), 'telework-soak-'));
// The embedded PostgreSQL runs as the postgres user when we are root: it must reach its folder.
chmodSync(work, 0o755);
const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];
let exitCode = 0;

try {
  const pgDir = path.join(work, 'pg');
  const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: await freePort() });
  cleanups.push(() => pg.stop());
  // With its log file named, as at start: without -l the server would inherit pg_ctl's output pipe and
  // pg_ctl's caller would wait for that pipe until the server exits.
  const restartPostgres = (mode: 'fast' | 'immediate') => pgCtl(['restart', '-D', pgDir, '-l', path.join(pgDir, 'embedded-server.log'), '-m', mode, '-w', '-t', '60']);
  const server = createDb(pg.adminUrl, { privileged: true, maxConnections: 1 });
  await server.$executeRawUnsafe('CREATE DATABASE soak');
  await server.$disconnect();
  const adminUrl = pg.adminUrl.replace(/\/postgres$/, '/soak');
  const { appUrl } = await prepareDatabase(adminUrl, { seed: false });
  const adminDb = createDb(adminUrl, { privileged: true, maxConnections: 2 });
  cleanups.push(() => adminDb.$disconnect());

  // Tenants of 25 workers each, one task each; every worker signs in from one simulated PC.
  const perTenant = 25;
  const tenants: { tenantId: string; systemId: string; taskId: string; logins: string[] }[] = [];
  for (let i = 0; i < Math.ceil(config.agents / perTenant); i += 1) {
    const size = Math.min(perTenant, config.agents - i * perTenant);
    const t = await createTenantFixture(adminDb, { seats: size + 5 });
    const hash = (await adminDb.user.findFirstOrThrow({ where: { tenantId: t.tenantId, id: t.users.worker.id }, select: { passwordHash: true } })).passwordHash;
    const logins = Array.from({ length: size }, (_, k) => `soak${String(k + 1).padStart(3, '0')}`);
    await adminDb.user.createMany({ data: logins.map((loginId) => ({ tenantId: t.tenantId, loginId, name: `ソーク ${loginId}`, role: 'WORKER' as const, passwordHash: hash })) });
    tenants.push({ tenantId: t.tenantId, systemId: t.systemId, taskId: t.taskId, logins });
  }
  log(`database ready: ${tenants.length} tenants, ${config.agents} workers`);

  const blobs = await startFaultyBlobStore(path.join(work, 's3'));
  cleanups.push(() => blobs.stop());
  const masterKey = randomBytes(32).toString('base64');
  const s3Env = {
    BLOB_STORE: 's3', S3_BUCKET: blobs.bucket, S3_ENDPOINT: blobs.endpoint, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true', S3_PREFIX: 'soak/',
  };
  const appEnv = { ...s3Env, DATABASE_URL: appUrl, QUEUE_DATABASE_URL: adminUrl, MASTER_KEY: masterKey, MAIL_OUTBOX_DIR: path.join(work, 'mail') };

  buildApps();
  const ports = [await freePort(), await freePort()];
  const meter = new CpuMeter();
  const consoles: (ChildProcess | null)[] = [null, null];
  const startConsole = async (i: number) => {
    const child = startApp({ name: 'console', port: ports[i] ?? 0 }, appEnv, (line) => appendFileSync(path.join(work, `console${i + 1}.log`), `${line}\n`));
    children.add(child);
    consoles[i] = child;
    await waitForHttp(`http://127.0.0.1:${ports[i]}/sign-in`, 120_000);
    // Counted from readiness: starting Next is not work done for the agents.
    if (child.pid) meter.track(child.pid);
  };
  await Promise.all([startConsole(0), startConsole(1)]);
  const lbPort = await freePort();
  const flakyPort = await freePort();
  const balancer = await startHaproxy({ dir: work, port: lbPort, flakyPort, backends: ports });
  cleanups.push(() => balancer.stop());
  await waitForHttp(`http://127.0.0.1:${lbPort}/sign-in`);
  log(`two consoles on ${ports.join(', ')} behind HAProxy on ${lbPort} (flaky agents on ${flakyPort})`);

  // Agents: one in ten reaches the balancer through the frontend whose network will drop.
  const agents: SoakAgentSpec[] = tenants.flatMap((t) =>
    t.logins.map((loginId, k) => ({
      dir: path.join(work, 'agents', `${t.systemId}-${loginId}`),
      serverUrl: `http://127.0.0.1:${k % 10 === 0 ? flakyPort : lbPort}`,
      systemId: t.systemId, loginId, password: FIXTURE_PASSWORD, taskId: t.taskId,
    })),
  );
  const groups: AgentWorkerSpec[] = [];
  for (let i = 0; i < agents.length; i += config.agentsPerProcess) {
    groups.push({ agents: agents.slice(i, i + config.agentsPerProcess), actionsPerMinute: config.actionsPerMinute, drainSeconds: config.drainSeconds });
  }
  mkdirSync(path.join(work, 'specs'), { recursive: true });
  const workers: (ChildProcess | null)[] = groups.map(() => null);
  const startWorker = (i: number) => {
    const file = path.join(work, 'specs', `group-${i}.json`);
    writeFileSync(file, JSON.stringify(groups[i]));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'soak', 'agent-worker.ts'), file], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (c: Buffer) => process.stderr.write(`[agents ${i}] ${c.toString()}`));
    children.add(child);
    workers[i] = child;
    return child;
  };
  groups.forEach((_, i) => startWorker(i));
  const runStart = new Date();
  log(`run starts at ${runStart.toISOString()}; console logs in ${work} (kept with --keep)`);
  log(`${agents.length} agents in ${groups.length} processes, ${config.actionsPerMinute} actions per agent-minute, for ${config.minutes} min`);

  // The fault schedule, relative to the run's length, printed before it starts.
  const D = config.minutes * 60_000;
  const windows: { name: string; from: number; to: number }[] = [];
  const at = (fraction: number) => runStart.getTime() + fraction * D;
  const blobOutage = Math.min(30_000, 0.1 * D);
  const networkOutage = Math.min(60_000, 0.15 * D);
  const faults: { at: number; name: string; run: () => Promise<number> }[] = [
    { at: at(0.15), name: 'kill -9 console1, restart it after 5 s', run: async () => {
      consoles[0]?.kill('SIGKILL');
      await sleep(5_000);
      await startConsole(0);
      return 0;
    } },
    { at: at(0.3), name: 'PostgreSQL restart (fast shutdown)', run: async () => (await restartPostgres('fast'), 0) },
    { at: at(0.42), name: `blob store refuses writes for ${blobOutage / 1000} s`, run: async () => {
      blobs.refuseWrites(true);
      await sleep(blobOutage);
      blobs.refuseWrites(false);
      return 0;
    } },
    { at: at(0.55), name: 'kill -9 agent process 0 mid-write, restart it from its queue folders after 3 s', run: async () => {
      workers[0]?.kill('SIGKILL');
      await sleep(3_000);
      startWorker(0);
      return 0;
    } },
    { at: at(0.62), name: `network of one agent in ten dropped for ${networkOutage / 1000} s (the balancer refuses them)`, run: async () => {
      await balancer.setFlakyNetwork(false);
      await sleep(networkOutage);
      await balancer.setFlakyNetwork(true);
      return 0;
    } },
    { at: at(0.8), name: 'kill -9 console2 and PostgreSQL restart (immediate shutdown) together', run: async () => {
      consoles[1]?.kill('SIGKILL');
      await restartPostgres('immediate');
      await startConsole(1);
      return 0;
    } },
  ];
  console.log('Fault schedule:');
  for (const f of faults) console.log(`  +${((f.at - runStart.getTime()) / 1000).toFixed(0).padStart(4)} s  ${f.name}`);
  for (const f of faults) {
    await sleep(Math.max(0, f.at - Date.now()));
    log(`fault: ${f.name}`);
    const from = Date.now();
    await f.run();
    windows.push({ name: f.name, from, to: Date.now() });
  }
  await sleep(Math.max(0, runStart.getTime() + D - Date.now()));
  log('load ends: agents punch out and drain their queues');
  const exits = workers.map((w) => new Promise<number | null>((resolve) => (w && w.exitCode === null ? w.once('exit', (code) => resolve(code)) : resolve(w?.exitCode ?? null))));
  for (const w of workers) w?.kill('SIGTERM');
  await Promise.race([Promise.all(exits), sleep((config.drainSeconds + 60) * 1_000)]);
  const runEnd = new Date();

  log('checking the database, the blob store and the jobs');
  const tenantIds = tenants.map((t) => t.tenantId);
  const delivery = await checkDelivery(adminDb, tenantIds, agents.map((a) => a.dir));
  const doubleOpen = await openSessionProblems(adminDb, tenantIds);
  const leftOpen = await sessionsLeftOpen(adminDb, tenantIds);
  // Asynchronously: the blob store answers from this very process.
  const verify = await runNode(path.join(ROOT, 'packages', 'api', 'src', 'cli', 'verify-evidence.ts'), { ...s3Env, DATABASE_URL: appUrl, MASTER_KEY: masterKey });
  const chainLines = verify.stdout.split('\n').filter((l) => /^(OK|FAIL) /.test(l));
  const chainOk = verify.status === 0 && chainLines.length === tenants.length && chainLines.every((l) => l.startsWith('OK'));
  // The every-minute job, over whole minutes after both instances had started.
  const jobsFrom = new Date(Math.ceil((runStart.getTime() + 60_000) / 60_000) * 60_000);
  const jobsTo = new Date(Math.floor(runEnd.getTime() / 60_000) * 60_000);
  const jobs = { ...(await jobOccurrences(adminDb, 'notices.send-deliveries', jobsFrom, jobsTo)), expected: Math.max(0, (jobsTo.getTime() - jobsFrom.getTime()) / 60_000) };
  const graceMs = 10_000;
  const inFault = (t: number) => windows.some((w) => t >= w.from && t <= w.to + graceMs);
  const during = balancer.requests.filter((r) => r.endedAt >= runStart.getTime());
  const outside5xx = during.filter((r) => r.status >= 500 && !inFault(r.endedAt));
  const inside5xx = during.filter((r) => r.status >= 500 && inFault(r.endedAt));
  const cpuSeconds = meter.totalSeconds();
  printTable({
    config, delivery, doubleOpen, leftOpen, chainLines, chainOk, jobs,
    requests: during, outside5xx, inside5xx: inside5xx.length, cpuSeconds, windows: windows.map((w) => ({ ...w, from: w.from - runStart.getTime(), to: w.to - runStart.getTime() })),
    load: readFileSync('/proc/loadavg', 'utf8').trim(),
  });
  if (!chainOk) console.log(verify.stdout + verify.stderr);
  const failures = [
    delivery.lost > 0 && `${delivery.lost} items lost (${delivery.lostIds.slice(0, 5).join(', ')}…)`,
    delivery.duplicates > 0 && `${delivery.duplicates} items stored twice`,
    delivery.refused > 0 && `${delivery.refused} items refused by the server`,
    delivery.undrained > 0 && `${delivery.undrained} items (or agents) not drained`,
    doubleOpen > 0 && `${doubleOpen} workers with two open sessions`,
    leftOpen > 0 && `${leftOpen} sessions open after every agent punched out`,
    !chainOk && 'evidence chain verification failed',
    jobs.duplicates > 0 && `${jobs.duplicates} scheduled job occurrences ran twice`,
  ].filter((f): f is string => typeof f === 'string');
  if (failures.length) {
    console.log(`\nSOAK FAILED:\n  ${failures.join('\n  ')}`);
    exitCode = 1;
  } else console.log('\nSOAK PASSED: nothing lost, nothing stored twice, chains verified, jobs once.');
} catch (error) {
  console.error('[soak] aborted:', error);
  exitCode = 2;
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
  process.exit(exitCode);
}
