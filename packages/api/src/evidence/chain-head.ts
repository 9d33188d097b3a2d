import { timingSafeEqual } from 'node:crypto';
import type { Tx } from '@telework/db';
import { z } from 'zod';
import { currentDataKey } from '../crypto/data-keys';
import { masterKeyFor, type MasterKeyring } from '../crypto/master-key';
import { AppError } from '../errors/app-error';
import { chainKey, checkpointHash, GENESIS_HASH, headKey, headMac, removedRuns, type RemovedRun } from './chain';

/** Serialises chain appends per tenant for the rest of the transaction (short: a few selects and inserts). */
export async function lockChain(tx: Tx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('evidence-chain'), hashtext(${tenantId}))`;
}

export interface ChainHeadRow {
  tenantId: string;
  seq: bigint;
  hash: string;
  masterKeyId: string | null;
  mac: string | null;
}

export type HeadCheck = { ok: true } | { ok: false; reason: 'UNSIGNED' | 'BAD_SIGNATURE' | 'KEY_UNAVAILABLE' };

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function checkHead(ring: MasterKeyring, head: ChainHeadRow): HeadCheck {
  if (!head.mac || !head.masterKeyId) return { ok: false, reason: 'UNSIGNED' };
  let master: Uint8Array;
  try {
    master = masterKeyFor(ring, head.masterKeyId);
  } catch {
    return { ok: false, reason: 'KEY_UNAVAILABLE' };
  }
  const expected = headMac(headKey(master), { tenantId: head.tenantId, seq: head.seq, hash: head.hash, masterKeyId: head.masterKeyId });
  return sameHex(expected, head.mac) ? { ok: true } : { ok: false, reason: 'BAD_SIGNATURE' };
}

export function readHead(tx: Tx, tenantId: string): Promise<ChainHeadRow | null> {
  return tx.evidenceChainHead.findUnique({ where: { tenantId }, select: { tenantId: true, seq: true, hash: true, masterKeyId: true, mac: true } });
}

/**
 * Where the next link attaches: the signed head, never the newest row found (rows deleted at the end
 * must stay a visible gap). Call under lockChain. A head that is missing while links exist, or whose
 * signature fails, refuses the append: extending it would sign over the damage. CONFLICT, not a
 * permanent refusal: the agent keeps the image queued and retries, so nothing is lost meanwhile.
 */
export async function chainTip(tx: Tx, ring: MasterKeyring, tenantId: string): Promise<{ seq: bigint; hash: string }> {
  const head = await readHead(tx, tenantId);
  if (!head) {
    const links = (await tx.evidence.count({ where: { tenantId } })) + (await tx.evidenceCheckpoint.count({ where: { tenantId } }));
    if (links > 0) throw new AppError('CONFLICT', 'The evidence chain head is missing; run the integrity check.', { reason: 'CHAIN_HEAD_INVALID' });
    return { seq: 0n, hash: GENESIS_HASH };
  }
  const check = checkHead(ring, head);
  // A head from before signed heads existed is taken as it is, once: this append signs it.
  if (!check.ok && check.reason !== 'UNSIGNED') throw new AppError('CONFLICT', 'The evidence chain head does not verify; run the integrity check.', { reason: 'CHAIN_HEAD_INVALID' });
  return { seq: head.seq, hash: head.hash };
}

/** Moves the head to a new link and signs it with the current master key (the trigger refuses going back). */
export async function advanceHead(tx: Tx, ring: MasterKeyring, tenantId: string, link: { seq: bigint; hash: string }, now: Date): Promise<void> {
  const masterKeyId = ring.current.id;
  const mac = headMac(headKey(ring.current.key), { tenantId, seq: link.seq, hash: link.hash, masterKeyId });
  const data = { seq: link.seq, hash: link.hash, masterKeyId, mac, updatedAt: now };
  await tx.evidenceChainHead.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
}

export type CheckpointReason = 'RETENTION' | 'PERSONAL_DATA_PURGE' | 'USER_DELETED' | 'ERASURE_REQUEST';

export const removedRunsSchema = z.array(z.object({ from: z.string().regex(/^\d+$/), to: z.string().regex(/^\d+$/), lastHash: z.string() }));

/**
 * Deletes evidence rows the product itself removes and records them in the same chain: one checkpoint
 * link naming every removed sequence number, appended and signed in the same transaction as the
 * deletion, so verify counts them as removed by the product and any other gap as deleted by someone.
 * The caller deletes the blobs afterwards. Returns the number of rows removed.
 */
export async function removeEvidence(
  tx: Tx,
  keyring: MasterKeyring | (() => MasterKeyring),
  tenantId: string,
  where: { ids: string[] } | { userId: string } | { all: true },
  reason: CheckpointReason,
  now: Date,
): Promise<{ count: number; blobKeys: string[] }> {
  await lockChain(tx, tenantId);
  const filter = 'ids' in where ? { tenantId, id: { in: where.ids } } : 'userId' in where ? { tenantId, userId: where.userId } : { tenantId };
  const rows = await tx.evidence.findMany({ where: filter, select: { id: true, chainSeq: true, chainHash: true, blobKey: true } });
  if (rows.length === 0) return { count: 0, blobKeys: [] };
  await tx.evidence.deleteMany({ where: { tenantId, id: { in: rows.map((r) => r.id) } } });
  // Resolved only now: deleting a user without evidence needs no key.
  const ring = typeof keyring === 'function' ? keyring() : keyring;
  const removed: RemovedRun[] = removedRuns(rows);
  const tip = await chainTip(tx, ring, tenantId);
  const key = await currentDataKey(tx, ring, tenantId);
  const fields = { tenantId, chainSeq: tip.seq + 1n, reason, removed, removedCount: rows.length, keyVersion: key.version, prevHash: tip.hash, createdAt: now };
  const hash = checkpointHash(chainKey(key.key), fields);
  await tx.evidenceCheckpoint.create({ data: { ...fields, chainHash: hash } });
  await advanceHead(tx, ring, tenantId, { seq: fields.chainSeq, hash }, now);
  return { count: rows.length, blobKeys: rows.map((r) => r.blobKey) };
}
