import { randomUUID } from 'node:crypto';
import { withTenant, type CaptureSource, type Tx } from '@telework/db';
import { DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { z } from 'zod';
import { open, seal } from '../crypto/aead';
import { currentDataKey, dataKeyVersion } from '../crypto/data-keys';
import type { MasterKeyring } from '../crypto/master-key';
import { AppError } from '../errors/app-error';
import { CAMERA_MAX, DESCRIPTOR_LENGTH, blobAad, descriptorAad, type EvidenceDeps } from './deps';
import { uploadDbGate } from './gate';
import type { FaceDescriber } from './face-enrolment';
import { decodeImage, reencode } from './image';
import { sha256Hex } from './store-evidence';
import { assertEnrolmentImageAllowed } from '../tenancy/capture-mode';

export const descriptorSchema = z.array(z.number().refine(Number.isFinite, 'finite')).length(DESCRIPTOR_LENGTH);

export interface FaceUpload {
  tenantId: string;
  userId: string;
  clientId: string;
  source: CaptureSource;
  bytes: Uint8Array;
  /** The agent sends what its own model computed; a console upload has it computed here, from the photo. */
  descriptor: { from: 'client'; values: number[] } | { from: 'server'; describe: FaceDescriber };
}

function encodeDescriptor(values: number[]): Uint8Array {
  const f = new Float32Array(values);
  return new Uint8Array(f.buffer);
}

function checkedDescriptor(values: number[]): number[] {
  const descriptor = descriptorSchema.safeParse(values);
  if (!descriptor.success) throw new AppError('VALIDATION', `A face descriptor is ${DESCRIPTOR_LENGTH} finite numbers.`, { fieldErrors: { descriptor: ['invalid'] } });
  return descriptor.data;
}

/**
 * Stores an enrolment photo and its face descriptor, both encrypted with the tenant's data key.
 * A descriptor computed here runs after the cheap checks (image, user, client id) and outside any
 * transaction; a photo it refuses stores nothing.
 */
export async function storeFaceImage(deps: EvidenceDeps, u: FaceUpload): Promise<{ faceImageId: string; duplicate: boolean }> {
  const img = await decodeImage(u.bytes, CAMERA_MAX);
  // A bad descriptor from the agent is refused before the database is touched.
  if (u.descriptor.from === 'client') checkedDescriptor(u.descriptor.values);

  const prep = await uploadDbGate.run(() => withTenant(deps.db, u.tenantId, async (tx) => {
    const existing = await tx.faceImage.findUnique({ where: { tenantId_clientId: { tenantId: u.tenantId, clientId: u.clientId } }, select: { id: true, userId: true } });
    if (existing) {
      if (existing.userId !== u.userId) throw new AppError('CONFLICT', 'That client id belongs to another upload.', { reason: 'CLIENT_ID_TAKEN' });
      return { kind: 'duplicate', id: existing.id } as const;
    }
    const user = await tx.user.findFirst({ where: { tenantId: u.tenantId, id: u.userId, disabledAt: null }, select: { id: true } });
    if (!user) throw new AppError('NOT_FOUND', 'No such user.');
    // Verdict-only: no photo of the worker is stored, from the agent or from the console.
    await assertEnrolmentImageAllowed(tx, { tenantId: u.tenantId, userId: u.userId });
    return { kind: 'new', key: await currentDataKey(tx, deps.keyring, u.tenantId) } as const;
  }));
  if (prep.kind === 'duplicate') return { faceImageId: prep.id, duplicate: true };
  const descriptor = checkedDescriptor(u.descriptor.from === 'client' ? u.descriptor.values : await u.descriptor.describe(img));

  // Re-encoded, never the uploaded bytes: no trailing data, metadata or comments are stored.
  const stored = await reencode(img);
  const blobKey = `${u.tenantId}/faces/${u.userId}/${randomUUID()}.bin`;
  await deps.store.put(blobKey, seal(prep.key.key, stored, blobAad(u.tenantId, blobKey)));
  try {
    const row = await uploadDbGate.run(() => withTenant(deps.db, u.tenantId, async (tx) => {
      const again = await tx.faceImage.findUnique({ where: { tenantId_clientId: { tenantId: u.tenantId, clientId: u.clientId } }, select: { id: true } });
      if (again) return { id: again.id, duplicate: true };
      const created = await tx.faceImage.create({
        data: {
          tenantId: u.tenantId, userId: u.userId, clientId: u.clientId, source: u.source, blobKey, sha256: sha256Hex(stored), byteSize: stored.length,
          width: img.width, height: img.height, keyVersion: prep.key.version, descriptorModel: DESCRIPTOR_MODEL_VERSION,
          descriptorEncrypted: Buffer.from(seal(prep.key.key, encodeDescriptor(descriptor), descriptorAad(u.tenantId, blobKey))),
        },
        select: { id: true },
      });
      return { id: created.id, duplicate: false };
    }));
    if (row.duplicate) await deps.store.delete(blobKey);
    return { faceImageId: row.id, duplicate: row.duplicate };
  } catch (error) {
    await deps.store.delete(blobKey).catch(() => undefined);
    throw error;
  }
}

interface SealedDescriptor {
  id: string;
  blobKey: string | null;
  keyVersion: number;
  descriptorEncrypted: Uint8Array;
}

/**
 * What a descriptor's encryption is bound to: its photo's blob key, or, for a descriptor-only
 * enrolment (no photo), the row's own id, so a sealed descriptor cannot be moved to another row.
 */
export const descriptorLabel = (row: { id: string; blobKey: string | null }) => row.blobKey ?? `descriptor-only/${row.id}`;

/** Opens a stored descriptor with the data key version it was sealed with. */
async function openDescriptor(tx: Tx, keyring: MasterKeyring, tenantId: string, row: SealedDescriptor): Promise<number[]> {
  const key = await dataKeyVersion(tx, keyring, tenantId, row.keyVersion);
  const plain = open(key.key, row.descriptorEncrypted, descriptorAad(tenantId, descriptorLabel(row)));
  return Array.from(new Float32Array(plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength)));
}

/** The decrypted descriptor of one face image (for the agent's matcher). */
export async function readFaceDescriptor(deps: EvidenceDeps, tenantId: string, faceImageId: string): Promise<number[]> {
  return withTenant(deps.db, tenantId, async (tx) => {
    const row = await tx.faceImage.findFirst({ where: { tenantId, id: faceImageId }, select: { id: true, blobKey: true, keyVersion: true, descriptorEncrypted: true } });
    if (!row) throw new AppError('NOT_FOUND', 'No such face image.');
    return openDescriptor(tx, deps.keyring, tenantId, row);
  });
}

/**
 * A worker's own enrolled descriptors, from the agent or added by an administrator in the console,
 * oldest first: the agent's matcher compares each camera frame against all of them. A row that cannot
 * be opened is counted, not returned: one damaged row must not switch the worker's face checks off.
 * The keyring is read only when there is something to open (a worker not yet enrolled needs no key).
 */
export async function listOwnFaceDescriptors(tx: Tx, keyring: () => MasterKeyring, { tenantId, userId }: { tenantId: string; userId: string }) {
  // Only descriptors of the current model: another model's numbers mean nothing to this matcher.
  // Those rows wait for the re-embedding job (face-reembed.ts) and are counted meanwhile.
  const otherModel = await tx.faceImage.count({ where: { tenantId, userId, descriptorModel: { not: DESCRIPTOR_MODEL_VERSION } } });
  const rows = await tx.faceImage.findMany({
    where: { tenantId, userId, descriptorModel: DESCRIPTOR_MODEL_VERSION },
    orderBy: { createdAt: 'asc' },
    select: { id: true, source: true, createdAt: true, blobKey: true, keyVersion: true, descriptorEncrypted: true },
  });
  const ring = rows.length > 0 ? keyring() : null;
  const faces = [];
  let unreadable = 0;
  for (const row of rows) {
    if (!ring) break;
    const descriptor = await openDescriptor(tx, ring, tenantId, row).then(
      (values) => descriptorSchema.safeParse(values).data,
      () => undefined,
    );
    if (descriptor) faces.push({ faceImageId: row.id, source: row.source, createdAt: row.createdAt, descriptor });
    else unreadable++;
  }
  return { model: DESCRIPTOR_MODEL_VERSION, faces, unreadable, otherModel };
}
