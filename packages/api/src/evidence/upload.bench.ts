// Upload bench: `npx tsx packages/api/src/evidence/upload.bench.ts` (BENCH_AGENTS=60 BENCH_UPLOADS=10 by default).
// A fresh database (TEST_DATABASE_URL server, else embedded), a child process serving the REAL
// route the agent uses (POST /api/trpc/agent.uploads.image through handleTrpcRequest, access rules
// included) on 127.0.0.1 through node:http, many concurrent simulated agents posting ~130 KB JPEGs
// with their device tokens; then the same load against a baseline server that only writes the file
// and inserts a row. Prints uploads/s, p50/p99, the server's CPU and RSS, and workers per 2-core server;
// checks at the end that every upload is stored exactly once (rows and blob files).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { appLoginUrl, createDb, lookupDeviceByTokenHash, provisionAppLogin, withTenant } from '@telework/db';
import { createTestDatabase } from '@telework/db/testing';
import { hashToken, newToken } from '../auth/tokens';
import { countFiles, makeJpeg } from './test-helpers';

const AGENTS = Number(process.env.BENCH_AGENTS ?? 60);
const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 10);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 6);
const IMAGES_PER_WORKER_PER_DAY = 150;
const SHIFT_SECONDS = 8 * 3600;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

// ---------- server side (child process) ----------
async function serve(mode: 'real' | 'baseline') {
  const { handleTrpcRequest } = await import('../http/index');
  const { getServerDb } = await import('../http/db');
  const db = getServerDb();
  const blobDir = process.env.BLOB_DIR ?? '.data/blobs';
  let seq = 0n;
  const baseline = async (req: Request): Promise<Response> => {
    // Plain file write + insert: no decoding, no encryption, no chain (what the overhead is measured against).
    const token = (req.headers.get('authorization') ?? '').slice(7);
    const device = await lookupDeviceByTokenHash(db, hashToken(token));
    if (!device) return new Response('no', { status: 401 });
    const form = await req.formData();
    const file = form.get('image');
    if (!(file instanceof Blob)) return new Response('no', { status: 400 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const key = `${device.tenantId}/${randomUUID()}.jpg`;
    await mkdir(join(blobDir, device.tenantId), { recursive: true });
    await writeFile(join(blobDir, key), bytes);
    seq += 1n;
    const chainSeq = seq;
    await withTenant(db, device.tenantId, (tx) =>
      tx.evidence.create({ data: { tenantId: device.tenantId, userId: device.userId, deviceId: device.id, clientId: String(form.get('clientId')), kind: 'CAMERA', trigger: 'INTERVAL', capturedAt: new Date(), blobKey: key, sha256: '-', byteSize: bytes.length, width: 0, height: 0, keyVersion: 0, chainSeq, prevHash: '-', chainHash: '-' } }),
    );
    return Response.json({ ok: true }, { status: 201 });
  };
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.url === '/__stats') {
        const cpu = process.cpuUsage(cpu0);
        res.end(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs: Number(process.hrtime.bigint() - t0) / 1e6, peakRss, rss: process.memoryUsage().rss }));
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      // As Next's server does: the socket's address becomes the last X-Forwarded-For hop.
      headers.set('x-forwarded-for', req.socket.remoteAddress ?? '');
      const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { method: req.method, headers, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit);
      const response = mode === 'real' ? await handleTrpcRequest(request, { app: 'console' }) : await baseline(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      console.error(error);
      res.writeHead(500).end();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`PORT ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
  });
  process.on('SIGTERM', () => {
    clearInterval(sampler);
    server.close();
    void db.$disconnect().then(() => process.exit(0));
  });
}

// ---------- load side (parent) ----------
function startServer(mode: 'real' | 'baseline', env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', mode], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
}

async function runLoad(mode: 'real' | 'baseline', port: number, tokens: string[], images: Uint8Array[]) {
  const latencies: number[] = [];
  let ok = 0;
  const failures: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token, a) => {
      for (let i = 0; i < UPLOADS; i++) {
        const form = new FormData();
        form.set('kind', 'evidence');
        form.set('evidenceKind', 'CAMERA');
        form.set('clientId', randomUUID());
        form.set('trigger', 'INTERVAL');
        form.set('capturedAt', new Date().toISOString());
        form.set('image', new Blob([Buffer.from(images[(a + i) % images.length] ?? new Uint8Array())], { type: 'image/jpeg' }));
        const s = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/api/trpc/agent.uploads.image`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        if (res.ok) ok += 1;
        else failures.push(`${res.status}`);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  const stats = (await (await fetch(`http://127.0.0.1:${port}/__stats`)).json()) as { cpuMs: number; wallMs: number; peakRss: number };
  const perSec = ok / wall;
  const cpuPerUpload = stats.cpuMs / ok;
  // Capacity two ways: what this 2-core machine (server + PostgreSQL + the load generator) sustained,
  // and the Node server's own CPU cost per upload spread over 2 cores at 50 % (headroom for the rest).
  const workersMeasured = Math.floor((perSec * SHIFT_SECONDS) / IMAGES_PER_WORKER_PER_DAY);
  const workersByCpu = Math.floor((2 * 0.5 * SHIFT_SECONDS * 1000) / cpuPerUpload / IMAGES_PER_WORKER_PER_DAY);
  console.log(
    `${mode.padEnd(8)} ${ok}/${tokens.length * UPLOADS} ok in ${wall.toFixed(1)} s → ${perSec.toFixed(1)} uploads/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; ` +
      `server CPU ${cpuPerUpload.toFixed(1)} ms/upload (${((stats.cpuMs / stats.wallMs) * 100).toFixed(0)} % of one core over its life), peak RSS ${(stats.peakRss / 2 ** 20).toFixed(0)} MB; ` +
      `workers per 2-core server: ${workersMeasured.toLocaleString('en')} at the measured rate, ${workersByCpu.toLocaleString('en')} by server CPU at 50 %`,
  );
  if (failures.length) console.log(`  failures: ${failures.slice(0, 10).join(', ')}`);
  return { ok, perSec, cpuPerUpload };
}

async function main() {
  const database = await createTestDatabase();
  const dir = await mkdtemp(join(tmpdir(), 'evidence-bench-'));
  try {
    await provisionAppLogin(database.url);
    const adminDb = createDb(database.url, { privileged: true, maxConnections: 2 });
    const tokens: string[] = [];
    const tenantIds: string[] = [];
    for (let t = 0; t < TENANTS; t++) {
      const tenant = await adminDb.tenant.create({ data: { systemId: `TW-B${randomUUID().slice(0, 8)}`, name: `bench ${t}`, isDomesticEntity: true } });
      tenantIds.push(tenant.id);
    }
    for (let a = 0; a < AGENTS; a++) {
      const tenantId = tenantIds[a % TENANTS] ?? '';
      const user = await adminDb.user.create({ data: { tenantId, loginId: `w${a}`, name: `worker ${a}`, role: 'WORKER' } });
      const token = newToken();
      await adminDb.agentDevice.create({ data: { tenantId, userId: user.id, name: `PC-${a}`, tokenHash: hashToken(token) } });
      tokens.push(token);
    }
    // Camera stills of ~130 KB (noise makes JPEG as large as a real frame).
    const images = Array.from({ length: 4 }, () => makeJpeg(640, 480, { noise: Number(process.env.BENCH_NOISE ?? 26), quality: 80 }));
    console.log(`${AGENTS} agents in ${TENANTS} tenants × ${UPLOADS} uploads, images ${images.map((i) => (i.length / 1024).toFixed(0)).join('/')} KB`);
    const env = { DATABASE_URL: appLoginUrl(database.url), MASTER_KEY: randomBytes(32).toString('base64'), MASTER_KEY_ID: 'bench', BLOB_STORE: 'local' };

    const results: Record<string, { ok: number; perSec: number; cpuPerUpload: number }> = {};
    for (const mode of ['baseline', 'real'] as const) {
      const blobDir = join(dir, mode);
      const { child, port } = await startServer(mode, { ...env, BLOB_DIR: blobDir });
      try {
        results[mode] = await runLoad(mode, port, tokens, images);
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      const rows = await adminDb.evidence.count({ where: { tenantId: { in: tenantIds }, ...(mode === 'real' ? { keyVersion: { gt: 0 } } : { keyVersion: 0 }) } });
      const files = await countFiles(blobDir);
      const expected = AGENTS * UPLOADS;
      const lost = rows !== expected || files !== expected || results[mode]?.ok !== expected;
      console.log(`  counts: ${rows} rows, ${files} blob files, expected ${expected} → ${lost ? 'MISMATCH' : 'nothing lost'}`);
      if (lost) process.exitCode = 1;
      // The real run starts its chains afresh.
      if (mode === 'baseline') await adminDb.evidence.deleteMany({ where: { tenantId: { in: tenantIds } } });
    }
    const real = results.real;
    const base = results.baseline;
    if (real && base) console.log(`overhead of validation + encryption + chain: ${(base.perSec / real.perSec).toFixed(2)}× throughput, ${(real.cpuPerUpload / base.cpuPerUpload).toFixed(2)}× server CPU per upload`);
    await adminDb.$disconnect();
  } finally {
    await rm(dir, { recursive: true, force: true });
    await database.drop();
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt >= 0) void serve(process.argv[serveAt + 1] === 'baseline' ? 'baseline' : 'real');
else await main();
