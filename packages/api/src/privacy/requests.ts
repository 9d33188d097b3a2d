import { applyScope, withScope, withTenant, type Db, type Prisma, type Tx } from '@telework/db';
import { z } from 'zod';
import { assertKeepsAnActiveAdmin } from '../people/act-on-user';
import { AppError } from '../errors/app-error';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import { currentDataKey, dataKeyVersion, open, seal, type MasterKeyring } from '../crypto';
import type { BlobStore } from '../storage/blob-store';
import { collectSubjectData, renderSubjectExport } from './subject-export';
import { buildDisclosure, renderDisclosureHtml } from './disclosure';
import { decryptBlob } from '../evidence/read-image';
import { jstFileStamp } from '../calendar/jst';
import { removeEvidence } from '../evidence/chain-head';
import type { AuditAction } from '../audit/actions';

// 第26条2項: an administrator asks to see (DISCLOSE), correct (CORRECT) or delete (DELETE) a person's
// data; operators accept or reject the request; disclosure and deletion then run in the tenant's own
// scope (a job), since operators cannot and must not read the tenant's monitoring data.

export type RequestKind = 'DISCLOSE' | 'CORRECT' | 'DELETE';
/** html: the readable report; json: the same content for machines (docs/schemas/personal-data-disclosure.schema.json); csv: the tables as stored. */
export type ExportFormat = 'html' | 'json' | 'csv';

/** The fields of a person's record a correction may change: the ones we hold about them (第26条2項). */
export const correctionSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    department: z.string().trim().max(100).nullable().optional(),
    // An empty department or e-mail asks for it to be removed.
    email: z.union([z.email().max(254), z.literal('')]).nullable().optional(),
  })
  .strict();
export type Correction = z.infer<typeof correctionSchema>;

/** The correction with empty department/e-mail meaning "remove it", and nothing left out that was asked for. */
function normaliseCorrection(c: Correction | null | undefined): Correction | null {
  if (!c) return null;
  const out: Correction = {};
  if (c.name !== undefined) out.name = c.name;
  if (c.department !== undefined) out.department = c.department || null;
  if (c.email !== undefined) out.email = c.email || null;
  return Object.keys(out).length > 0 ? out : null;
}

const requestSelect = {
  id: true,
  tenantId: true,
  requestedById: true,
  subjectUserId: true,
  subjectDescription: true,
  kind: true,
  details: true,
  correction: true,
  status: true,
  handledByOperatorId: true,
  exportBlobKey: true,
  completedAt: true,
  createdAt: true,
} satisfies Prisma.PersonalDataRequestSelect;

/** db: tenant scope. Only registered administrators may ask (第4条2項). */
export async function submitPersonalDataRequest(
  db: Tx,
  args: { tenantId: string; userId: string; ip: string | null; input: { kind: RequestKind; subjectUserId: string; details?: string | null; format?: ExportFormat; correction?: Correction | null } },
) {
  const requester = await db.user.findUnique({ where: { tenantId_id: { tenantId: args.tenantId, id: args.userId } }, select: { isRegisteredAdministrator: true } });
  if (!requester?.isRegisteredAdministrator) throw new AppError('FORBIDDEN', 'Only registered administrators can make this request.', { reason: 'NOT_REGISTERED_ADMINISTRATOR' });
  const subject = await db.user.findUnique({ where: { tenantId_id: { tenantId: args.tenantId, id: args.input.subjectUserId } }, select: { id: true, name: true, loginId: true, role: true, disabledAt: true } });
  if (!subject) throw new AppError('NOT_FOUND', 'User not found.');
  // Erasure deletes the user: not the organisation's last active administrator (another is appointed first).
  if (args.input.kind === 'DELETE') await assertKeepsAnActiveAdmin(db, args.tenantId, 'delete', subject);
  const format = args.input.format ?? 'json';
  const correction = args.input.kind === 'CORRECT' ? normaliseCorrection(args.input.correction) : null;
  if (args.input.kind === 'CORRECT' && !correction && !args.input.details) {
    throw new AppError('VALIDATION', 'Say what is to be corrected.', { fieldErrors: { correction: ['required'] } });
  }
  const request = await db.personalDataRequest.create({
    data: {
      tenantId: args.tenantId,
      requestedById: args.userId,
      subjectUserId: subject.id,
      subjectDescription: `${subject.name} (${subject.loginId})`,
      kind: args.input.kind,
      // The export format rides in details' first line for DISCLOSE; the rest is the administrator's text.
      details: args.input.kind === 'DISCLOSE' ? `format:${format}\n${args.input.details ?? ''}` : (args.input.details ?? null),
      ...(correction ? { correction } : {}),
    },
    select: requestSelect,
  });
  await recordTenantAudit(db, args.tenantId, { actorKind: 'USER', actorId: args.userId, action: 'personal-data.request', targetType: 'PersonalDataRequest', targetId: request.id, details: { kind: request.kind }, ip: args.ip });
  return request;
}

export function listRequests(db: Tx, args: { tenantId?: string }) {
  return db.personalDataRequest.findMany({ where: args.tenantId ? { tenantId: args.tenantId } : {}, orderBy: { createdAt: 'desc' }, take: 500, select: requestSelect });
}

/**
 * Applies a CORRECT request's new values to the person's record (db: the operator's transaction).
 * Operators may not write users (RLS), and must not read the tenant's other data: the transaction
 * narrows to the tenant for exactly this write and its audit entry, then returns to the operator scope.
 * Returns the names of the fields changed.
 */
async function applyCorrection(db: Tx, args: { operatorId: string; ip: string | null; request: { id: string; tenantId: string; subjectUserId: string | null; correction: Prisma.JsonValue } }) {
  const parsed = correctionSchema.safeParse(args.request.correction ?? undefined);
  const correction = parsed.success ? normaliseCorrection(parsed.data) : null;
  if (!correction) return [];
  const { tenantId, subjectUserId } = args.request;
  if (!subjectUserId) throw new AppError('NOT_FOUND', 'The person of this request no longer exists.', { reason: 'SUBJECT_GONE' });
  await applyScope(db, { tenantId });
  const subject = await db.user.findUnique({ where: { tenantId_id: { tenantId, id: subjectUserId } }, select: { loginId: true, name: true } });
  if (!subject) throw new AppError('NOT_FOUND', 'The person of this request no longer exists.', { reason: 'SUBJECT_GONE' });
  await db.user.update({ where: { tenantId_id: { tenantId, id: subjectUserId } }, data: correction });
  const fields = Object.keys(correction);
  // The tenant's administrators see in their own log that the provider changed this person's record.
  await recordTenantAudit(db, tenantId, { actorKind: 'OPERATOR', actorId: args.operatorId, action: 'personal-data.corrected', targetType: 'User', targetId: subjectUserId, details: { requestId: args.request.id, fields }, ip: args.ip });
  await db.personalDataRequest.update({
    where: { tenantId_id: { tenantId, id: args.request.id } },
    data: { subjectDescription: `${correction.name ?? subject.name} (${subject.loginId})` },
  });
  await applyScope(db, { operator: true });
  return fields;
}

/**
 * db: operator scope. ACCEPT starts the work (IN_PROGRESS), REJECT ends it; a CORRECT request is then
 * completed by the operator, which applies its requested values to the person's record.
 */
const DECISION_ACTION = { ACCEPT: 'personal-data.accept', REJECT: 'personal-data.reject', COMPLETE: 'personal-data.complete' } as const satisfies Record<string, AuditAction>;

export async function decidePersonalDataRequest(
  db: Tx,
  args: { operatorId: string; ip: string | null; now: Date; tenantId: string; requestId: string; decision: 'ACCEPT' | 'REJECT' | 'COMPLETE'; note?: string | null },
) {
  const request = await db.personalDataRequest.findFirst({ where: { tenantId: args.tenantId, id: args.requestId }, select: requestSelect });
  if (!request) throw new AppError('NOT_FOUND', 'Request not found.');
  const next = (() => {
    if (args.decision === 'ACCEPT' && request.status === 'RECEIVED') return { status: 'IN_PROGRESS' as const };
    if (args.decision === 'REJECT' && request.status === 'RECEIVED') return { status: 'REJECTED' as const, completedAt: args.now };
    // Completing a correction applies its requested values (below); one asked in words only is made by the administrator and confirmed here.
    if (args.decision === 'COMPLETE' && request.status === 'IN_PROGRESS' && request.kind === 'CORRECT') return { status: 'COMPLETED' as const, completedAt: args.now };
    throw new AppError('RULE_VIOLATION', `Cannot ${args.decision.toLowerCase()} a ${request.kind} request that is ${request.status}.`, { reason: 'REQUEST_STATE' });
  })();
  const corrected = args.decision === 'COMPLETE' ? await applyCorrection(db, { operatorId: args.operatorId, ip: args.ip, request }) : [];
  const updated = await db.personalDataRequest.update({
    where: { tenantId_id: { tenantId: args.tenantId, id: request.id } },
    data: { ...next, handledByOperatorId: args.operatorId },
    select: requestSelect,
  });
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR',
    actorId: args.operatorId,
    tenantId: args.tenantId,
    action: DECISION_ACTION[args.decision],
    targetType: 'PersonalDataRequest',
    targetId: request.id,
    details: { kind: request.kind, note: args.note ?? null, ...(corrected.length > 0 ? { corrected } : {}) },
    ip: args.ip,
  });
  return { ...updated, corrected };
}

const exportAad = (tenantId: string, key: string) => `personal-data-export:${tenantId}:${key}`;

/**
 * Runs accepted DISCLOSE and DELETE requests (db: application role). The export is sealed with the
 * tenant's data key (its version is part of the blob key) and kept for the administrator to download.
 * Deletion removes the user row (everything keyed to the user cascades), then the user's image blobs;
 * the request and the audit entry keep only the fact, not who it was.
 */
export async function processAcceptedRequests(db: Db, deps: { store: BlobStore; keyring: MasterKeyring; now: Date }): Promise<{ disclosed: number; deleted: number }> {
  const pending = await withScope(db, { operator: true }, (tx) =>
    tx.personalDataRequest.findMany({ where: { status: 'IN_PROGRESS', kind: { in: ['DISCLOSE', 'DELETE'] } }, select: requestSelect }),
  );
  const out = { disclosed: 0, deleted: 0 };
  for (const r of pending) {
    if (r.kind === 'DISCLOSE') {
      await withTenant(db, r.tenantId, async (tx) => {
        const format = r.details?.startsWith('format:csv') ? 'csv' : r.details?.startsWith('format:html') ? 'html' : 'json';
        const readImage = async (row: { blobKey: string; keyVersion: number }) => {
          try {
            return (await decryptBlob(tx, deps.store, deps.keyring, r.tenantId, row)).bytes;
          } catch {
            return null; // listed without a thumbnail; the report says so
          }
        };
        const body = !r.subjectUserId
          ? null
          : format === 'csv'
            ? await collectSubjectData(tx, r.tenantId, r.subjectUserId).then((d) => (d ? renderSubjectExport(d, 'csv') : null))
            : await buildDisclosure(tx, { tenantId: r.tenantId, userId: r.subjectUserId, now: deps.now, ...(format === 'html' ? { readImage } : {}) }).then((d) =>
                !d ? null : format === 'html' ? renderDisclosureHtml(d) : JSON.stringify(d, null, 2),
              );
        if (body === null) {
          await tx.personalDataRequest.update({ where: { tenantId_id: { tenantId: r.tenantId, id: r.id } }, data: { status: 'REJECTED', completedAt: deps.now } });
          return;
        }
        const key = await currentDataKey(tx, deps.keyring, r.tenantId);
        const blobKey = `exports/${r.tenantId}/${r.id}.v${key.version}.${format}`;
        await deps.store.put(blobKey, seal(key.key, new TextEncoder().encode(body), exportAad(r.tenantId, blobKey)));
        await tx.personalDataRequest.update({ where: { tenantId_id: { tenantId: r.tenantId, id: r.id } }, data: { status: 'COMPLETED', exportBlobKey: blobKey, completedAt: deps.now } });
        await recordTenantAudit(tx, r.tenantId, { actorKind: 'SYSTEM', actorId: null, action: 'personal-data.disclosed', targetType: 'PersonalDataRequest', targetId: r.id });
      });
      out.disclosed += 1;
    } else {
      const blobKeys = await withTenant(db, r.tenantId, async (tx) => {
        if (!r.subjectUserId) return [];
        // Checked again when it runs: since the request, the other administrators may have gone. Refused,
        // the request ends REJECTED and nothing is deleted; the administrators appoint another and ask again.
        const subject = await tx.user.findUnique({ where: { tenantId_id: { tenantId: r.tenantId, id: r.subjectUserId } }, select: { id: true, role: true, disabledAt: true } });
        if (subject) {
          try {
            await assertKeepsAnActiveAdmin(tx, r.tenantId, 'delete', subject);
          } catch (error) {
            if (!(error instanceof AppError) || error.details.reason !== 'LAST_ADMIN') throw error;
            await tx.personalDataRequest.update({ where: { tenantId_id: { tenantId: r.tenantId, id: r.id } }, data: { status: 'REJECTED', completedAt: deps.now } });
            return null;
          }
        }
        const where = { tenantId: r.tenantId, userId: r.subjectUserId };
        const keys = [...(await tx.faceImage.findMany({ where, select: { blobKey: true } })), ...(await tx.evidence.findMany({ where, select: { blobKey: true } }))].flatMap((x) => (x.blobKey === null ? [] : [x.blobKey]));
        await removeEvidence(tx, deps.keyring, r.tenantId, { userId: r.subjectUserId }, 'ERASURE_REQUEST', deps.now);
        await tx.user.deleteMany({ where: { tenantId: r.tenantId, id: r.subjectUserId } });
        await tx.personalDataRequest.update({
          where: { tenantId_id: { tenantId: r.tenantId, id: r.id } },
          data: { status: 'COMPLETED', completedAt: deps.now, subjectUserId: null, subjectDescription: '(deleted)', details: null },
        });
        await recordTenantAudit(tx, r.tenantId, { actorKind: 'SYSTEM', actorId: null, action: 'personal-data.deleted', targetType: 'PersonalDataRequest', targetId: r.id, details: { blobs: keys.length } });
        return keys;
      });
      if (blobKeys === null) continue;
      // After the commit: a crash here leaves only unreadable ciphertext whose rows are gone; retention of the store is the backstop.
      for (const k of blobKeys) await deps.store.delete(k);
      out.deleted += 1;
    }
  }
  return out;
}

/** db: tenant scope. The administrator downloads a finished disclosure. */
export async function downloadExport(db: Tx, args: { tenantId: string; requestId: string; deps: () => { store: BlobStore; keyring: MasterKeyring } }) {
  const r = await db.personalDataRequest.findFirst({ where: { tenantId: args.tenantId, id: args.requestId }, select: { exportBlobKey: true, status: true, completedAt: true } });
  if (!r) throw new AppError('NOT_FOUND', 'Request not found.');
  if (!r.exportBlobKey) throw new AppError('RULE_VIOLATION', 'The export is not ready yet.', { reason: 'EXPORT_NOT_READY' });
  const { store, keyring } = args.deps();
  const version = Number(/\.v(\d+)\.(json|csv|html)$/.exec(r.exportBlobKey)?.[1]);
  const sealed = await store.get(r.exportBlobKey);
  if (!sealed || !Number.isInteger(version)) throw new AppError('NOT_FOUND', 'The export is no longer stored.', { reason: 'BLOB_MISSING' });
  const key = await dataKeyVersion(db, keyring, args.tenantId, version);
  const body = new TextDecoder().decode(open(key.key, sealed, exportAad(args.tenantId, r.exportBlobKey)));
  const ext = (/\.(json|csv|html)$/.exec(r.exportBlobKey)?.[1] ?? 'json') as ExportFormat;
  const contentType = { html: 'text/html; charset=utf-8', csv: 'text/csv; charset=utf-8', json: 'application/json' }[ext];
  // Named by the JST time of the disclosure, not by internal ids.
  return { filename: `personal-data-${jstFileStamp(r.completedAt ?? new Date())}.${ext}`, contentType, body };
}
