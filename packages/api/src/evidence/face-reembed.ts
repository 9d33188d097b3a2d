import { withTenant, type Tx } from '@telework/db';
import { DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { open, seal } from '../crypto/aead';
import { dataKeyVersion } from '../crypto/data-keys';
import { AppError } from '../errors/app-error';
import { CAMERA_MAX, blobAad, descriptorAad, type EvidenceDeps } from './deps';
import type { FaceDescriber } from './face-enrolment';
import { descriptorSchema } from './face-images';
import { decodeImage } from './image';

/** Images handled per tenant and run: each costs a face analysis (~50–150 ms of CPU). */
const BATCH = 200;

export type ReembedFailure = 'IMAGE_MISSING' | 'IMAGE_UNREADABLE' | string;

function failureOf(error: unknown): ReembedFailure {
  if (error instanceof AppError) {
    const reason = error.details?.reason;
    return typeof reason === 'string' ? reason : error.code;
  }
  return 'IMAGE_UNREADABLE';
}

/**
 * Re-computes, from the stored encrypted enrolment photos, the descriptors of another face model
 * (issue 14: faceres → dlib). A photo that gives no descriptor keeps its row and image (nothing
 * enrolled is lost) and gets a `descriptorError`; its worker is listed by facesToReenrol. The
 * descriptor is sealed with the data key version the row already uses, so keys stay consistent.
 */
export async function reembedFaceDescriptors(deps: EvidenceDeps, tenantId: string, describe: FaceDescriber): Promise<{ reembedded: number; failed: number }> {
  const rows = await withTenant(deps.db, tenantId, (tx) =>
    tx.faceImage.findMany({
      // Descriptor-only enrolments (verdict-only mode) have no photo to compute from: never picked here.
      where: { tenantId, descriptorModel: { not: DESCRIPTOR_MODEL_VERSION }, descriptorError: null, blobKey: { not: null } },
      orderBy: { createdAt: 'asc' },
      take: BATCH,
      select: { id: true, blobKey: true, keyVersion: true },
    }),
  );
  let reembedded = 0;
  let failed = 0;
  for (const { blobKey, ...rest } of rows) {
    if (blobKey === null) continue;
    const row = { ...rest, blobKey };
    const key = await withTenant(deps.db, tenantId, (tx) => dataKeyVersion(tx, deps.keyring, tenantId, row.keyVersion));
    let outcome: { descriptor: number[] } | { error: ReembedFailure };
    const sealed = await deps.store.get(row.blobKey);
    if (sealed === null) outcome = { error: 'IMAGE_MISSING' };
    else {
      try {
        const bytes = open(key.key, sealed, blobAad(tenantId, row.blobKey));
        const values = await describe(await decodeImage(bytes, CAMERA_MAX));
        const parsed = descriptorSchema.safeParse(values);
        outcome = parsed.success ? { descriptor: parsed.data } : { error: 'FACE_UNCLEAR' };
      } catch (error) {
        outcome = { error: failureOf(error) };
      }
    }
    await withTenant(deps.db, tenantId, (tx) =>
      tx.faceImage.update({
        where: { tenantId_id: { tenantId, id: row.id } },
        data:
          'descriptor' in outcome
            ? {
                descriptorModel: DESCRIPTOR_MODEL_VERSION,
                descriptorError: null,
                descriptorEncrypted: Buffer.from(seal(key.key, new Uint8Array(new Float32Array(outcome.descriptor).buffer), descriptorAad(tenantId, row.blobKey))),
              }
            : { descriptorError: outcome.error },
        select: { id: true },
      }),
    );
    if ('descriptor' in outcome) reembedded++;
    else failed++;
  }
  return { reembedded, failed };
}

/**
 * The reason of a stale descriptor-only enrolment (verdict-only mode): there is no photo, so the job
 * can never re-compute it, and the worker must enrol again with the agent's current model.
 */
export const DESCRIPTOR_ONLY_REASON = 'DESCRIPTOR_ONLY';

/**
 * Workers with enrolment photos whose descriptor is not of the current model: waiting for the job
 * (`reason` null) or refused by it (`reason` set), or descriptor-only enrolments (`reason`
 * DESCRIPTOR_ONLY, `hasImage` false) that no job can re-compute. Until they have at least one current
 * photo the agent treats them as not enrolled, so the administrator re-enrols those listed with a reason
 * (face-reenrol.ts: ask them by mail, remove the old photos). `hasEmail` says whether they can be
 * asked by mail, `lastRequestedAt` when they last were.
 */
export async function facesToReenrol(tx: Tx, { tenantId }: { tenantId: string }) {
  const rows = await tx.faceImage.findMany({
    where: { tenantId, descriptorModel: { not: DESCRIPTOR_MODEL_VERSION } },
    orderBy: [{ userId: 'asc' }, { createdAt: 'asc' }],
    select: { id: true, userId: true, blobKey: true, descriptorModel: true, descriptorError: true, createdAt: true, user: { select: { name: true, loginId: true, email: true } } },
  });
  const userIds = [...new Set(rows.map((r) => r.userId))];
  const current = await tx.faceImage.groupBy({ by: ['userId'], where: { tenantId, userId: { in: userIds }, descriptorModel: DESCRIPTOR_MODEL_VERSION }, _count: { _all: true } });
  const currentOf = new Map(current.map((c) => [c.userId, c._count._all]));
  const requests = await tx.auditLog.groupBy({ by: ['targetId'], where: { tenantId, action: 'face.reenrol_requested', targetId: { in: userIds } }, _max: { createdAt: true } });
  const requestedOf = new Map(requests.map((r) => [r.targetId, r._max.createdAt]));
  const users = new Map<
    string,
    {
      userId: string; name: string; loginId: string; hasEmail: boolean; currentPhotos: number; lastRequestedAt: Date | null;
      photos: { faceImageId: string; model: string; reason: string | null; hasImage: boolean; createdAt: Date }[];
    }
  >();
  for (const r of rows) {
    const u = users.get(r.userId) ?? {
      userId: r.userId,
      name: r.user.name,
      loginId: r.user.loginId,
      hasEmail: Boolean(r.user.email),
      currentPhotos: currentOf.get(r.userId) ?? 0,
      lastRequestedAt: requestedOf.get(r.userId) ?? null,
      photos: [],
    };
    const hasImage = r.blobKey !== null;
    u.photos.push({ faceImageId: r.id, model: r.descriptorModel, reason: hasImage ? r.descriptorError : DESCRIPTOR_ONLY_REASON, hasImage, createdAt: r.createdAt });
    users.set(r.userId, u);
  }
  return [...users.values()];
}
