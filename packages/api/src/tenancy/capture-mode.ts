import { z } from 'zod';
import type { CaptureMode, EvidenceTrigger, Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';

/** From most to least captured; the index is how little leaves the PC. */
export const CAPTURE_MODES = ['INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY'] as const satisfies readonly CaptureMode[];
export const captureModeSchema = z.enum(CAPTURE_MODES);

/** Whether an image taken for this trigger may leave the worker's PC under the mode. */
export function allowsImage(mode: CaptureMode, trigger: EvidenceTrigger): boolean {
  if (mode === 'VERDICT_ONLY') return false;
  if (mode === 'INCIDENT_ONLY') return trigger === 'INCIDENT';
  return true;
}

/** The mode that captures least of several (a worker in two groups with different overrides). */
export function leastCapturing(modes: CaptureMode[]): CaptureMode | null {
  let out: CaptureMode | null = null;
  for (const m of modes) if (out === null || CAPTURE_MODES.indexOf(m) > CAPTURE_MODES.indexOf(out)) out = m;
  return out;
}

export interface EffectiveCaptureMode {
  mode: CaptureMode;
  /** Where it comes from: the tenant's setting, or a group override (the group that set it). */
  source: { kind: 'TENANT' } | { kind: 'GROUP'; groupId: string };
}

/**
 * The capture mode in force for one worker: a group override wins over the tenant's mode. A group
 * without its own override inherits its nearest ancestor's. A worker in several groups gets the
 * override that captures least, so that no group's promise of fewer pictures is broken by another.
 */
export async function effectiveCaptureMode(db: Tx, { tenantId, userId }: { tenantId: string; userId: string }): Promise<EffectiveCaptureMode> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { captureMode: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such organisation.');
  const memberships = await db.groupMembership.findMany({ where: { tenantId, userId, kind: 'MEMBER' }, select: { groupId: true } });
  if (memberships.length === 0) return { mode: tenant.captureMode, source: { kind: 'TENANT' } };
  const groups = await db.group.findMany({ where: { tenantId }, select: { id: true, parentId: true, captureMode: true } });
  const byId = new Map(groups.map((g) => [g.id, g]));
  let best: { mode: CaptureMode; groupId: string } | null = null;
  for (const { groupId } of memberships) {
    const seen = new Set<string>();
    for (let at = byId.get(groupId); at && !seen.has(at.id); at = at.parentId ? byId.get(at.parentId) : undefined) {
      seen.add(at.id);
      if (at.captureMode) {
        if (!best || leastCapturing([best.mode, at.captureMode]) !== best.mode) best = { mode: at.captureMode, groupId: at.id };
        break;
      }
    }
  }
  return best ? { mode: best.mode, source: { kind: 'GROUP', groupId: best.groupId } } : { mode: tenant.captureMode, source: { kind: 'TENANT' } };
}

/** Refuses an evidence image the worker's mode forbids (typed 412, reason CAPTURE_MODE_FORBIDS). */
export async function assertImageAllowed(db: Tx, { tenantId, userId, trigger }: { tenantId: string; userId: string; trigger: EvidenceTrigger }): Promise<void> {
  const { mode } = await effectiveCaptureMode(db, { tenantId, userId });
  if (!allowsImage(mode, trigger)) {
    throw new AppError('RULE_VIOLATION', `This organisation's capture mode (${mode}) does not allow ${trigger.toLowerCase()} images.`, { reason: 'CAPTURE_MODE_FORBIDS', captureMode: mode });
  }
}

/**
 * Refuses an enrolment photo of a worker whose mode is verdict-only (typed 412, reason
 * CAPTURE_MODE_FORBIDS): the agent enrols such a worker with descriptors only (agent.faces.enrol),
 * and an administrator's photo would be the one image of the worker the organisation promised not to keep.
 */
export async function assertEnrolmentImageAllowed(db: Tx, { tenantId, userId }: { tenantId: string; userId: string }): Promise<void> {
  const { mode } = await effectiveCaptureMode(db, { tenantId, userId });
  if (mode === 'VERDICT_ONLY') {
    throw new AppError('RULE_VIOLATION', `This organisation's capture mode (${mode}) keeps no face photos; enrol with descriptors only.`, {
      reason: 'CAPTURE_MODE_FORBIDS', captureMode: mode, enrolment: 'DESCRIPTOR_ONLY',
    });
  }
}

/** The tenant's mode and every group's override, for the settings screen. */
export async function getCaptureModes(db: Tx, { tenantId }: { tenantId: string }) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { captureMode: true } });
  if (!tenant) throw new AppError('NOT_FOUND', 'No such organisation.');
  const groups = await db.group.findMany({ where: { tenantId }, select: { id: true, name: true, parentId: true, captureMode: true }, orderBy: { name: 'asc' } });
  return { captureMode: tenant.captureMode, groups };
}

type Actor = { id: string; ip: string | null };

export async function setTenantCaptureMode(db: Tx, { tenantId, actor, captureMode }: { tenantId: string; actor: Actor; captureMode: CaptureMode }) {
  const before = await db.tenant.findUnique({ where: { id: tenantId }, select: { captureMode: true } });
  if (!before) throw new AppError('NOT_FOUND', 'No such organisation.');
  if (before.captureMode === captureMode) return { changed: false };
  await db.tenant.update({ where: { id: tenantId }, data: { captureMode }, select: { id: true } });
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER', actorId: actor.id, action: 'tenant.capture_mode.updated', targetType: 'Tenant', targetId: tenantId,
    details: { from: before.captureMode, to: captureMode }, ip: actor.ip,
  });
  return { changed: true };
}

/** Sets or clears (null: the tenant's mode applies) a group's override. */
export async function setGroupCaptureMode(db: Tx, { tenantId, actor, groupId, captureMode }: { tenantId: string; actor: Actor; groupId: string; captureMode: CaptureMode | null }) {
  const before = await db.group.findFirst({ where: { tenantId, id: groupId }, select: { captureMode: true } });
  if (!before) throw new AppError('NOT_FOUND', 'No such group.');
  if (before.captureMode === captureMode) return { changed: false };
  await db.group.updateMany({ where: { tenantId, id: groupId }, data: { captureMode } });
  await recordTenantAudit(db, tenantId, {
    actorKind: 'USER', actorId: actor.id, action: 'group.capture_mode.updated', targetType: 'Group', targetId: groupId,
    details: { from: before.captureMode, to: captureMode }, ip: actor.ip,
  });
  return { changed: true };
}
