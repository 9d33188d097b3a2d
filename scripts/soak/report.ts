import type { DeliveryCheck } from './checks';
import type { LoggedRequest } from './haproxy';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function printTable(r: {
  config: { agents: number; minutes: number; actionsPerMinute: number };
  delivery: DeliveryCheck;
  doubleOpen: number;
  leftOpen: number;
  chainLines: string[];
  chainOk: boolean;
  jobs: { expected: number; minutes: number; created: number; duplicates: number; completed: number };
  requests: LoggedRequest[];
  outside5xx: LoggedRequest[];
  inside5xx: number;
  cpuSeconds: number;
  windows: { name: string; from: number; to: number }[];
  load: string;
}): void {
  const ok = r.requests.filter((q) => q.status > 0 && q.status < 500).map((q) => q.totalMs).sort((a, b) => a - b);
  const uploads = r.requests.filter((q) => q.path.includes('agent.uploads')).map((q) => q.totalMs).sort((a, b) => a - b);
  const d = r.delivery;
  const rows: [string, string][] = [
    ['agents × minutes × actions/min', `${r.config.agents} × ${r.config.minutes} × ${r.config.actionsPerMinute}`],
    ['items sent (accepted by agent queues)', String(d.sent)],
    ['items stored', String(d.stored)],
    ['duplicates', String(d.duplicates)],
    ['lost', String(d.lost)],
    ['refused by the server', String(d.refused)],
    ['evicted at the queue cap', String(d.evicted)],
    ['stored, ledger line cut by kill -9', String(d.unledgered)],
    ['still queued after the drain', String(d.undrained)],
    ['workers with two open sessions', String(r.doubleOpen)],
    ['sessions open after punch-out', String(r.leftOpen)],
    ['evidence chains verified', `${r.chainLines.filter((l) => l.startsWith('OK')).length}/${r.chainLines.length}${r.chainOk ? '' : ' (FAILED)'}`],
    ['every-minute job: minutes due / created / completed / twice', `${r.jobs.expected} / ${r.jobs.created} / ${r.jobs.completed} / ${r.jobs.duplicates}`],
    ['HTTP requests through the balancer', String(r.requests.length)],
    ['5xx outside fault windows (+10 s)', String(r.outside5xx.length)],
    ['5xx inside fault windows', String(r.inside5xx)],
    ['latency p50 / p99 (ms, all < 500)', `${percentile(ok, 50)} / ${percentile(ok, 99)}`],
    ['upload latency p50 / p99 (ms)', `${percentile(uploads, 50)} / ${percentile(uploads, 99)}`],
    ['console CPU (s, both instances)', r.cpuSeconds.toFixed(1)],
    ['console CPU per stored item (ms)', d.stored ? ((r.cpuSeconds * 1000) / d.stored).toFixed(1) : '-'],
    ['load average at the end', r.load],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('\nFault windows (s from start):');
  for (const w of r.windows) console.log(`  ${(w.from / 1000).toFixed(0).padStart(4)}–${(w.to / 1000).toFixed(0).padEnd(4)} ${w.name}`);
  console.log('\nSoak results:');
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  if (r.outside5xx.length) {
    console.log('\n5xx outside the fault windows (first 10):');
    for (const q of r.outside5xx.slice(0, 10)) console.log(`  ${new Date(q.endedAt).toISOString()} ${q.status} ${q.server} ${q.totalMs} ms ${q.path}`);
  }
}
