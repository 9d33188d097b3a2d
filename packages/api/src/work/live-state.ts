import type { IncidentKind, PresenceState, Tx } from '@telework/db';
import { toJstDate } from '../calendar';

// Keeps each worker's WorkerLiveState row (what the status board shows) in step with punches,
// agent events and contacts. Every function runs inside the caller's tenant-scoped transaction,
// right after the fact it mirrors was stored, so the row can never say more than the history.

interface Worker {
  tenantId: string;
  userId: string;
}

const SESSION_CLEARED = {
  workSessionId: null, workStartedAt: null, currentTaskId: null, currentTaskStartedAt: null,
  lastPresence: null, lastPresenceAt: null, lastIncidentKind: null, lastIncidentAt: null,
} as const;

/** A work session opened: the row mirrors it, with no task, presence or incident yet. */
export async function liveWorkStarted(db: Tx, w: Worker & { workSessionId: string; startedAt: Date }): Promise<void> {
  const session = { ...SESSION_CLEARED, workSessionId: w.workSessionId, workStartedAt: w.startedAt };
  await db.workerLiveState.upsert({
    where: { tenantId_userId: { tenantId: w.tenantId, userId: w.userId } },
    create: { tenantId: w.tenantId, userId: w.userId, ...session },
    update: session,
  });
}

/** The session ended (punch or forgotten-end rule): the worker is off. */
export async function liveWorkEnded(db: Tx, w: Worker & { workSessionId: string }): Promise<void> {
  await db.workerLiveState.updateMany({ where: { tenantId: w.tenantId, userId: w.userId, workSessionId: w.workSessionId }, data: SESSION_CLEARED });
}

/** A task started (or, with `task` null, ended) inside the open session. */
export async function liveTaskChanged(db: Tx, w: Worker & { workSessionId: string; task: { id: string; startedAt: Date } | null }): Promise<void> {
  await db.workerLiveState.updateMany({
    where: { tenantId: w.tenantId, userId: w.userId, workSessionId: w.workSessionId },
    data: { currentTaskId: w.task?.id ?? null, currentTaskStartedAt: w.task?.startedAt ?? null },
  });
}

// Agent events can arrive late (the offline queue): only one that happened inside the open
// session and is newer than what the row holds may replace it.
const newerInOpenSession = (at: Date) => ({ workSessionId: { not: null }, workStartedAt: { lte: at } });

export async function livePresence(db: Tx, w: Worker & { state: PresenceState; at: Date }): Promise<void> {
  await db.workerLiveState.updateMany({
    where: { tenantId: w.tenantId, userId: w.userId, ...newerInOpenSession(w.at), OR: [{ lastPresenceAt: null }, { lastPresenceAt: { lte: w.at } }] },
    data: { lastPresence: w.state, lastPresenceAt: w.at },
  });
}

/** An incident: the session's latest incident, and one more on the Tokyo day it occurred. */
export async function liveIncident(db: Tx, w: Worker & { kind: IncidentKind; at: Date }, now: Date): Promise<void> {
  await db.workerLiveState.updateMany({
    where: { tenantId: w.tenantId, userId: w.userId, ...newerInOpenSession(w.at), OR: [{ lastIncidentAt: null }, { lastIncidentAt: { lte: w.at } }] },
    data: { lastIncidentKind: w.kind, lastIncidentAt: w.at },
  });
  // The row keeps one day's count: a later day starts it again, an earlier day's late event leaves it.
  const day = toJstDate(w.at);
  await db.$executeRaw`
    INSERT INTO worker_live_states AS s ("tenantId", "userId", "incidentsDay", "incidentsOnDay", "updatedAt")
    VALUES (${w.tenantId}::uuid, ${w.userId}::uuid, ${day}::date, 1, ${now})
    ON CONFLICT ("tenantId", "userId") DO UPDATE SET
      "incidentsOnDay" = CASE WHEN s."incidentsDay" = EXCLUDED."incidentsDay" THEN s."incidentsOnDay" + 1
                              WHEN s."incidentsDay" IS NULL OR s."incidentsDay" < EXCLUDED."incidentsDay" THEN 1
                              ELSE s."incidentsOnDay" END,
      "incidentsDay" = GREATEST(s."incidentsDay", EXCLUDED."incidentsDay"),
      "updatedAt" = EXCLUDED."updatedAt"`;
}

/** The worker's agent talked to us (sign-in, heartbeat): "last contact" on the board. */
export async function liveContact(db: Tx, w: Worker & { at: Date }): Promise<void> {
  await db.$executeRaw`
    INSERT INTO worker_live_states AS s ("tenantId", "userId", "lastContactAt", "updatedAt")
    VALUES (${w.tenantId}::uuid, ${w.userId}::uuid, ${w.at}, ${w.at})
    ON CONFLICT ("tenantId", "userId") DO UPDATE SET
      "lastContactAt" = GREATEST(s."lastContactAt", EXCLUDED."lastContactAt"),
      "updatedAt" = EXCLUDED."updatedAt"`;
}
