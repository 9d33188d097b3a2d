import { listTenantIds, withTenant, type Db } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { defineJob } from '../jobs/job-types';
import type { BlobStore } from '../storage/blob-store';
import { getBlobStore } from '../storage';
import { getMasterKeyring } from '../crypto';
import type { MasterKeyring } from '../crypto/master-key';
import { removeEvidence } from './chain-head';
import { erasePersonalData, type ErasureCounts } from '../tenancy/personal-data-erasure';

const BATCH = 500;
const DAY = 86_400_000;

/** The keyring, or how to get it: resolved only when there is evidence to remove (the checkpoint needs it). */
export type KeyringSource = MasterKeyring | (() => MasterKeyring);

export interface RetentionCounts {
  evidence: number;
  blobs: number;
  incidents: number;
  presenceEvents: number;
}

/**
 * Deletes one tenant's evidence (rows, then blobs), presence events and incidents older than its
 * retentionDays, 500 rows per short transaction so no lock is held for long. Evidence rows go through
 * removeEvidence: each batch is recorded as a checkpoint in the tenant's chain.
 */
export async function purgeExpired(db: Db, store: BlobStore, tenantId: string, now: Date, keyring: KeyringSource = getMasterKeyring): Promise<RetentionCounts> {
  const days = await withTenant(db, tenantId, async (tx) => (await tx.tenant.findUnique({ where: { id: tenantId }, select: { retentionDays: true } }))?.retentionDays ?? 90);
  const cutoff = new Date(now.getTime() - days * DAY);
  const counts: RetentionCounts = { evidence: 0, blobs: 0, incidents: 0, presenceEvents: 0 };
  // Each batch is deleted together with the checkpoint that records it (same transaction), so there is
  // never a moment when rows are gone and the chain does not say the product removed them.
  for (;;) {
    const batch = await withTenant(db, tenantId, async (tx) => {
      const rows = await tx.evidence.findMany({ where: { tenantId, capturedAt: { lt: cutoff } }, orderBy: { chainSeq: 'asc' }, take: BATCH, select: { id: true } });
      if (!rows.length) return { count: 0, blobKeys: [] };
      return removeEvidence(tx, keyring, tenantId, { ids: rows.map((r) => r.id) }, 'RETENTION', now);
    });
    if (!batch.count) break;
    counts.evidence += batch.count;
    // Blobs after the rows are gone: a crash here leaves unreadable ciphertext, never a row without its image.
    for (const key of batch.blobKeys) {
      await store.delete(key);
      counts.blobs += 1;
    }
    if (batch.count < BATCH) break;
  }
  for (;;) {
    const n = await withTenant(db, tenantId, async (tx) => {
      const rows = await tx.presenceEvent.findMany({ where: { tenantId, occurredAt: { lt: cutoff } }, take: BATCH, select: { id: true } });
      return (await tx.presenceEvent.deleteMany({ where: { tenantId, id: { in: rows.map((r) => r.id) } } })).count;
    });
    counts.presenceEvents += n;
    if (n < BATCH) break;
  }
  for (;;) {
    // Incidents that still have evidence (captured later than the cutoff) wait for it.
    const n = await withTenant(db, tenantId, async (tx) => {
      const rows = await tx.incident.findMany({ where: { tenantId, occurredAt: { lt: cutoff }, evidence: { none: {} } }, take: BATCH, select: { id: true } });
      return (await tx.incident.deleteMany({ where: { tenantId, id: { in: rows.map((r) => r.id) } } })).count;
    });
    counts.incidents += n;
    if (n < BATCH) break;
  }
  if (counts.evidence + counts.incidents + counts.presenceEvents > 0) {
    await withTenant(db, tenantId, (tx) =>
      recordTenantAudit(tx, tenantId, {
        actorKind: 'SYSTEM', actorId: null, action: 'evidence.retention', targetType: 'Tenant', targetId: tenantId,
        details: { cutoff: cutoff.toISOString(), retentionDays: days, ...counts },
      }),
    );
  }
  return counts;
}

/**
 * 第26条3項: personal data goes about one month after the contract ends (Tenant.personalDataPurgeAt):
 * face images and evidence with their blobs here, then every other personal field (erasePersonalData).
 */
export async function purgePersonalData(
  db: Db,
  store: BlobStore,
  tenantId: string,
  now: Date,
  keyring: KeyringSource = getMasterKeyring,
): Promise<{ evidence: number; faceImages: number; incidents: number; presenceEvents: number; erased: ErasureCounts } | null> {
  const due = await withTenant(db, tenantId, (tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { personalDataPurgeAt: true } }));
  if (!due?.personalDataPurgeAt || due.personalDataPurgeAt > now) return null;
  const counts = { evidence: 0, faceImages: 0, incidents: 0, presenceEvents: 0 };
  for (;;) {
    const batch = await withTenant(db, tenantId, async (tx) => {
      const ev = await tx.evidence.findMany({ where: { tenantId }, take: BATCH, select: { id: true } });
      if (ev.length) {
        const r = await removeEvidence(tx, keyring, tenantId, { ids: ev.map((x) => x.id) }, 'PERSONAL_DATA_PURGE', now);
        return { kind: 'evidence' as const, keys: r.blobKeys };
      }
      const faces = await tx.faceImage.findMany({ where: { tenantId }, take: BATCH, select: { id: true, blobKey: true } });
      if (faces.length) {
        await tx.faceImage.deleteMany({ where: { tenantId, id: { in: faces.map((r) => r.id) } } });
        return { kind: 'faceImages' as const, keys: faces.flatMap((r) => (r.blobKey === null ? [] : [r.blobKey])) };
      }
      const pe = await tx.presenceEvent.findMany({ where: { tenantId }, take: BATCH, select: { id: true } });
      if (pe.length) return { kind: 'presenceEvents' as const, keys: [], n: (await tx.presenceEvent.deleteMany({ where: { tenantId, id: { in: pe.map((r) => r.id) } } })).count };
      const inc = await tx.incident.findMany({ where: { tenantId }, take: BATCH, select: { id: true } });
      if (inc.length) return { kind: 'incidents' as const, keys: [], n: (await tx.incident.deleteMany({ where: { tenantId, id: { in: inc.map((r) => r.id) } } })).count };
      return null;
    });
    if (!batch) break;
    counts[batch.kind] += 'n' in batch && batch.n !== undefined ? batch.n : batch.keys.length;
    for (const key of batch.keys) await store.delete(key);
  }
  if (counts.evidence + counts.faceImages + counts.incidents + counts.presenceEvents > 0) {
    await withTenant(db, tenantId, (tx) =>
      recordTenantAudit(tx, tenantId, { actorKind: 'SYSTEM', actorId: null, action: 'personal-data.purge', targetType: 'Tenant', targetId: tenantId, details: counts }),
    );
  }
  return { ...counts, erased: await erasePersonalData(db, tenantId, now) };
}

export const evidenceRetentionJob = defineJob({
  name: 'evidence-retention',
  cron: '30 3 * * *',
  async handler(deps) {
    const store = getBlobStore();
    const out: Record<string, RetentionCounts> = {};
    for (const tenantId of await listTenantIds(deps.db)) out[tenantId] = await purgeExpired(deps.db, store, tenantId, deps.now());
    return out;
  },
});

export const personalDataPurgeJob = defineJob({
  name: 'personal-data-purge',
  cron: '45 3 * * *',
  async handler(deps) {
    const store = getBlobStore();
    let tenants = 0;
    for (const tenantId of await listTenantIds(deps.db)) if (await purgePersonalData(deps.db, store, tenantId, deps.now())) tenants += 1;
    return { tenants };
  },
});
