import { randomUUID } from 'node:crypto';
import type { Tx } from '@telework/db';
import { DESCRIPTOR_LENGTH, DESCRIPTOR_MODEL_VERSION, LEGACY_DESCRIPTOR_MODEL_VERSION } from '@telework/face/verdict';
import { z } from 'zod';
import { seal } from '../crypto/aead';
import { currentDataKey } from '../crypto/data-keys';
import type { MasterKeyring } from '../crypto/master-key';
import { AppError } from '../errors/app-error';
import { descriptorAad } from './deps';
import { descriptorLabel } from './face-images';

/**
 * The face models whose descriptors the server knows, with the numbers in one descriptor. An agent
 * older than the current model still enrols (its rows are listed for re-enrolment at once); a
 * model nobody knows is refused, since its numbers could never be compared with anything.
 */
export const KNOWN_DESCRIPTOR_MODELS: Readonly<Record<string, number>> = {
  [DESCRIPTOR_MODEL_VERSION]: DESCRIPTOR_LENGTH,
  [LEGACY_DESCRIPTOR_MODEL_VERSION]: 1024,
};

/** agent.faces.enrol: the descriptors the agent's own model computed, and no photo. */
export const descriptorEnrolmentInput = z.strictObject({
  faces: z
    .array(
      z.strictObject({
        clientId: z.uuid(),
        // Finite and small: superjson carries NaN and ±Infinity, and a huge number becomes Infinity in
        // the stored float32; a face model's components are far inside ±1000.
        descriptor: z.array(z.number().refine(Number.isFinite, 'finite').min(-1000).max(1000)).min(1).max(2048),
      }),
    )
    .min(1)
    .max(5),
  model: z.string().min(1).max(64),
});
export type DescriptorEnrolment = z.infer<typeof descriptorEnrolmentInput>;

/**
 * Stores descriptor-only enrolments of the device's own worker (verdict-only mode: no photo leaves
 * the PC), sealed with the tenant's data key like every descriptor. The model must be known and
 * each descriptor must have its model's length; a refusal stores nothing. The client id makes a
 * resend store nothing twice. Such rows cannot be re-embedded when the model changes: there is no
 * photo to compute from, so facesToReenrol lists them (reason DESCRIPTOR_ONLY) once they are stale.
 */
export async function enrolFaceDescriptors(tx: Tx, keyring: () => MasterKeyring, { tenantId, userId, input }: { tenantId: string; userId: string; input: DescriptorEnrolment }) {
  const length = Object.hasOwn(KNOWN_DESCRIPTOR_MODELS, input.model) ? KNOWN_DESCRIPTOR_MODELS[input.model] : undefined;
  if (length === undefined) {
    throw new AppError('VALIDATION', `The face model ${input.model} is not known to this server.`, { reason: 'UNKNOWN_DESCRIPTOR_MODEL', fieldErrors: { model: ['unknown'] } });
  }
  const wrong = input.faces.findIndex((f) => f.descriptor.length !== length);
  if (wrong >= 0) throw new AppError('VALIDATION', `A ${input.model} face descriptor is ${length} finite numbers.`, { reason: 'DESCRIPTOR_INVALID', fieldErrors: { descriptor: ['invalid'] } });

  const user = await tx.user.findFirst({ where: { tenantId, id: userId, disabledAt: null }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  const key = await currentDataKey(tx, keyring(), tenantId);
  const out: { clientId: string; faceImageId: string; duplicate: boolean }[] = [];
  for (const face of input.faces) {
    const existing = await tx.faceImage.findUnique({ where: { tenantId_clientId: { tenantId, clientId: face.clientId } }, select: { id: true, userId: true } });
    if (existing) {
      if (existing.userId !== userId) throw new AppError('CONFLICT', 'That client id belongs to another upload.', { reason: 'CLIENT_ID_TAKEN' });
      out.push({ clientId: face.clientId, faceImageId: existing.id, duplicate: true });
      continue;
    }
    // The id is chosen here because the sealed descriptor is bound to it (there is no blob key).
    const id = randomUUID();
    const sealed = seal(key.key, new Uint8Array(new Float32Array(face.descriptor).buffer), descriptorAad(tenantId, descriptorLabel({ id, blobKey: null })));
    await tx.faceImage.create({
      data: { id, tenantId, userId, clientId: face.clientId, source: 'AGENT', keyVersion: key.version, descriptorModel: input.model, descriptorEncrypted: Buffer.from(sealed) },
      select: { id: true },
    });
    out.push({ clientId: face.clientId, faceImageId: id, duplicate: false });
  }
  return { faces: out };
}
