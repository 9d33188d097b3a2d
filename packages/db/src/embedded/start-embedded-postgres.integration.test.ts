import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isProcessAlive } from './process-alive';
import { resolveAdminDatabaseUrl } from './resolve-admin-url';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from './start-embedded-postgres';

let root: string;
const started: EmbeddedPostgresServer[] = [];

// A port per run, so parallel runs on one machine do not collide.
const port = 55000 + Math.floor(Math.random() * 4000);

async function start(dataDir: string, onPort = port): Promise<EmbeddedPostgresServer> {
  const server = await startEmbeddedPostgres({ dataDir, port: onPort });
  started.push(server);
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function postmasterPid(dataDir: string): Promise<number> {
  return Number.parseInt((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tw-embedded-'));
  // mkdtemp makes the folder private; as root the server runs as `postgres`, which must get in.
  await chmod(root, 0o755);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  while (started.length > 0) await started.pop()?.stop();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('startEmbeddedPostgres', () => {
  it('initialises an empty folder once and keeps the data across restarts', async () => {
    const dataDir = path.join(root, 'persist');
    const hooked = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM'].map((event) => process.listenerCount(event));
    const first = await start(dataDir);
    // embedded-postgres (used for initdb) must leave no exit hooks behind: they force exit code 0.
    expect(['exit', 'beforeExit', 'SIGINT', 'SIGTERM'].map((event) => process.listenerCount(event))).toEqual(hooked);
    expect((await stat(path.join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);
    await query(first.adminUrl, 'CREATE TABLE kept (v text); INSERT INTO kept VALUES (\'still here\')');
    await first.stop();
    await expect(query(first.adminUrl, 'SELECT 1')).rejects.toThrow();

    const second = await start(dataDir);
    expect(await query(second.adminUrl, 'SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
  });

  it('attaches to the server already running on the folder; it stops when the last handle goes', async () => {
    const dataDir = path.join(root, 'attach');
    const starter = await start(dataDir);
    const pid = await postmasterPid(dataDir);
    const attached = await start(dataDir);
    expect(attached.adminUrl).toBe(starter.adminUrl);
    expect(await postmasterPid(dataDir)).toBe(pid);

    // The process that started it finishes first (a test run ending while the dev server runs).
    await starter.stop();
    expect(await query(attached.adminUrl, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);

    await attached.stop();
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('lets two processes starting at once share one server on a fresh folder', async () => {
    const dataDir = path.join(root, 'race');
    const [a, b] = await Promise.all([start(dataDir), start(dataDir)]);
    expect(b.adminUrl).toBe(a.adminUrl);
    const pid = await postmasterPid(dataDir);
    expect(await query(b.adminUrl, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    await Promise.all([a.stop(), b.stop()]);
    expect(isProcessAlive(pid)).toBe(false);
  });

  it('starts again after the previous server was killed and left postmaster.pid behind', async () => {
    const dataDir = path.join(root, 'killed');
    const killed = await start(dataDir);
    await query(killed.adminUrl, 'CREATE TABLE survived (v int); INSERT INTO survived VALUES (42)');
    const pid = await postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    await vi.waitFor(() => expect(isProcessAlive(pid)).toBe(false), { timeout: 10_000 });
    expect((await stat(path.join(dataDir, 'postmaster.pid'))).isFile()).toBe(true);
    // The dead handle must not hang.
    await killed.stop();

    const revived = await start(dataDir);
    expect(await query(revived.adminUrl, 'SELECT v FROM survived')).toEqual([{ v: 42 }]);
  });

  it('ignores a postmaster.pid whose pid now belongs to an unrelated live process', async () => {
    const dataDir = path.join(root, 'reused-pid');
    const server = await start(dataDir);
    const original = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8');
    await server.stop();
    // Left behind by a killed run, and the pid has since been reused (here: by this test process).
    await writeFile(path.join(dataDir, 'postmaster.pid'), original.replace(/^\d+/, String(process.pid)));

    const again = await start(dataDir);
    expect(await query(again.adminUrl, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });

  it('refuses to initialise over a folder that holds something else', async () => {
    const dataDir = path.join(root, 'not-a-cluster');
    await mkdir(dataDir, { recursive: true });
    await writeFile(path.join(dataDir, 'notes.txt'), 'mine');
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(/not empty but holds no PostgreSQL cluster/);
    expect(await readFile(path.join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('resolveAdminDatabaseUrl', () => {
  it('returns DATABASE_URL untouched when it is set', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://someone@db.example:5432/app');
    const resolved = await resolveAdminDatabaseUrl({ dataDir: path.join(root, 'unused') });
    expect(resolved.url).toBe('postgres://someone@db.example:5432/app');
    await resolved.stop();
  });

  it('otherwise starts the embedded server and creates the telework database on it', async () => {
    vi.stubEnv('DATABASE_URL', '');
    const resolved = await resolveAdminDatabaseUrl({ dataDir: path.join(root, 'resolve'), port });
    try {
      expect(resolved.url).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/telework`);
      expect(await query(resolved.url, 'SELECT current_database() AS db')).toEqual([{ db: 'telework' }]);
      // A second call attaches and finds the database already there.
      const again = await resolveAdminDatabaseUrl({ dataDir: path.join(root, 'resolve'), port });
      expect(again.url).toBe(resolved.url);
      await again.stop();
      expect(await query(resolved.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await resolved.stop();
    }
  });
});
