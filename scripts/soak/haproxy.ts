import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

/** One request as HAProxy logged it: when it ended, which frontend, which server, status, total ms. */
export interface LoggedRequest {
  endedAt: number;
  frontend: string;
  server: string;
  status: number;
  totalMs: number;
  path: string;
}

export interface Balancer {
  /** Stops accepting on the frontend the "flaky" agents use (their network drops), or accepts again. */
  setFlakyNetwork(up: boolean): Promise<void>;
  requests: LoggedRequest[];
  stop(): Promise<void>;
}

export function haproxyAvailable(): boolean {
  return spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
}

/**
 * A real load balancer from Debian in front of the console instances: health checks take a killed
 * instance out, and a request that could not connect is retried on the other one (never one that
 * reached a server: a POST is not replayed blindly; the agent's idempotent client ids do that part).
 */
export async function startHaproxy(opts: { dir: string; port: number; flakyPort: number; backends: number[] }): Promise<Balancer> {
  const socket = path.join(opts.dir, 'haproxy.sock');
  const config = `
global
  log stdout format raw local0
  stats socket ${socket} mode 600 level admin
  maxconn 4096

defaults
  mode http
  log global
  log-format "%Ts.%ms %ft %s %ST %Ta %HP"
  timeout connect 2s
  timeout check 5s
  timeout client 30s
  timeout server 60s
  timeout http-keep-alive 500ms
  retries 3
  option redispatch
  retry-on conn-failure empty-response
  option http-server-close

frontend fe_main
  bind 127.0.0.1:${opts.port}
  default_backend consoles

frontend fe_flaky
  bind 127.0.0.1:${opts.flakyPort}
  default_backend consoles

backend consoles
  balance roundrobin
  option httpchk GET /sign-in
  default-server inter 1s fall 2 rise 2
${opts.backends.map((p, i) => `  server console${i + 1} 127.0.0.1:${p} check`).join('\n')}
`;
  const file = path.join(opts.dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const check = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy configuration refused:\n${check.stdout}${check.stderr}`);
  const child: ChildProcess = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const requests: LoggedRequest[] = [];
  let rest = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^(\d+)\.(\d+) (\S+) (\S+) (-?\d+) (-?\d+) (\S+)/.exec(line.trim());
      if (!m) continue;
      requests.push({ endedAt: Number(m[1]) * 1000 + Number(m[2]), frontend: m[3] ?? '', server: m[4] ?? '', status: Number(m[5]), totalMs: Number(m[6]), path: m[7] ?? '' });
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString().trim();
    // Health-check transitions are expected during the faults; print them as the run's timeline.
    if (text) console.log(`[haproxy] ${text.split('\n').join('\n[haproxy] ')}`);
  });
  const command = (cmd: string) =>
    new Promise<string>((resolve, reject) => {
      const c = connect(socket);
      let out = '';
      c.on('data', (d) => (out += d.toString()));
      c.on('end', () => resolve(out));
      c.on('error', reject);
      c.end(`${cmd}\n`);
    });
  // Ready once the admin socket answers.
  for (let i = 0; ; i += 1) {
    try {
      await command('show info');
      break;
    } catch (error) {
      if (i > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    requests,
    async setFlakyNetwork(up) {
      await command(up ? 'enable frontend fe_flaky' : 'disable frontend fe_flaky');
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
