import { createHmac, hkdfSync } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an Evidence row that the chain protects (everything but createdAt). */
export interface ChainedFields {
  id: string;
  tenantId: string;
  userId: string;
  deviceId: string;
  incidentId: string | null;
  clientId: string;
  kind: string;
  trigger: string;
  capturedAt: Date;
  blobKey: string;
  sha256: string;
  byteSize: number;
  width: number;
  height: number;
  keyVersion: number;
  chainSeq: bigint;
  prevHash: string;
}

/**
 * The chain key comes from the tenant's data key of the row's version (HKDF), not from the database:
 * someone who can edit rows but does not hold the master key cannot recompute a valid chain.
 */
export function chainKey(dataKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'telework evidence chain v1', 32));
}

export function chainHash(key: Uint8Array, f: ChainedFields): string {
  const canonical = JSON.stringify([
    'v1', f.prevHash, f.chainSeq.toString(), f.id, f.tenantId, f.userId, f.deviceId, f.incidentId, f.clientId, f.kind, f.trigger,
    f.capturedAt.toISOString(), f.blobKey, f.sha256, f.byteSize, f.width, f.height, f.keyVersion,
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/** A run of removed sequence numbers and the hash of its last row (what the next row links from). */
export type RemovedRun = { from: string; to: string; lastHash: string };

/** The fields of a checkpoint link (EvidenceCheckpoint) that the chain protects. */
export interface CheckpointFields {
  tenantId: string;
  chainSeq: bigint;
  reason: string;
  removed: RemovedRun[];
  removedCount: number;
  keyVersion: number;
  prevHash: string;
  createdAt: Date;
}

export function checkpointHash(key: Uint8Array, f: CheckpointFields): string {
  const canonical = JSON.stringify([
    'checkpoint-v1', f.prevHash, f.chainSeq.toString(), f.tenantId, f.reason, f.removed.map((r) => [r.from, r.to, r.lastHash]), f.removedCount, f.keyVersion,
    f.createdAt.toISOString(),
  ]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

/**
 * The head's key comes from the master key itself (HKDF), not from a tenant data key stored in the
 * database beside the rows: only a holder of the master key can sign a head.
 */
export function headKey(masterKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'telework evidence chain head v1', 32));
}

export function headMac(key: Uint8Array, h: { tenantId: string; seq: bigint; hash: string; masterKeyId: string }): string {
  return createHmac('sha256', key).update(JSON.stringify(['head-v1', h.tenantId, h.seq.toString(), h.hash, h.masterKeyId])).digest('hex');
}

/** Groups sorted sequence numbers into runs of consecutive numbers, each with its last row's hash. */
export function removedRuns(rows: readonly { chainSeq: bigint; chainHash: string }[]): RemovedRun[] {
  const sorted = [...rows].sort((a, b) => (a.chainSeq < b.chainSeq ? -1 : a.chainSeq > b.chainSeq ? 1 : 0));
  const runs: { from: bigint; to: bigint; lastHash: string }[] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r.chainSeq === last.to + 1n) {
      last.to = r.chainSeq;
      last.lastHash = r.chainHash;
    } else runs.push({ from: r.chainSeq, to: r.chainSeq, lastHash: r.chainHash });
  }
  return runs.map((r) => ({ from: r.from.toString(), to: r.to.toString(), lastHash: r.lastHash }));
}
