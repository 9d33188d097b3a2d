import { z } from 'zod';
import { withTenant, type Db } from '@telework/db';
import { createContext } from '../context';
import { safeEqual } from '../auth/tokens';
import { getMasterKeyring } from '../crypto';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';
import type { EvidenceDeps } from '../evidence/deps';
import { describeEnrolmentFace, type FaceDescriber } from '../evidence/face-enrolment';
import { storeFaceImage, type FaceUpload } from '../evidence/face-images';
import { ImageRejected } from '../evidence/image';
import { storeEvidence } from '../evidence/store-evidence';
import { getBlobStore } from '../storage';
import { clientIp } from './client-ip';
import { getServerDb } from './db';
import { errorResponse } from './upload-errors';

const evidenceFields = z.object({
  kind: z.literal('evidence'),
  evidenceKind: z.enum(['CAMERA', 'SCREEN']),
  clientId: z.uuid(),
  trigger: z.enum(['INCIDENT', 'INTERVAL']),
  incidentClientEventId: z.uuid().optional(),
  capturedAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
});

const faceFields = z.object({
  kind: z.literal('face'),
  clientId: z.uuid(),
  userId: z.uuid().optional(),
  // JSON array of 1024 numbers, as computed by the agent's face model (console uploads: computed here).
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

function defaultDeps(): EvidenceDeps {
  return { db: getServerDb(), store: getBlobStore(), keyring: getMasterKeyring() };
}

/** The caller, as the upload may be made: a device (its own user) or an admin's console session. */
type Uploader = { kind: 'device'; tenantId: string; userId: string; deviceId: string } | { kind: 'admin'; tenantId: string; userId: string };

async function authenticate(db: Db, req: Request): Promise<Uploader> {
  const ctx = await createContext({ db, app: 'console', headers: req.headers, resHeaders: new Headers(), ip: clientIp(req.headers) });
  const p = ctx.principal;
  if (!p) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  if (p.kind !== 'device' && p.kind !== 'user') throw new AppError('FORBIDDEN', 'Only an organisation’s devices and administrators upload images.');
  if (p.kind === 'user') {
    const header = ctx.csrf.header;
    if (!header || !safeEqual(header, p.csrfToken)) throw new AppError('CSRF', 'Missing or invalid CSRF token.');
  }
  return withTenant(db, p.tenantId, async (tx) => {
    const tenant = await tx.tenant.findUnique({ where: { id: p.tenantId }, select: { status: true } });
    if (!tenant) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    if (tenant.status !== 'ACTIVE') throw new AppError('CONTRACT_INACTIVE', 'The contract for this organisation is not active.');
    const user = await tx.user.findFirst({ where: { tenantId: p.tenantId, id: p.userId }, select: { role: true, disabledAt: true } });
    if (!user || user.disabledAt) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    if (p.kind === 'device') return { kind: 'device', tenantId: p.tenantId, userId: p.userId, deviceId: p.deviceId } as const;
    if (user.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only administrators add face images in the console.');
    return { kind: 'admin', tenantId: p.tenantId, userId: p.userId } as const;
  });
}

async function readImage(form: FormData, max: number): Promise<Uint8Array> {
  const file = form.get('image');
  if (!(file instanceof Blob)) throw new AppError('VALIDATION', 'The image file is missing.', { fieldErrors: { image: ['required'] } });
  if (file.size > max) throw new AppError('VALIDATION', `The image is larger than ${max} bytes.`, { reason: 'TOO_LARGE', fieldErrors: { image: ['too large'] } });
  if (file.size === 0) throw new AppError('VALIDATION', 'The image is empty.', { reason: 'NOT_AN_IMAGE', fieldErrors: { image: ['empty'] } });
  return new Uint8Array(await file.arrayBuffer());
}

/**
 * POST /api/upload (multipart/form-data). Evidence from the agent (fields kind=evidence, evidenceKind,
 * clientId, trigger, incidentClientEventId?, capturedAt, file `image`) or a face image (kind=face,
 * clientId, userId? (admins), descriptor JSON (agents; the server computes it for admins), file `image`). Authenticated by the device token or an
 * admin's session + CSRF header. Every refusal is a typed JSON error and stores nothing.
 */
export async function handleUpload(req: Request, deps: EvidenceDeps = defaultDeps(), opts: { maxBytes?: number; describeFace?: FaceDescriber } = {}): Promise<Response> {
  const maxBytes = opts.maxBytes ?? apiEnv.UPLOAD_MAX_BYTES;
  try {
    if (req.method !== 'POST') return Response.json({ error: 'METHOD_NOT_ALLOWED' }, { status: 405, headers: { Allow: 'POST' } });
    const uploader = await authenticate(deps.db, req);
    // Refuse an oversized body before reading it (multipart overhead allowed for the text fields).
    const declared = Number(req.headers.get('content-length') ?? '0');
    if (declared > maxBytes + 200_000) throw new AppError('VALIDATION', `The upload is larger than ${maxBytes} bytes.`, { reason: 'TOO_LARGE' });
    if (!(req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) throw new AppError('VALIDATION', 'Send multipart/form-data.', { reason: 'NOT_MULTIPART' });
    const form = await req.formData().catch(() => {
      throw new AppError('VALIDATION', 'The multipart body cannot be read.', { reason: 'NOT_MULTIPART' });
    });
    const text: Record<string, string> = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string') text[k] = v;
    const parsed = fields.safeParse(text);
    if (!parsed.success) throw new AppError('VALIDATION', 'Some fields are missing or invalid.', { fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> });
    const bytes = await readImage(form, maxBytes);
    const f = parsed.data;

    if (f.kind === 'evidence') {
      if (uploader.kind !== 'device') throw new AppError('FORBIDDEN', 'Evidence comes from the agent only.');
      const r = await storeEvidence(deps, {
        tenantId: uploader.tenantId, userId: uploader.userId, deviceId: uploader.deviceId, clientId: f.clientId, kind: f.evidenceKind,
        trigger: f.trigger, incidentClientEventId: f.incidentClientEventId ?? null, capturedAt: f.capturedAt, bytes,
      });
      return Response.json({ ok: true, evidenceId: r.evidenceId, duplicate: r.duplicate }, { status: r.duplicate ? 200 : 201, headers: { 'Cache-Control': 'no-store' } });
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
        tx.auditLog.create({ data: { tenantId: uploader.tenantId, actorKind: 'USER', actorId: uploader.userId, action: 'face.add', targetType: 'FaceImage', targetId: r.faceImageId, details: { userId }, ip: clientIp(req.headers) } }),
      );
    }
    return Response.json({ ok: true, faceImageId: r.faceImageId, duplicate: r.duplicate }, { status: r.duplicate ? 200 : 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof ImageRejected) return errorResponse(new AppError('VALIDATION', error.message, { reason: error.reason }));
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
}
