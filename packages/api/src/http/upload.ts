import { withTenant, type Db } from '@telework/db';
import { createContext } from '../context';
import { safeEqual } from '../auth/tokens';
import { getMasterKeyring } from '../crypto';
import { apiEnv } from '../env';
import { AppError } from '../errors/app-error';
import { passwordChangeRequired } from '../auth/issued-password';
import type { EvidenceDeps } from '../evidence/deps';
import type { FaceDescriber } from '../evidence/face-enrolment';
import { notMultipart, refuseDeclaredSize, tooLarge, uploadBodyMax, uploadForm, type Uploader } from '../evidence/upload-form';
import { isBodyTooLarge, withBodyLimit } from './body-limit';
import { getBlobStore } from '../storage';
import { clientIp } from './client-ip';
import { getServerDb } from './db';
import { errorResponse } from './upload-errors';

function defaultDeps(): EvidenceDeps {
  return { db: getServerDb(), store: getBlobStore(), keyring: getMasterKeyring() };
}

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
    const user = await tx.user.findFirst({ where: { tenantId: p.tenantId, id: p.userId }, select: { role: true, disabledAt: true, mustChangePassword: true } });
    if (!user || user.disabledAt) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    if (user.mustChangePassword) throw passwordChangeRequired();
    if (p.kind === 'device') return { kind: 'device', tenantId: p.tenantId, userId: p.userId, deviceId: p.deviceId } as const;
    if (user.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only administrators add face images in the console.');
    return { kind: 'admin', tenantId: p.tenantId, userId: p.userId } as const;
  });
}

/**
 * POST /api/upload (multipart/form-data, the form of evidence/upload-form.ts): the console's face
 * upload from a file, authenticated by an admin's session + CSRF header; device tokens are accepted
 * too, though the agent now uploads through its tRPC mutation `agent.uploads.image`. Every refusal is
 * a typed JSON error and stores nothing.
 */
export async function handleUpload(req: Request, deps: EvidenceDeps = defaultDeps(), opts: { maxBytes?: number; describeFace?: FaceDescriber } = {}): Promise<Response> {
  const maxBytes = opts.maxBytes ?? apiEnv.UPLOAD_MAX_BYTES;
  try {
    if (req.method !== 'POST') return Response.json({ error: 'METHOD_NOT_ALLOWED' }, { status: 405, headers: { Allow: 'POST' } });
    const uploader = await authenticate(deps.db, req);
    // Refuse an oversized body before reading it.
    refuseDeclaredSize(req.headers.get('content-length'), maxBytes);
    if (!(req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) throw notMultipart();
    // Read through a hard byte limit: a chunked body without Content-Length is cut off there too.
    const form = await withBodyLimit(req, uploadBodyMax(maxBytes)).formData().catch((error: unknown) => {
      throw isBodyTooLarge(error) ? tooLarge(maxBytes) : notMultipart('The multipart body cannot be read.');
    });
    const result = await uploadForm(deps, uploader, form, { maxBytes, describeFace: opts.describeFace, ip: clientIp(req.headers) });
    return Response.json({ ok: true, ...result }, { status: result.duplicate ? 200 : 201, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
}
