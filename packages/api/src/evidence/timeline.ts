import type { Tx } from '@telework/db';
import { assertUserVisible, type Viewer } from '../people/scope';
import { evidenceImageUrl } from './incidents';

/** The most a timeline returns per kind: a few days of one worker's events fit well below it. */
const LIMIT = { sessions: 200, tasks: 1000, presence: 2000, incidents: 1000, evidence: 2000 };

/**
 * A worker's timeline over [from, to): work sessions, task punches (start and end of each task),
 * presence changes (在席/離席), incidents and captured images. Workers get their own only; managers and admins a user in their scope (NOT_FOUND
 * otherwise, so others' existence is not revealed).
 */
export async function timeline(db: Tx, tenantId: string, viewer: Viewer, input: { userId?: string; from: Date; to: Date }) {
  const userId = input.userId ?? viewer.id;
  await assertUserVisible(db, tenantId, viewer, userId);
  const range = { gte: input.from, lt: input.to };
  const [user, sessions, tasks, presence, incidents, evidence] = await Promise.all([
    db.user.findFirstOrThrow({ where: { tenantId, id: userId }, select: { id: true, name: true, loginId: true } }),
    // Sessions overlapping the range: started before its end and not ended before its start.
    db.workSession.findMany({
      where: { tenantId, userId, startedAt: { lt: input.to }, OR: [{ endedAt: null }, { endedAt: { gte: input.from } }] },
      orderBy: { startedAt: 'asc' }, take: LIMIT.sessions,
      select: { id: true, startedAt: true, endedAt: true, endReason: true, flaggedForgotten: true },
    }),
    db.taskSession.findMany({
      where: { tenantId, userId, startedAt: { lt: input.to }, OR: [{ endedAt: null }, { endedAt: { gte: input.from } }] },
      orderBy: { startedAt: 'asc' }, take: LIMIT.tasks,
      select: { id: true, startedAt: true, endedAt: true, task: { select: { code: true, name: true } } },
    }),
    db.presenceEvent.findMany({ where: { tenantId, userId, occurredAt: range }, orderBy: { occurredAt: 'asc' }, take: LIMIT.presence, select: { id: true, state: true, similarity: true, occurredAt: true } }),
    db.incident.findMany({ where: { tenantId, userId, occurredAt: range }, orderBy: { occurredAt: 'asc' }, take: LIMIT.incidents, select: { id: true, kind: true, status: true, verdict: true, occurredAt: true, faceCount: true, similarity: true, captureMode: true } }),
    db.evidence.findMany({ where: { tenantId, userId, capturedAt: range }, orderBy: { capturedAt: 'asc' }, take: LIMIT.evidence, select: { id: true, kind: true, trigger: true, incidentId: true, capturedAt: true, width: true, height: true } }),
  ]);
  return { userId, user, sessions, tasks, presence, incidents, evidence: evidence.map((e) => ({ ...e, imageUrl: evidenceImageUrl(e.id) })) };
}
