import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { getMasterKeyring } from '../../crypto';
import { apiEnv } from '../../env';
import { notMultipart, refuseDeclaredSize, tooLarge, uploadForm } from '../../evidence/upload-form';
import { isBodyTooLarge } from '../../http/body-limit';
import { getBlobStore } from '../../storage';
import { agentUploadProcedure } from '../../trpc';

/**
 * The agent's evidence stills, screenshots and enrolment stills, as multipart FormData (tRPC sends a
 * FormData input as it is, without the transformer; mutations only). One procedure for both kinds:
 * the form's `kind` field already discriminates the shared field schema, the same form /api/upload
 * takes, so a procedure per kind would only restate it and have to check that the two agree.
 */
export const agentUploadsRouter = {
  image: agentUploadProcedure
    .use(async ({ ctx, getRawInput, next }) => {
      // tRPC reads the body only when the input is asked for: after the device check, and after a
      // declared oversize has been refused unread.
      refuseDeclaredSize(ctx.meta.contentLength, apiEnv.UPLOAD_MAX_BYTES);
      // A body that is not multipart, or cannot be parsed, gets the refusal /api/upload gives.
      // A body cut off at the byte limit (http/body-limit.ts: chunked or lying about its length) is too large.
      const raw = await getRawInput().catch((error: unknown) => {
        throw isBodyTooLarge(error) ? tooLarge(apiEnv.UPLOAD_MAX_BYTES) : notMultipart('The multipart body cannot be read.');
      });
      if (!(raw instanceof FormData)) throw notMultipart();
      return next();
    })
    .input(z.instanceof(FormData))
    .mutation(({ ctx, input }) =>
      uploadForm(
        { db: ctx.db, store: getBlobStore(), keyring: getMasterKeyring() },
        { kind: 'device', tenantId: ctx.tenantId, userId: ctx.user.id, deviceId: ctx.deviceId },
        input,
        { maxBytes: apiEnv.UPLOAD_MAX_BYTES, ip: ctx.meta.ip },
      ),
    ),
} satisfies TRPCRouterRecord;
