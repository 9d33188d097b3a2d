import { createHash, randomUUID } from 'node:crypto';
import { withTenant, type EvidenceKind, type EvidenceTrigger } from '@telework/db';
import { seal } from '../crypto/aead';
import { currentDataKey } from '../crypto/data-keys';
import { AppError } from '../errors/app-error';
import { chainHash, chainKey } from './chain';
import { advanceHead, chainTip, lockChain } from './chain-head';
import { CAMERA_MAX, REDUCED_MAX, SCREEN_MAX, blobAad, type EvidenceDeps } from './deps';
import { uploadDbGate } from './gate';
import { assertImageAllowed } from '../tenancy/capture-mode';
import { redactionAreasSchema } from '../tenancy/settings';
import { decodeImage, encodeJpeg, redact, reduce, reencode, type DecodedImage } from './image';

export interface EvidenceUpload {
  tenantId: string;
  userId: string;
  deviceId: string;
  clientId: string;
  kind: EvidenceKind;
  trigger: EvidenceTrigger;
  /** The incident's client event id (INCIDENT trigger): the agent knows its own id, not the server's. */
  incidentClientEventId: string | null;
  capturedAt: Date;
  bytes: Uint8Array;
}


/**
 * Applies the tenant's screenshot privacy option server-side too (the agent already did; this is the
 * safety net for an old or altered agent). Returns the bytes to store: `clean` (the re-encoded image)
 * when nothing changes.
 */
export async function applyPrivacy(img: DecodedImage, clean: () => Promise<Uint8Array>, mode: 'FULL' | 'REDUCED' | 'REDACTED', areasJson: unknown): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  if (mode === 'REDACTED') {
    const areas = redactionAreasSchema.safeParse(areasJson ?? []);
    // Unreadable areas: refuse rather than store what the administrator meant to hide (fail closed).
    if (!areas.success) throw new AppError('RULE_VIOLATION', 'The redaction areas of this organisation cannot be applied.', { reason: 'REDACTION_UNAVAILABLE' });
    if (areas.data.length === 0) return { bytes: await clean(), width: img.width, height: img.height };
    redact(img, areas.data);
    return { bytes: await encodeJpeg(img), width: img.width, height: img.height };
  }
  if (mode === 'REDUCED' && (img.width > REDUCED_MAX.width || img.height > REDUCED_MAX.height)) {
    const small = reduce(img, REDUCED_MAX);
    return { bytes: await encodeJpeg(small), width: small.width, height: small.height };
  }
  return { bytes: await clean(), width: img.width, height: img.height };
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function blobKeyFor(tenantId: string, folder: string, at: Date): string {
  const ym = at.toISOString().slice(0, 7).replace('-', '/');
  return `${tenantId}/${folder}/${ym}/${randomUUID()}.bin`;
}

export interface StoredEvidence {
  evidenceId: string;
  duplicate: boolean;
}

/**
 * Stores one evidence image: validated by decoding, privacy applied, encrypted with the tenant's data
 * key, written to the blob store, then appended to the tenant's chain. Anything refused stores nothing;
 * a failure after the blob was written deletes it again.
 */
export async function storeEvidence(deps: EvidenceDeps, u: EvidenceUpload, now = new Date()): Promise<StoredEvidence> {
  const img = await decodeImage(u.bytes, u.kind === 'CAMERA' ? CAMERA_MAX : SCREEN_MAX);

  const prep = await uploadDbGate.run(() => withTenant(deps.db, u.tenantId, async (tx) => {
    const existing = await tx.evidence.findUnique({ where: { tenantId_clientId: { tenantId: u.tenantId, clientId: u.clientId } }, select: { id: true, userId: true } });
    if (existing) {
      if (existing.userId !== u.userId) throw new AppError('CONFLICT', 'That client id belongs to another upload.', { reason: 'CLIENT_ID_TAKEN' });
      return { kind: 'duplicate', id: existing.id } as const;
    }
    // The worker's privacy mode decides which images may exist at all: refused before anything is written.
    await assertImageAllowed(tx, { tenantId: u.tenantId, userId: u.userId, trigger: u.trigger });
    let incidentId: string | null = null;
    if (u.trigger === 'INCIDENT') {
      if (!u.incidentClientEventId) throw new AppError('VALIDATION', 'An incident capture needs the incident id.', { fieldErrors: { incidentClientEventId: ['required'] } });
      const incident = await tx.incident.findUnique({ where: { tenantId_clientEventId: { tenantId: u.tenantId, clientEventId: u.incidentClientEventId } }, select: { id: true, userId: true } });
      // The agent sends the incident event first; until it arrives the upload waits in its queue.
      if (!incident || incident.userId !== u.userId) throw new AppError('CONFLICT', 'The incident has not been received yet.', { reason: 'INCIDENT_NOT_FOUND' });
      incidentId = incident.id;
    }
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: u.tenantId }, select: { screenshotMode: true, redactionAreas: true } });
    const key = await currentDataKey(tx, deps.keyring, u.tenantId);
    return { kind: 'new', incidentId, tenant, key } as const;
  }));
  if (prep.kind === 'duplicate') return { evidenceId: prep.id, duplicate: true };

  // Re-encoded, never the uploaded bytes (see reencode): a polyglot is not stored byte for byte.
  const clean = () => reencode(img);
  const final = u.kind === 'SCREEN' ? await applyPrivacy(img, clean, prep.tenant.screenshotMode, prep.tenant.redactionAreas) : { bytes: await clean(), width: img.width, height: img.height };
  const blobKey = blobKeyFor(u.tenantId, 'evidence', u.capturedAt);
  const digest = sha256Hex(final.bytes);
  await deps.store.put(blobKey, seal(prep.key.key, final.bytes, blobAad(u.tenantId, blobKey)));

  try {
    return await uploadDbGate.run(() => withTenant(deps.db, u.tenantId, async (tx) => {
      await lockChain(tx, u.tenantId);
      // A concurrent retry of the same upload may have won while we were writing the blob.
      const again = await tx.evidence.findUnique({ where: { tenantId_clientId: { tenantId: u.tenantId, clientId: u.clientId } }, select: { id: true } });
      if (again) return { evidenceId: again.id, duplicate: true, orphan: true };
      // The signed head, not the newest row: rows deleted at the end stay a gap before this one.
      const prev = await chainTip(tx, deps.keyring, u.tenantId);
      const fields = {
        id: randomUUID(), tenantId: u.tenantId, userId: u.userId, deviceId: u.deviceId, incidentId: prep.incidentId, clientId: u.clientId,
        kind: u.kind, trigger: u.trigger, capturedAt: u.capturedAt, blobKey, sha256: digest, byteSize: final.bytes.length,
        width: final.width, height: final.height, keyVersion: prep.key.version,
        chainSeq: prev.seq + 1n, prevHash: prev.hash,
      };
      const hash = chainHash(chainKey(prep.key.key), fields);
      await tx.evidence.create({ data: { ...fields, chainHash: hash, createdAt: now } });
      await advanceHead(tx, deps.keyring, u.tenantId, { seq: fields.chainSeq, hash }, now);
      return { evidenceId: fields.id, duplicate: false, orphan: false };
    })).then(async (r) => {
      if (r.orphan) await deps.store.delete(blobKey);
      return { evidenceId: r.evidenceId, duplicate: r.duplicate };
    });
  } catch (error) {
    await deps.store.delete(blobKey).catch(() => undefined);
    throw error;
  }
}
