import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '@telework/db';
import { ledgerLine, type LedgerLine } from './protocol';

export interface DeliveryCheck {
  /** Items the agents' queues accepted (from their ledgers). */
  sent: number;
  stored: number;
  /** Items stored more than once (rows beyond the first). */
  duplicates: number;
  /** Accepted by a queue, absent from the database after the drain. */
  lost: number;
  /** Items the server refused for good (the queue's rejected/ folder): never expected from valid traffic. */
  refused: number;
  /** Images the queue dropped at its cap (by design when a PC is offline too long). */
  evicted: number;
  /** Still queued after the drain (the agent ran out of time). */
  undrained: number;
  /** Stored, but the agent died between the queue's write and its ledger line: not a loss. */
  unledgered: number;
  lostIds: string[];
}

export function readLedgers(agentDirs: string[]): { lines: LedgerLine[]; refused: number; undrained: number } {
  const lines: LedgerLine[] = [];
  let refused = 0;
  let undrained = 0;
  for (const dir of agentDirs) {
    const file = path.join(dir, 'ledger.ndjson');
    if (existsSync(file)) {
      for (const raw of readFileSync(file, 'utf8').split('\n')) {
        if (!raw.trim()) continue;
        // A kill -9 can cut the last line short: that item's write had returned, the line had not.
        const parsed = ledgerLine.safeParse(safeJson(raw));
        if (parsed.success) lines.push(parsed.data);
      }
    }
    const rejected = path.join(dir, 'queue', 'rejected');
    if (existsSync(rejected)) refused += readdirSync(rejected).length;
    const drained = path.join(dir, 'drained.json');
    if (existsSync(drained)) {
      const d = JSON.parse(readFileSync(drained, 'utf8')) as { events: number; images: number };
      undrained += d.events + d.images;
    } else undrained += 1;
  }
  return { lines, refused, undrained };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Counts, per client id, the rows that carry it in the four tables agents write to. */
async function storedCounts(adminDb: Db, tenantIds: string[]): Promise<Map<string, number>> {
  const rows = await adminDb.$queryRaw<{ id: string; n: bigint }[]>`
    SELECT id, count(*) AS n FROM (
      SELECT "clientEventId"::text AS id FROM punches WHERE "tenantId" = ANY(${tenantIds}::uuid[]) AND "clientEventId" IS NOT NULL
      UNION ALL SELECT "clientEventId"::text FROM presence_events WHERE "tenantId" = ANY(${tenantIds}::uuid[]) AND "clientEventId" IS NOT NULL
      UNION ALL SELECT "clientEventId"::text FROM incidents WHERE "tenantId" = ANY(${tenantIds}::uuid[]) AND "clientEventId" IS NOT NULL
      UNION ALL SELECT "clientId"::text FROM evidence WHERE "tenantId" = ANY(${tenantIds}::uuid[])
    ) s GROUP BY id`;
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export async function checkDelivery(adminDb: Db, tenantIds: string[], agentDirs: string[]): Promise<DeliveryCheck> {
  const { lines, refused, undrained } = readLedgers(agentDirs);
  const stored = await storedCounts(adminDb, tenantIds);
  const sentIds = new Set(lines.map((l) => l.clientId));
  let duplicates = 0;
  let storedSent = 0;
  const lostIds: string[] = [];
  for (const id of sentIds) {
    const n = stored.get(id) ?? 0;
    if (n === 0) lostIds.push(id);
    else storedSent += 1;
    if (n > 1) duplicates += n - 1;
  }
  let unledgered = 0;
  for (const [id, n] of stored) {
    if (sentIds.has(id)) continue;
    unledgered += 1;
    if (n > 1) duplicates += n - 1;
  }
  const evicted = lines.reduce((sum, l) => sum + (l.kind === 'image' ? l.evicted : 0), 0);
  return { sent: sentIds.size, stored: storedSent, duplicates, lost: lostIds.length, refused, evicted, undrained, unledgered, lostIds: lostIds.slice(0, 20) };
}

/** One open session per worker at most (the database's unique index says so; this says it held). */
export async function openSessionProblems(adminDb: Db, tenantIds: string[]): Promise<number> {
  const rows = await adminDb.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (
      SELECT "userId" FROM work_sessions WHERE "tenantId" = ANY(${tenantIds}::uuid[]) AND "endedAt" IS NULL GROUP BY "userId" HAVING count(*) > 1
    ) s`;
  return Number(rows[0]?.n ?? 0);
}

/** Workers whose day ended with WORK_END but whose session is still open: an end lost between instances. */
export async function sessionsLeftOpen(adminDb: Db, tenantIds: string[]): Promise<number> {
  const rows = await adminDb.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM work_sessions WHERE "tenantId" = ANY(${tenantIds}::uuid[]) AND "endedAt" IS NULL`;
  return Number(rows[0]?.n ?? 0);
}

/**
 * Scheduled jobs across both instances: each cron occurrence created at most once, and every minute the
 * every-minute job was due while an instance was up has its run. pg-boss keeps created jobs in
 * pgboss.job (and moved ones in pgboss.archive when that table exists).
 */
export async function jobOccurrences(adminDb: Db, name: string, from: Date, to: Date): Promise<{ minutes: number; created: number; duplicates: number; completed: number }> {
  const tables = await adminDb.$queryRaw<{ t: string }[]>`
    SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'pgboss' AND table_name IN ('job', 'archive')`;
  const sources = tables.map((t) => t.t);
  let created = 0;
  let completed = 0;
  const perMinute = new Map<string, number>();
  for (const table of sources) {
    const rows = await adminDb.$queryRawUnsafe<{ minute: Date; state: string }[]>(
      `SELECT date_trunc('minute', created_on) AS minute, state::text AS state FROM pgboss.${table === 'job' ? 'job' : 'archive'} WHERE name = $1 AND created_on >= $2 AND created_on < $3`,
      name, from, to,
    );
    for (const r of rows) {
      created += 1;
      if (r.state === 'completed') completed += 1;
      const key = r.minute.toISOString();
      perMinute.set(key, (perMinute.get(key) ?? 0) + 1);
    }
  }
  const duplicates = [...perMinute.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  return { minutes: perMinute.size, created, duplicates, completed };
}
