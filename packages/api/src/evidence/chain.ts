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
