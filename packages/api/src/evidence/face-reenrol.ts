import type { Tx } from '@telework/db';
import { DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import { trySend, type Mailer } from '../mail/mailer';
import type { BlobStore } from '../storage/blob-store';

// What an administrator does about a worker listed by facesToReenrol (face-reembed.ts): ask the
// worker to enrol again in the agent, and remove the photos the current face model cannot use.

interface Actor {
  actorId: string;
  ip: string | null;
}

async function userOf(db: Tx, tenantId: string, userId: string) {
  const user = await db.user.findFirst({ where: { tenantId, id: userId }, select: { id: true, name: true, loginId: true, email: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  return user;
}

/** Photos of the worker whose descriptor is not of the current model (waiting for the job, or refused by it). */
function stalePhotos(db: Tx, tenantId: string, userId: string) {
  return db.faceImage.findMany({ where: { tenantId, userId, descriptorModel: { not: DESCRIPTOR_MODEL_VERSION } }, select: { id: true, blobKey: true, descriptorModel: true, descriptorError: true } });
}

/**
 * Mails the worker (Japanese and English) to enrol their face again in the agent. Only for a worker
 * listed for re-enrolment and with an address; `sent` is false when the mail server refused it.
 */
export async function requestReenrolment(db: Tx, mailer: Mailer, { tenantId, userId, actorId, ip }: { tenantId: string; userId: string } & Actor) {
  const user = await userOf(db, tenantId, userId);
  if ((await stalePhotos(db, tenantId, userId)).length === 0) throw new AppError('RULE_VIOLATION', 'This user has no face image to re-enrol.', { reason: 'NOTHING_TO_REENROL' });
  if (!user.email) throw new AppError('RULE_VIOLATION', 'This user has no e-mail address.', { reason: 'NO_EMAIL' });
  const sent = await trySend(mailer, {
    to: user.email,
    subject: '【Telework Supporter】顔の再登録のお願い / Please enrol your face again',
    text: [
      `${user.name} さん`,
      '',
      '顔認証の方式を更新したため、登録済みの顔画像の一部が使えなくなりました。',
      'テレワークサポーター（エージェント）の「カメラ」タブで「顔を登録」を押し、顔を登録し直してください。',
      '登録し直すまで、在席確認であなたの顔を本人と判定できません。',
      '',
      `Dear ${user.name},`,
      '',
      'The face recognition model was updated and some of your enrolled face photos can no longer be used.',
      'Please open the Telework Supporter agent, go to the Camera tab and press "Enrol face" to enrol again.',
      'Until you do, the presence checks cannot recognise you.',
    ].join('\n'),
  });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId, action: 'face.reenrol_requested', targetType: 'User', targetId: userId, details: { sent }, ip });
  return { sent };
}

/**
 * Deletes the worker's photos of another face model (all of them: those the job could not
 * re-describe and those still waiting), so that the worker counts as not enrolled until a new
 * enrolment; photos of the current model are kept. Rows go in the transaction, blobs after them
 * (as deleteFaceImage: a leftover blob is unreadable garbage, a dangling row is not).
 */
export async function resetStaleEnrolment(db: Tx, store: BlobStore, { tenantId, userId, actorId, ip }: { tenantId: string; userId: string } & Actor) {
  await userOf(db, tenantId, userId);
  const stale = await stalePhotos(db, tenantId, userId);
  if (stale.length === 0) throw new AppError('RULE_VIOLATION', 'This user has no face image to re-enrol.', { reason: 'NOTHING_TO_REENROL' });
  await db.faceImage.deleteMany({ where: { tenantId, userId, id: { in: stale.map((s) => s.id) } } });
  const remaining = await db.faceImage.count({ where: { tenantId, userId, descriptorModel: DESCRIPTOR_MODEL_VERSION } });
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER',
    actorId,
    action: 'face.enrolment_reset',
    targetType: 'User',
    targetId: userId,
    details: { deleted: stale.length, reasons: stale.map((s) => (s.blobKey === null ? 'DESCRIPTOR_ONLY' : (s.descriptorError ?? 'WAITING'))), currentPhotos: remaining },
    ip,
  });
  // Descriptor-only enrolments (verdict-only mode) have no stored photo to delete.
  for (const s of stale) if (s.blobKey !== null) await store.delete(s.blobKey);
  return { deleted: stale.length, currentPhotos: remaining };
}
