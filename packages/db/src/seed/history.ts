import { randomUUID } from 'node:crypto';
import type { Db } from '../client';

const JST = 9 * 3_600_000;
const DAY = 86_400_000;

/** JST midnight of the day `daysAgo` days before `now`, as an instant. */
function jstMidnight(now: Date, daysAgo: number): number {
  const jst = now.getTime() + JST;
  return Math.floor(jst / DAY) * DAY - daysAgo * DAY - JST;
}

/**
 * Two weeks of plausible past work for the demo workers (Mon–Fri): a session of about 8–9 hours,
 * two tasks, presence changes around lunch and the odd incident, so the analysis screens have
 * something to show on a fresh install. Deterministic, so every demo looks the same.
 */
export async function seedHistory(db: Db, tenantId: string, workerIds: string[], now: Date) {
  const tasks = await db.task.findMany({ where: { tenantId }, orderBy: { code: 'asc' }, select: { id: true } });
  let n = 0;
  for (const [w, userId] of workerIds.entries()) {
    const device = await db.agentDevice.create({ data: { tenantId, userId, name: `DEMO-PC-${w + 1}`, tokenHash: `demo-unusable-${randomUUID()}`, platform: 'Windows 11', agentVersion: '0.1.0', lastSeenAt: now } });
    for (let daysAgo = 14; daysAgo >= 1; daysAgo--) {
      const midnight = jstMidnight(now, daysAgo);
      const weekday = new Date(midnight + JST).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      n++;
      const start = new Date(midnight + (8 * 60 + 45 + ((n * 7 + w * 13) % 40)) * 60_000);
      const end = new Date(midnight + (17 * 60 + 50 + ((n * 11 + w * 5) % 80)) * 60_000);
      const session = await db.workSession.create({ data: { tenantId, userId, deviceId: device.id, startedAt: start, endedAt: end, endReason: 'PUNCH' } });
      const mid = new Date((start.getTime() + end.getTime()) / 2);
      const first = tasks[(n + w) % tasks.length];
      const second = tasks[(n + w + 1) % tasks.length];
      if (first && second) {
        await db.taskSession.createMany({
          data: [
            { tenantId, userId, workSessionId: session.id, taskId: first.id, startedAt: start, endedAt: mid },
            { tenantId, userId, workSessionId: session.id, taskId: second.id, startedAt: mid, endedAt: end },
          ],
        });
      }
      const lunch = midnight + 12 * 3_600_000;
      await db.presenceEvent.createMany({
        data: [
          { tenantId, userId, deviceId: device.id, workSessionId: session.id, clientEventId: randomUUID(), state: 'PRESENT', similarity: 0.41, occurredAt: start },
          { tenantId, userId, deviceId: device.id, workSessionId: session.id, clientEventId: randomUUID(), state: 'AWAY', occurredAt: new Date(lunch) },
          { tenantId, userId, deviceId: device.id, workSessionId: session.id, clientEventId: randomUUID(), state: 'PRESENT', similarity: 0.39, occurredAt: new Date(lunch + 50 * 60_000) },
        ],
      });
      if ((n + w) % 9 === 0) {
        await db.incident.create({
          data: { tenantId, userId, deviceId: device.id, workSessionId: session.id, clientEventId: randomUUID(), kind: (n + w) % 2 ? 'PEEKING' : 'IMPERSONATION', faceCount: (n + w) % 2 ? 2 : 1, similarity: 0.12, occurredAt: new Date(lunch + 3 * 3_600_000) },
        });
      }
    }
  }
}
