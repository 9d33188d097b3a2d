import { createHash } from 'node:crypto';
import type { Tx } from '@telework/db';
import { open } from '../crypto/aead';
import { dataKeyVersion } from '../crypto/data-keys';
import type { MasterKeyring } from '../crypto/master-key';
import type { BlobStore } from '../storage/blob-store';
import { chainHash, chainKey, GENESIS_HASH } from './chain';
import { blobAad } from './deps';
import { latestAnchor } from './store-evidence';

export type VerifyProblem =
  | { kind: 'ROW_ALTERED'; evidenceId: string; chainSeq: string }
  | { kind: 'ROWS_MISSING'; afterSeq: string; nextSeq: string }
  | { kind: 'CHAIN_BROKEN'; evidenceId: string; chainSeq: string }
  | { kind: 'BLOB_MISSING'; evidenceId: string; chainSeq: string }
  | { kind: 'BLOB_ALTERED'; evidenceId: string; chainSeq: string }
  | { kind: 'KEY_UNAVAILABLE'; evidenceId: string; chainSeq: string };

export interface VerifyReport {
  tenantId: string;
  checkedRows: number;
  checkedBlobs: number;
  ok: boolean;
  problems: VerifyProblem[];
  checkedAt: Date;
}

const BATCH = 200;

/**
 * Walks the tenant's evidence chain in order: every row's HMAC must match its fields (edited row),
 * link to its predecessor's hash with no gap in sequence numbers (deleted or reordered rows), and,
 * unless `blobs: false`, its blob must exist, decrypt and hash to the stored digest (altered blob).
 */
/** Runs a function in a transaction scoped to the tenant: `withTenant(db, id, fn)` or an open procedure transaction. */
export type TenantRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export async function verifyEvidence(run: TenantRunner, store: BlobStore, keyringOf: MasterKeyring | (() => MasterKeyring), opts: { tenantId: string; blobs?: boolean }): Promise<VerifyReport> {
  // Resolved only when there is a row to check, so a tenant without evidence needs no key.
  const keyring = () => (typeof keyringOf === 'function' ? keyringOf() : keyringOf);
  const { tenantId } = opts;
  const problems: VerifyProblem[] = [];
  let checkedRows = 0;
  let checkedBlobs = 0;
  const anchor = await run((tx) => latestAnchor(tx, tenantId));
  let prev: { seq: bigint; hash: string } | null = null;
  let cursor = -1n;
  const keys = new Map<number, Uint8Array | null>();

  for (;;) {
    const batch = await run(async (tx) => {
      const rows = await tx.evidence.findMany({ where: { tenantId, chainSeq: { gt: cursor } }, orderBy: { chainSeq: 'asc' }, take: BATCH });
      for (const r of rows) {
        if (!keys.has(r.keyVersion)) keys.set(r.keyVersion, await dataKeyVersion(tx, keyring(), tenantId, r.keyVersion).then((k) => k.key, () => null));
      }
      return rows;
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      checkedRows += 1;
      const seq = row.chainSeq.toString();
      const key = keys.get(row.keyVersion);
      if (!key) {
        problems.push({ kind: 'KEY_UNAVAILABLE', evidenceId: row.id, chainSeq: seq });
        prev = { seq: row.chainSeq, hash: row.chainHash };
        continue;
      }
      if (chainHash(chainKey(key), row) !== row.chainHash) problems.push({ kind: 'ROW_ALTERED', evidenceId: row.id, chainSeq: seq });
      // Where the chain should link from: the previous row, or for the first row the retention anchor or genesis.
      const expected: { seq: bigint; hash: string } = prev ?? (anchor && anchor.seq < row.chainSeq ? anchor : { seq: 0n, hash: GENESIS_HASH });
      if (row.chainSeq !== expected.seq + 1n) problems.push({ kind: 'ROWS_MISSING', afterSeq: expected.seq.toString(), nextSeq: seq });
      else if (row.prevHash !== expected.hash) problems.push({ kind: 'CHAIN_BROKEN', evidenceId: row.id, chainSeq: seq });
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
  return { tenantId, checkedRows, checkedBlobs, ok: problems.length === 0, problems, checkedAt: new Date() };
}
