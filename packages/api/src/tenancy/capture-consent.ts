import type { Tx } from '@telework/db';
import { z } from 'zod';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import { clientInstant } from '../validation/bounds';
import { effectiveCaptureMode } from './capture-mode';
import { asksConsentAgain, captureTermsOf, sameTerms, type CaptureTerms } from './capture-terms';

/** Canonical terms as the agent sends them (a setting that takes nothing under the mode is null). */
export const captureTermsSchema = z
  .object({
    captureMode: z.enum(['INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY']),
    captureIntervalMin: z.number().int().min(1).max(1440).nullable(),
    screenshotMode: z.enum(['FULL', 'REDUCED', 'REDACTED']).nullable(),
    retentionDays: z.number().int().min(1).max(3650),
  })
  .strict()
  .refine((t) => (t.captureMode === 'INTERVAL_AND_INCIDENT') === (t.captureIntervalMin !== null), { path: ['captureIntervalMin'], message: 'Only interval capture has an interval.' })
  .refine((t) => (t.captureMode === 'VERDICT_ONLY') === (t.screenshotMode === null), { path: ['screenshotMode'], message: 'Verdict-only takes no screenshots.' });

export const consentInput = z.strictObject({
  clientEventId: z.uuid(),
  terms: captureTermsSchema,
  // The queued event carries the time as an ISO string, like punches and incidents.
  occurredAt: clientInstant,
});

/** The terms in force for one worker: the tenant's settings under the worker's effective mode. */
export async function currentCaptureTerms(db: Tx, { tenantId, userId }: { tenantId: string; userId: string }): Promise<CaptureTerms> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { captureIntervalMin: true, screenshotMode: true, retentionDays: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such organisation.');
  const { mode } = await effectiveCaptureMode(db, { tenantId, userId });
  return captureTermsOf({ ...tenant, captureMode: mode });
}

function storedTerms(value: unknown): CaptureTerms | null {
  const parsed = captureTermsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The server's consent record of one worker against the terms in force: `asks` when the worker must
 * agree again (never agreed, or the terms now capture more), `reduced` when the terms capture less
 * than those agreed to and have not been read yet. The same rule as the agent's (capture-terms.ts).
 */
export async function captureConsentState(db: Tx, { tenantId, userId }: { tenantId: string; userId: string }) {
  const user = await db.user.findFirst({ where: { tenantId, id: userId }, select: { captureConsentTerms: true, captureConsentAt: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  const terms = await currentCaptureTerms(db, { tenantId, userId });
  const consented = storedTerms(user.captureConsentTerms);
  const asks = asksConsentAgain(consented, terms);
  return { terms, consentedTerms: consented, consentedAt: user.captureConsentAt, asks, reduced: !asks && consented !== null && !sameTerms(consented, terms) };
}

/**
 * Records the terms the device's worker agreed to (or, when capture was reduced, read) in the agent.
 * The terms are those the worker saw, even if the administrator has changed them since (an agent
 * offline for a while): the record says what was agreed to, and `asks` compares it with what is in
 * force. A resend of the same event (client id) records nothing twice.
 */
export async function recordCaptureConsent(
  db: Tx,
  { tenantId, userId, deviceId, input, ip }: { tenantId: string; userId: string; deviceId: string; input: z.infer<typeof consentInput>; ip: string | null },
) {
  const seen = await db.auditLog.findFirst({ where: { tenantId, action: 'capture.consent.recorded', actorId: userId, targetId: userId, details: { path: ['clientEventId'], equals: input.clientEventId } }, select: { id: true } });
  if (!seen) {
    const before = await captureConsentState(db, { tenantId, userId });
    await db.user.updateMany({ where: { tenantId, id: userId }, data: { captureConsentTerms: input.terms, captureConsentAt: input.occurredAt } });
    await recordTenantAudit(db, tenantId, {
      actorKind: 'USER', actorId: userId, action: 'capture.consent.recorded', targetType: 'User', targetId: userId,
      // `asked`: a consent to terms that capture more than before; otherwise the reading of reduced terms.
      details: { clientEventId: input.clientEventId, deviceId, terms: input.terms, asked: asksConsentAgain(before.consentedTerms, input.terms) },
      ip,
    });
  }
  return captureConsentState(db, { tenantId, userId });
}
