import { randomBytes } from 'node:crypto';
import type { Tx } from '@telework/db';
import { open, seal } from './aead';
import { headKey, headMac } from '../evidence/chain';
import { masterKeyFor, type MasterKeyring } from './master-key';

export interface DataKey {
  version: number;
  key: Uint8Array;
}

const wrapAad = (tenantId: string, version: number) => `tenant-data-key:${tenantId}:${version}`;

function unwrap(ring: MasterKeyring, tenantId: string, row: { version: number; wrappedKey: Uint8Array; masterKeyId: string }): DataKey {
  return { version: row.version, key: open(masterKeyFor(ring, row.masterKeyId), row.wrappedKey, wrapAad(tenantId, row.version)) };
}

async function createVersion(db: Tx, ring: MasterKeyring, tenantId: string, version: number): Promise<DataKey> {
  const key = randomBytes(32);
  await db.tenantDataKey.create({
    data: { tenantId, version, wrappedKey: Buffer.from(seal(ring.current.key, key, wrapAad(tenantId, version))), masterKeyId: ring.current.id },
  });
  return { version, key };
}

/**
 * The tenant's current data key (the newest version not retired), created on first use. Two first
 * uploads at once race on the primary key; the loser reads the winner's row.
 */
export async function currentDataKey(db: Tx, ring: MasterKeyring, tenantId: string): Promise<DataKey> {
  const row = await db.tenantDataKey.findFirst({ where: { tenantId, retiredAt: null }, orderBy: { version: 'desc' } });
  if (row) return unwrap(ring, tenantId, row);
  const newest = await db.tenantDataKey.findFirst({ where: { tenantId }, orderBy: { version: 'desc' }, select: { version: true } });
  // ON CONFLICT instead of catching P2002: a failed insert would abort the caller's transaction.
  const version = (newest?.version ?? 0) + 1;
  const key = randomBytes(32);
  const wrapped = Buffer.from(seal(ring.current.key, key, wrapAad(tenantId, version)));
  const inserted = await db.$executeRaw`INSERT INTO tenant_data_keys ("tenantId", version, "wrappedKey", "masterKeyId")
    VALUES (${tenantId}::uuid, ${version}, ${wrapped}, ${ring.current.id}) ON CONFLICT DO NOTHING`;
  if (inserted === 1) return { version, key };
  const winner = await db.tenantDataKey.findFirst({ where: { tenantId, retiredAt: null }, orderBy: { version: 'desc' } });
  if (!winner) throw new Error('Data key creation lost a race and found no key.');
  return unwrap(ring, tenantId, winner);
}

/** Any version, retired or not: old images stay readable after rotation. */
export async function dataKeyVersion(db: Tx, ring: MasterKeyring, tenantId: string, version: number): Promise<DataKey> {
  const row = await db.tenantDataKey.findUnique({ where: { tenantId_version: { tenantId, version } } });
  if (!row) throw new Error(`Data key version ${version} of the tenant is missing.`);
  return unwrap(ring, tenantId, row);
}

/** Data key rotation: new images use a new version; older versions are retired but kept for reading. */
export async function rotateDataKey(db: Tx, ring: MasterKeyring, tenantId: string, now = new Date()): Promise<number> {
  const newest = await db.tenantDataKey.findFirst({ where: { tenantId }, orderBy: { version: 'desc' }, select: { version: true } });
  await db.tenantDataKey.updateMany({ where: { tenantId, retiredAt: null }, data: { retiredAt: now } });
  return (await createVersion(db, ring, tenantId, (newest?.version ?? 0) + 1)).version;
}

/** Master key rotation: re-wraps every data key of the tenant not yet under the current master key. */
export async function rewrapDataKeys(db: Tx, ring: MasterKeyring, tenantId: string): Promise<number> {
  const rows = await db.tenantDataKey.findMany({ where: { tenantId, masterKeyId: { not: ring.current.id } } });
  for (const row of rows) {
    const { key } = unwrap(ring, tenantId, row);
    await db.tenantDataKey.update({
      where: { tenantId_version: { tenantId, version: row.version } },
      data: { wrappedKey: Buffer.from(seal(ring.current.key, key, wrapAad(tenantId, row.version))), masterKeyId: ring.current.id },
    });
  }
  await resignChainHead(db, ring, tenantId);
  return rows.length;
}

/**
 * The evidence chain head is signed with a key derived from the master key: re-signed with the new one
 * here, after its signature under the old one is checked (a head that fails is left for verify to report).
 */
async function resignChainHead(db: Tx, ring: MasterKeyring, tenantId: string): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('evidence-chain'), hashtext(${tenantId}))`;
  const head = await db.evidenceChainHead.findUnique({ where: { tenantId } });
  if (!head || head.masterKeyId === ring.current.id) return;
  if (head.masterKeyId && head.mac) {
    const expected = headMac(headKey(masterKeyFor(ring, head.masterKeyId)), { tenantId, seq: head.seq, hash: head.hash, masterKeyId: head.masterKeyId });
    if (expected !== head.mac) return;
  }
  const mac = headMac(headKey(ring.current.key), { tenantId, seq: head.seq, hash: head.hash, masterKeyId: ring.current.id });
  await db.evidenceChainHead.update({ where: { tenantId }, data: { masterKeyId: ring.current.id, mac } });
}
