import { z } from 'zod';
import { tenantSettingsSelect, type Prisma, type Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';

/**
 * Areas of the screen hidden in screenshot evidence, as fractions of the screen (0–1) so they fit any
 * resolution. The agent blackens them before upload and the server again before storing.
 */
export const redactionAreasSchema = z
  .array(
    z
      .strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), width: z.number().gt(0).max(1), height: z.number().gt(0).max(1) })
      .refine((a) => a.x + a.width <= 1.000001 && a.y + a.height <= 1.000001, { message: 'outside the screen' }),
  )
  .max(32);
export type RedactionArea = z.infer<typeof redactionAreasSchema>[number];

/**
 * 仕様書「アプリケーション動作設定」: what an administrator may set for the organisation's agents and
 * records. Bounds keep the agent light (checks no more often than every 5 s) and the evidence within
 * the service's sizing (150 images per worker per 8 hours) and its 3-month retention.
 */
export const tenantSettingsInput = z
  .strictObject({
    thresholdLevel: z.number().int().min(1).max(5),
    detectionIntervalSec: z.number().int().min(5).max(300),
    awayAfterChecks: z.number().int().min(1).max(30),
    impersonationAfterChecks: z.number().int().min(1).max(30),
    captureIntervalMin: z.number().int().min(1).max(60),
    autoPunchFromPresence: z.boolean(),
    screenshotMode: z.enum(['FULL', 'REDUCED', 'REDACTED']),
    redactionAreas: redactionAreasSchema,
    forgottenEndRule: z.enum(['AT_SCHEDULED_END', 'AFTER_HOURS', 'AT_JST_MIDNIGHT']),
    forgottenEndAfterHours: z.number().int().min(1).max(24),
    retentionDays: z.number().int().min(7).max(90),
  })
  .refine((s) => s.screenshotMode !== 'REDACTED' || s.redactionAreas.length > 0, { path: ['redactionAreas'], message: 'at least one area' });
export type TenantSettingsInput = z.infer<typeof tenantSettingsInput>;

/** The settings form's current values; stored redaction areas that no longer parse come back empty. */
export async function getEditableSettings(db: Tx, { tenantId }: { tenantId: string }) {
  const t = await db.tenant.findUnique({ where: { id: tenantId }, select: tenantSettingsSelect });
  if (!t) throw new AppError('NOT_FOUND', 'No such organisation.');
  const areas = redactionAreasSchema.safeParse(t.redactionAreas ?? []);
  return { ...t, redactionAreas: areas.success ? areas.data : [] };
}

/** Saves the whole settings form; the audit log keeps which values changed, from what to what. */
export async function updateTenantSettings(db: Tx, { tenantId, actor, input }: { tenantId: string; actor: { id: string; ip: string | null }; input: TenantSettingsInput }) {
  const before = await getEditableSettings(db, { tenantId });
  const changes: Record<string, { from: Prisma.InputJsonValue; to: Prisma.InputJsonValue }> = {};
  for (const key of Object.keys(input) as (keyof TenantSettingsInput)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(input[key])) changes[key] = { from: before[key], to: input[key] };
  }
  if (Object.keys(changes).length === 0) return { changed: [] as string[] };
  await db.tenant.update({ where: { id: tenantId }, data: input, select: { id: true } });
  await recordTenantAudit(db, tenantId, { actorKind: 'USER', actorId: actor.id, action: 'tenant.settings.updated', targetType: 'Tenant', targetId: tenantId, details: changes, ip: actor.ip });
  return { changed: Object.keys(changes) };
}
