import { z } from 'zod';
import { withTenant } from '@telework/db';
import { createContext } from '../context';
import { getMasterKeyring } from '../crypto';
import { AppError } from '../errors/app-error';
import { passwordChangeRequired } from '../auth/issued-password';
import type { EvidenceDeps } from '../evidence/deps';
import { decryptBlob } from '../evidence/read-image';
import { assertUserVisible } from '../people/scope';
import { getBlobStore } from '../storage';
import { clientIp } from './client-ip';
import { getServerDb } from './db';
import { errorResponse } from './upload-errors';

const uuid = z.uuid();

/**
 * GET /api/images/<evidenceId> and /api/images/face/<faceImageId>: decrypts on the fly for a signed-in
 * member of the tenant allowed to see it (evidence: the worker himself, his managers, admins; face
 * images: admins). Never cached. Operators, reseller staff and devices are refused: only a tenant
 * user's session opens the tenant's scope, and provider sessions have none.
 */
export async function handleImage(req: Request, deps: EvidenceDeps = { db: getServerDb(), store: getBlobStore(), keyring: getMasterKeyring() }): Promise<Response> {
  try {
    const parts = new URL(req.url).pathname.split('/').filter(Boolean);
    const id = parts[parts.length - 1] ?? '';
    const isFace = parts[parts.length - 2] === 'face';
    if (!uuid.safeParse(id).success) throw new AppError('NOT_FOUND', 'No such image.');
    const ctx = await createContext({ db: deps.db, app: 'console', headers: req.headers, resHeaders: new Headers(), ip: clientIp(req.headers) });
    const p = ctx.principal;
    if (!p) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    if (p.kind !== 'user') throw new AppError('FORBIDDEN', 'Images are shown to members of the organisation only.');
    const image = await withTenant(deps.db, p.tenantId, async (tx) => {
      const tenant = await tx.tenant.findUnique({ where: { id: p.tenantId }, select: { status: true } });
      const viewer = await tx.user.findFirst({ where: { tenantId: p.tenantId, id: p.userId }, select: { id: true, role: true, disabledAt: true, mustChangePassword: true } });
      if (!tenant || !viewer || viewer.disabledAt) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
      if (viewer.mustChangePassword) throw passwordChangeRequired();
      if (tenant.status !== 'ACTIVE') throw new AppError('CONTRACT_INACTIVE', 'The contract for this organisation is not active.');
      if (isFace) {
        if (viewer.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Face images are for administrators.');
        const row = await tx.faceImage.findFirst({ where: { tenantId: p.tenantId, id }, select: { blobKey: true, keyVersion: true } });
        // A descriptor-only enrolment (verdict-only mode) has no image at all.
        if (!row?.blobKey) throw new AppError('NOT_FOUND', 'No such image.');
        return decryptBlob(tx, deps.store, deps.keyring, p.tenantId, { blobKey: row.blobKey, keyVersion: row.keyVersion });
      }
      const row = await tx.evidence.findFirst({ where: { tenantId: p.tenantId, id }, select: { userId: true, blobKey: true, keyVersion: true } });
      if (!row) throw new AppError('NOT_FOUND', 'No such image.');
      await assertUserVisible(tx, p.tenantId, viewer, row.userId).catch(() => {
        throw new AppError('NOT_FOUND', 'No such image.');
      });
      return decryptBlob(tx, deps.store, deps.keyring, p.tenantId, row);
    });
    return new Response(Buffer.from(image.bytes), {
      headers: {
        'Content-Type': image.contentType,
        'Cache-Control': 'no-store, private',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return errorResponse(error);
    throw error;
  }
}
