import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface AppSpec {
  name: 'console' | 'reseller';
  port: number;
}

/** Builds both web apps through turbo (a cache hit when nothing changed). */
export function buildApps(): void {
  const missing = ['console', 'reseller'].some((a) => !existsSync(path.join(ROOT, 'apps', a, '.next', 'BUILD_ID')));
  const args = ['turbo', 'run', 'build', '--filter=@telework/console', '--filter=@telework/reseller', '--output-logs=errors-only'];
  console.log(missing ? 'Building the web apps (first run takes about a minute)…' : 'Checking the web app builds…');
  const r = spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('building the web apps failed');
}

/** Starts one app through scripts/serve-app.ts (`next start` that owns X-Forwarded-For); its output goes to ours with a prefix, or line by line to `output` (the soak keeps each instance in its own file). */
export function startApp(app: AppSpec, env: Record<string, string>, output?: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'serve-app.ts'), app.name, String(app.port), '127.0.0.1'], {
    cwd: path.join(ROOT, 'apps', app.name),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${app.name}] ${l}`).join('\n');
  child.stdout?.on('data', (c: Buffer) => (output ? output(c.toString().trimEnd()) : console.log(prefix(c))));
  child.stderr?.on('data', (c: Buffer) => (output ? output(c.toString().trimEnd()) : console.error(prefix(c))));
  return child;
}

/** Whether nothing listens on the port yet (checked before the slow steps, for a clear message). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Resolves once the URL answers (any HTTP status), or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

export function stopAll(children: ChildProcess[]): Promise<void> {
  return Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 5_000).unref();
        }),
    ),
  ).then(() => undefined);
}
