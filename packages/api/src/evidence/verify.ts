import { createHash } from 'node:crypto';
import type { Tx } from '@telework/db';
import { open } from '../crypto/aead';
import { dataKeyVersion } from '../crypto/data-keys';
import type { MasterKeyring } from '../crypto/master-key';
import type { BlobStore } from '../storage/blob-store';
import { chainHash, chainKey, checkpointHash, GENESIS_HASH } from './chain';
import { blobAad } from './deps';
import { checkHead, readHead, removedRunsSchema } from './chain-head';

export type VerifyProblem =
  | { kind: 'ROW_ALTERED'; evidenceId: string; chainSeq: string }
  | { kind: 'ROWS_MISSING'; afterSeq: string; nextSeq: string }
  | { kind: 'TAIL_MISSING'; afterSeq: string; headSeq: string }
  | { kind: 'CHAIN_BROKEN'; evidenceId: string; chainSeq: string }
  | { kind: 'CHECKPOINT_ALTERED'; chainSeq: string }
  | { kind: 'HEAD_MISSING' }
  | { kind: 'HEAD_INVALID'; reason: 'UNSIGNED' | 'BAD_SIGNATURE' | 'KEY_UNAVAILABLE' | 'MISMATCH' | 'BEHIND' }
  | { kind: 'BLOB_MISSING'; evidenceId: string; chainSeq: string }
  | { kind: 'BLOB_ALTERED'; evidenceId: string; chainSeq: string }
  | { kind: 'KEY_UNAVAILABLE'; evidenceId: string; chainSeq: string };

export interface VerifyReport {
  tenantId: string;
  checkedRows: number;
  checkedBlobs: number;
  /** Rows the product removed itself (retention, purge, user deletion), as its checkpoints record. */
  removedRows: number;
  /** The signed head's sequence number: every link up to it is accounted for when ok. */
  headSeq: string | null;
  ok: boolean;
  problems: VerifyProblem[];
  checkedAt: Date;
}

const BATCH = 200;

/** Runs a function in a transaction scoped to the tenant: `withTenant(db, id, fn)` or an open procedure transaction. */
export type TenantRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

interface Run {
  from: bigint;
  to: bigint;
  lastHash: string;
}

/** The removed runs of every valid checkpoint, sorted, and the parts of a gap they do not cover. */
class Removed {
  private readonly runs: Run[];
  private readonly hashAt = new Map<bigint, string>();
  constructor(runs: Run[]) {
    this.runs = [...runs].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    for (const r of runs) this.hashAt.set(r.to, r.lastHash);
  }
  /** Hash of the removed row `seq`, when it ends a recorded run (what the next link must point to). */
  lastHash(seq: bigint): string | undefined {
    return this.hashAt.get(seq);
  }
  uncovered(from: bigint, to: bigint): { from: bigint; to: bigint }[] {
    const out: { from: bigint; to: bigint }[] = [];
    let next = from;
    for (const r of this.runs) {
      if (next > to) break;
      if (r.to < next) continue;
      if (r.from > to) break;
      if (r.from > next) out.push({ from: next, to: r.from - 1n });
      next = r.to + 1n;
    }
    if (next <= to) out.push({ from: next, to });
    return out;
  }
}

/**
 * Walks the tenant's evidence chain in order: evidence rows and the checkpoints where the product
 * recorded its own deletions share one sequence. Every link's HMAC must match its fields (edited row),
 * link to its predecessor's hash with no gap that no checkpoint accounts for (deleted or reordered
 * rows), the chain must reach the signed head (rows deleted at the end), and, unless `blobs: false`,
 * each row's blob must exist, decrypt and hash to the stored digest (altered blob).
 */
export async function verifyEvidence(run: TenantRunner, store: BlobStore, keyringOf: MasterKeyring | (() => MasterKeyring), opts: { tenantId: string; blobs?: boolean }): Promise<VerifyReport> {
  // Resolved only when there is a row to check, so a tenant without evidence needs no key.
  const keyring = () => (typeof keyringOf === 'function' ? keyringOf() : keyringOf);
  const { tenantId } = opts;
  const problems: VerifyProblem[] = [];
  let checkedRows = 0;
  let checkedBlobs = 0;
  const keys = new Map<number, Uint8Array | null>();
  const keyFor = async (tx: Tx, version: number) => {
    if (!keys.has(version)) keys.set(version, await dataKeyVersion(tx, keyring(), tenantId, version).then((k) => k.key, () => null));
    return keys.get(version) ?? null;
  };

  const { head, checkpoints } = await run(async (tx) => {
    const cps = await tx.evidenceCheckpoint.findMany({ where: { tenantId }, orderBy: { chainSeq: 'asc' } });
    for (const c of cps) await keyFor(tx, c.keyVersion);
    return { head: await readHead(tx, tenantId), checkpoints: cps };
  });
  // Only checkpoints whose HMAC holds may excuse a gap; a forged one is itself reported.
  const valid = new Set<bigint>();
  const runs: Run[] = [];
  let removedRows = 0;
  for (const c of checkpoints) {
    const key = keys.get(c.keyVersion);
    const removed = removedRunsSchema.safeParse(c.removed);
    if (!key || !removed.success || checkpointHash(chainKey(key), { ...c, removed: removed.data }) !== c.chainHash) {
      problems.push({ kind: 'CHECKPOINT_ALTERED', chainSeq: c.chainSeq.toString() });
      continue;
    }
    valid.add(c.chainSeq);
    removedRows += c.removedCount;
    for (const r of removed.data) if (BigInt(r.to) < c.chainSeq) runs.push({ from: BigInt(r.from), to: BigInt(r.to), lastHash: r.lastHash });
  }
  const removed = new Removed(runs);

  let prev: { seq: bigint; hash: string } = { seq: 0n, hash: GENESIS_HASH };
  /** Checks one link's place: the gap before it, and its pointer to its predecessor. Returns false when the pointer fails. */
  const link = (seq: bigint, prevHash: string): boolean => {
    let expected: string | undefined = prev.hash;
    if (seq > prev.seq + 1n) {
      const holes = removed.uncovered(prev.seq + 1n, seq - 1n);
      for (const h of holes) problems.push({ kind: 'ROWS_MISSING', afterSeq: (h.from - 1n).toString(), nextSeq: (h.to + 1n).toString() });
      // Rows missing by someone's hand: the link to them cannot be checked, the gap is reported.
      expected = holes.length ? undefined : removed.lastHash(seq - 1n);
    }
    return expected === undefined || prevHash === expected;
  };
  let cp = 0;
  const checkpointsBefore = (seq: bigint | null) => {
    for (; cp < checkpoints.length; cp++) {
      const c = checkpoints[cp];
      if (!c || (seq !== null && c.chainSeq >= seq)) break;
      if (!link(c.chainSeq, c.prevHash) && valid.has(c.chainSeq)) problems.push({ kind: 'CHECKPOINT_ALTERED', chainSeq: c.chainSeq.toString() });
      prev = { seq: c.chainSeq, hash: c.chainHash };
    }
  };

  let cursor = -1n;
  for (;;) {
    const batch = await run(async (tx) => {
      const rows = await tx.evidence.findMany({ where: { tenantId, chainSeq: { gt: cursor } }, orderBy: { chainSeq: 'asc' }, take: BATCH });
      for (const r of rows) await keyFor(tx, r.keyVersion);
      return rows;
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      checkpointsBefore(row.chainSeq);
      checkedRows += 1;
      const seq = row.chainSeq.toString();
      const key = keys.get(row.keyVersion);
      if (!key) {
        problems.push({ kind: 'KEY_UNAVAILABLE', evidenceId: row.id, chainSeq: seq });
        prev = { seq: row.chainSeq, hash: row.chainHash };
        continue;
      }
      if (chainHash(chainKey(key), row) !== row.chainHash) problems.push({ kind: 'ROW_ALTERED', evidenceId: row.id, chainSeq: seq });
      if (!link(row.chainSeq, row.prevHash)) problems.push({ kind: 'CHAIN_BROKEN', evidenceId: row.id, chainSeq: seq });
      prev = { seq: row.chainSeq, hash: row.chainHash };

      if (opts.blobs === false) continue;
      checkedBlobs += 1;
      const sealed = await store.get(row.blobKey);
      if (!sealed) {
        problems.push({ kind: 'BLOB_MISSING', evidenceId: row.id, chainSeq: seq });
        continue;
      }
      try {
        const plain = open(key, sealed, blobAad(tenantId, row.blobKey));
        if (createHash('sha256').update(plain).digest('hex') !== row.sha256) problems.push({ kind: 'BLOB_ALTERED', evidenceId: row.id, chainSeq: seq });
      } catch {
        problems.push({ kind: 'BLOB_ALTERED', evidenceId: row.id, chainSeq: seq });
      }
    }
    const last = batch[batch.length - 1];
    if (!last || batch.length < BATCH) break;
    cursor = last.chainSeq;
  }
  checkpointsBefore(null);

  // The end of the chain: it must reach the signed head, which only ever moves forward.
  if (!head) {
    if (prev.seq > 0n) problems.push({ kind: 'HEAD_MISSING' });
  } else {
    const check = checkHead(keyring(), head);
    if (!check.ok) problems.push({ kind: 'HEAD_INVALID', reason: check.reason });
    if (head.seq > prev.seq) {
      for (const h of removed.uncovered(prev.seq + 1n, head.seq)) {
        if (h.to === head.seq) problems.push({ kind: 'TAIL_MISSING', afterSeq: (h.from - 1n).toString(), headSeq: head.seq.toString() });
        else problems.push({ kind: 'ROWS_MISSING', afterSeq: (h.from - 1n).toString(), nextSeq: (h.to + 1n).toString() });
      }
    } else if (head.seq < prev.seq) problems.push({ kind: 'HEAD_INVALID', reason: 'BEHIND' });
    else if (head.hash !== prev.hash) problems.push({ kind: 'HEAD_INVALID', reason: 'MISMATCH' });
  }
  return { tenantId, checkedRows, checkedBlobs, removedRows, headSeq: head ? head.seq.toString() : null, ok: problems.length === 0, problems, checkedAt: new Date() };
}
