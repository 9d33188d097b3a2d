import { captureConsentState } from '../tenancy/capture-consent';
import type { IncidentKind, PresenceState, Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { queueIncidentAlerts } from '../incident-alerts/alerts';
import { effectiveCaptureMode } from '../tenancy/capture-mode';
import { liveContact, liveIncident, livePresence } from './live-state';
import { checkPunchTime } from './punch-rules';

interface DeviceCaller {
  tenantId: string;
  userId: string;
  deviceId: string;
}

async function openSession(db: Tx, tenantId: string, userId: string) {
  return db.workSession.findUnique({
    where: { tenantId_openForUserId: { tenantId, openForUserId: userId } },
    select: { id: true },
  });
}

function assertPlausible(occurredAt: Date, now: Date) {
  const problem = checkPunchTime(occurredAt, now);
  if (problem) throw new AppError('RULE_VIOLATION', 'The event time is not plausible.', { reason: problem });
}

/** A presence change (在席/離席) seen by the agent's camera. Idempotent by client event id. */
export async function recordPresence(
  db: Tx,
  caller: DeviceCaller,
  input: { clientEventId: string; state: PresenceState; similarity?: number | null; occurredAt: Date },
  now = new Date(),
) {
  const existing = await db.presenceEvent.findUnique({ where: { tenantId_clientEventId: { tenantId: caller.tenantId, clientEventId: input.clientEventId } }, select: { id: true } });
  if (existing) return { eventId: existing.id, duplicate: true };
  assertPlausible(input.occurredAt, now);
  const session = await openSession(db, caller.tenantId, caller.userId);
  await livePresence(db, { tenantId: caller.tenantId, userId: caller.userId, state: input.state, at: input.occurredAt });
  const created = await db.presenceEvent.create({
    data: {
      tenantId: caller.tenantId, userId: caller.userId, deviceId: caller.deviceId, workSessionId: session?.id ?? null,
      clientEventId: input.clientEventId, state: input.state, similarity: input.similarity ?? null, occurredAt: input.occurredAt, receivedAt: now,
    },
    select: { id: true },
  });
  return { eventId: created.id, duplicate: false };
}

/** An incident (のぞき込み / なりすまし / spoof). Idempotent by client event id; evidence follows by upload. */
export async function recordIncident(
  db: Tx,
  caller: DeviceCaller,
  input: { clientEventId: string; kind: IncidentKind; faceCount: number; similarity?: number | null; occurredAt: Date },
  now = new Date(),
) {
  const existing = await db.incident.findUnique({ where: { tenantId_clientEventId: { tenantId: caller.tenantId, clientEventId: input.clientEventId } }, select: { id: true } });
  if (existing) return { incidentId: existing.id, duplicate: true };
  assertPlausible(input.occurredAt, now);
  const session = await openSession(db, caller.tenantId, caller.userId);
  await liveIncident(db, { tenantId: caller.tenantId, userId: caller.userId, kind: input.kind, at: input.occurredAt }, now);
  // Kept with the incident: in verdict-only mode the console says no image exists by the tenant's choice.
  const { mode } = await effectiveCaptureMode(db, { tenantId: caller.tenantId, userId: caller.userId });
  const created = await db.incident.create({
    data: {
      tenantId: caller.tenantId, userId: caller.userId, deviceId: caller.deviceId, workSessionId: session?.id ?? null,
      clientEventId: input.clientEventId, kind: input.kind, faceCount: input.faceCount, similarity: input.similarity ?? null, occurredAt: input.occurredAt, receivedAt: now,
      captureMode: mode,
    },
    select: { id: true },
  });
  // In the same transaction: the alert rows exist exactly when the incident does.
  await queueIncidentAlerts(db, { tenantId: caller.tenantId, incidentId: created.id, workerId: caller.userId });
  return { incidentId: created.id, duplicate: false };
}

/** The agent's periodic contact: keeps "last contact" on the board current. */
export async function recordHeartbeat(db: Tx, caller: DeviceCaller, meta: { ip: string | null; agentVersion?: string; cameraLabel?: string | null }, now = new Date()) {
  await db.agentDevice.updateMany({
    where: { tenantId: caller.tenantId, id: caller.deviceId },
    data: { lastSeenAt: now, lastIp: meta.ip, ...(meta.agentVersion ? { agentVersion: meta.agentVersion } : {}), ...(meta.cameraLabel !== undefined ? { cameraLabel: meta.cameraLabel } : {}) },
  });
  await liveContact(db, { tenantId: caller.tenantId, userId: caller.userId, at: now });
  const tenant = await db.tenant.findUniqueOrThrow({
    where: { id: caller.tenantId },
    select: {
      thresholdLevel: true, detectionIntervalSec: true, awayAfterChecks: true, impersonationAfterChecks: true, captureIntervalMin: true, autoPunchFromPresence: true,
      screenshotMode: true, redactionAreas: true, retentionDays: true,
    },
  });
  const device = await db.agentDevice.findFirst({ where: { tenantId: caller.tenantId, id: caller.deviceId }, select: { thresholdLevel: true } });
  // The worker's own mode (group override > tenant): the agent enforces it and shows it on its consent screen.
  const { mode } = await effectiveCaptureMode(db, { tenantId: caller.tenantId, userId: caller.userId });
  // The device's own threshold level (set by an admin for that PC) overrides the tenant's.
  const settings = { ...tenant, captureMode: mode, thresholdLevel: device?.thresholdLevel ?? tenant.thresholdLevel };
  // The server's consent record against these terms (the same rule the agent applies, capture-terms.ts).
  const { asks, reduced } = await captureConsentState(db, { tenantId: caller.tenantId, userId: caller.userId });
  return { settings, consent: { asks, reduced }, serverTime: now };
}
