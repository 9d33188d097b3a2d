import type { Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import type { BlobStore } from '../storage/blob-store';
import { faceImageUrl } from './incidents';

export async function listFaceImages(db: Tx, tenantId: string, userId: string) {
  if (!(await db.user.findFirst({ where: { tenantId, id: userId }, select: { id: true } }))) throw new AppError('NOT_FOUND', 'No such user.');
  const rows = await db.faceImage.findMany({ where: { tenantId, userId }, orderBy: { createdAt: 'asc' }, select: { id: true, source: true, width: true, height: true, createdAt: true } });
  // A descriptor-only enrolment (verdict-only mode) has no photo: no link, and the screen says why.
  return rows.map((r) => ({ ...r, imageUrl: r.width === null ? null : faceImageUrl(r.id) }));
}

/** Deletes the row in the transaction; the blob after it (a leftover blob is unreadable garbage, a dangling row is not). */
export async function deleteFaceImage(db: Tx, store: BlobStore, tenantId: string, input: { faceImageId: string; actorId: string; ip: string | null }) {
  const row = await db.faceImage.findFirst({ where: { tenantId, id: input.faceImageId }, select: { id: true, userId: true, blobKey: true } });
  if (!row) throw new AppError('NOT_FOUND', 'No such face image.');
  await db.faceImage.delete({ where: { tenantId_id: { tenantId, id: row.id } } });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: input.actorId, action: 'face.delete', targetType: 'FaceImage', targetId: row.id, details: { userId: row.userId }, ip: input.ip });
  if (row.blobKey !== null) await store.delete(row.blobKey);
  return { deleted: true };
}
