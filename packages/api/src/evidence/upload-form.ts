import { z } from 'zod';
import { withinClientSkew } from '../validation/bounds';
import { assertStorableText } from '../validation/input-guard';
import { withTenant } from '@telework/db';
import { AppError } from '../errors/app-error';
import type { EvidenceDeps } from './deps';
import { describeEnrolmentFace, type FaceDescriber } from './face-enrolment';
import { storeFaceImage, type FaceUpload } from './face-images';
import { ImageRejected } from './image';
import { storeEvidence } from './store-evidence';

// One upload form for both entry points: POST /api/upload (the console's file upload) and the
// agent's tRPC mutation `agent.uploads.image`. Each authenticates and reads the body its own way,
// then hands the parsed form here.

const evidenceFields = z.object({
  kind: z.literal('evidence'),
  evidenceKind: z.enum(['CAMERA', 'SCREEN']),
  clientId: z.uuid(),
  trigger: z.enum(['INCIDENT', 'INTERVAL']),
  incidentClientEventId: z.uuid().optional(),
  capturedAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).refine((d) => withinClientSkew(d), 'The time is too far from the server clock.'),
});

const faceFields = z.object({
  kind: z.literal('face'),
  clientId: z.uuid(),
  userId: z.uuid().optional(),
  // JSON array of 128 numbers (packages/face DESCRIPTOR_LENGTH), as computed by the agent's face model (console uploads: computed here).
  descriptor: z.string().max(64_000).optional().transform((s, ctx) => {
    if (s === undefined) return undefined;
    try {
      return z.array(z.number()).parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a JSON array of numbers' });
      return z.NEVER;
    }
  }),
});

const fields = z.discriminatedUnion('kind', [evidenceFields, faceFields]);

/** The caller, as the upload may be made: a device (its own user) or an admin's console session. */
export type Uploader = { kind: 'device'; tenantId: string; userId: string; deviceId: string } | { kind: 'admin'; tenantId: string; userId: string };

export interface UploadFormOptions {
  maxBytes: number;
  /** Tests analyse console photos with a stub; the server uses the real face models. */
  describeFace?: FaceDescriber;
  /** For the audit log of an administrator's enrolment. */
  ip: string | null;
}

export type UploadResult = { kind: 'evidence'; evidenceId: string; duplicate: boolean } | { kind: 'face'; faceImageId: string; duplicate: boolean };

/** Multipart overhead allowed on top of the image for the text fields and part headers. */
export const FORM_OVERHEAD_BYTES = 200_000;

/** The most bytes an upload request body may have: read up to there and no further (http/body-limit.ts). */
export const uploadBodyMax = (maxBytes: number) => maxBytes + FORM_OVERHEAD_BYTES;

export const tooLarge = (maxBytes: number) => new AppError('VALIDATION', `The upload is larger than ${maxBytes} bytes.`, { reason: 'TOO_LARGE' });

/** Refuses a body whose declared length is too large, before anything reads it. */
export function refuseDeclaredSize(contentLength: string | null, maxBytes: number): void {
  const declared = Number(contentLength ?? '0');
  if (declared > uploadBodyMax(maxBytes)) throw tooLarge(maxBytes);
}

export const notMultipart = (message = 'Send multipart/form-data.') => new AppError('VALIDATION', message, { reason: 'NOT_MULTIPART' });

async function readImage(form: FormData, max: number): Promise<Uint8Array> {
  const file = form.get('image');
  if (!(file instanceof Blob)) throw new AppError('VALIDATION', 'The image file is missing.', { fieldErrors: { image: ['required'] } });
  if (file.size > max) throw new AppError('VALIDATION', `The image is larger than ${max} bytes.`, { reason: 'TOO_LARGE', fieldErrors: { image: ['too large'] } });
  if (file.size === 0) throw new AppError('VALIDATION', 'The image is empty.', { reason: 'NOT_AN_IMAGE', fieldErrors: { image: ['empty'] } });
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * Checks and stores one uploaded form: evidence (fields kind=evidence, evidenceKind, clientId, trigger,
 * incidentClientEventId?, capturedAt, file `image`) or a face image (kind=face, clientId, userId?
 * (admins), descriptor JSON (agents; the server computes it for admins), file `image`). Every refusal
 * is an AppError and stores nothing; the client id makes a resend store nothing twice.
 */
export async function uploadForm(deps: EvidenceDeps, uploader: Uploader, form: FormData, opts: UploadFormOptions): Promise<UploadResult> {
  try {
    return await store(deps, uploader, form, opts);
  } catch (error) {
    // The image checks speak of images only; to the caller they are one more invalid field.
    if (error instanceof ImageRejected) throw new AppError('VALIDATION', error.message, { reason: error.reason });
    throw error;
  }
}

async function store(deps: EvidenceDeps, uploader: Uploader, form: FormData, opts: UploadFormOptions): Promise<UploadResult> {
  // NUL bytes, lone surrogates and oversized text in any text part: the guard every tRPC input gets.
  assertStorableText(form);
  const text: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string') text[k] = v;
  const parsed = fields.safeParse(text);
  if (!parsed.success) throw new AppError('VALIDATION', 'Some fields are missing or invalid.', { fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> });
  const bytes = await readImage(form, opts.maxBytes);
  const f = parsed.data;

  if (f.kind === 'evidence') {
    if (uploader.kind !== 'device') throw new AppError('FORBIDDEN', 'Evidence comes from the agent only.');
    const r = await storeEvidence(deps, {
      tenantId: uploader.tenantId, userId: uploader.userId, deviceId: uploader.deviceId, clientId: f.clientId, kind: f.evidenceKind,
      trigger: f.trigger, incidentClientEventId: f.incidentClientEventId ?? null, capturedAt: f.capturedAt, bytes,
    });
    return { kind: 'evidence', evidenceId: r.evidenceId, duplicate: r.duplicate };
  }
  // An agent enrols its own user only; an admin names any user of his tenant (checked in the tenant's scope).
  const userId = uploader.kind === 'device' ? uploader.userId : f.userId;
  if (!userId) throw new AppError('VALIDATION', 'Name the user.', { fieldErrors: { userId: ['required'] } });
  if (uploader.kind === 'device' && f.userId && f.userId !== uploader.userId) throw new AppError('FORBIDDEN', 'A device enrols its own user only.');
  // The agent's own model computed its descriptor; an administrator's photo is analysed here, and a
  // descriptor sent with it is ignored: only what the server saw in the photo is enrolled.
  let descriptor: FaceUpload['descriptor'];
  if (uploader.kind === 'admin') descriptor = { from: 'server', describe: opts.describeFace ?? describeEnrolmentFace };
  else if (f.descriptor) descriptor = { from: 'client', values: f.descriptor };
  else throw new AppError('VALIDATION', 'The agent sends the face descriptor with the photo.', { fieldErrors: { descriptor: ['required'] } });
  const r = await storeFaceImage(deps, { tenantId: uploader.tenantId, userId, clientId: f.clientId, source: uploader.kind === 'device' ? 'AGENT' : 'CONSOLE', bytes, descriptor });
  if (!r.duplicate && uploader.kind === 'admin') {
    await withTenant(deps.db, uploader.tenantId, (tx) =>
      tx.auditLog.create({ data: { tenantId: uploader.tenantId, actorKind: 'USER', actorId: uploader.userId, action: 'face.add', targetType: 'FaceImage', targetId: r.faceImageId, details: { userId }, ip: opts.ip } }),
    );
  }
  return { kind: 'face', faceImageId: r.faceImageId, duplicate: r.duplicate };
}
