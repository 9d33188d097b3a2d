import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { addDays, compareIsoDates, isBusinessDay, jstDateTimeToInstant, toJstDate, type IsoDate } from '../calendar';

// Generates a large tenant straight into PostgreSQL (privileged connection, batched multi-row
// inserts through unnest) for the benchmarks: workers in groups, schedules, and per business day
// one work session, presence changes, task sessions and the odd incident; and each worker's live
// state row as punches, events and contacts keep it.

export interface GeneratedTenant {
  tenantId: string;
  adminId: string;
  groupIds: string[];
  workerIds: string[];
  rows: number;
  seconds: number;
}

const BATCH = 5_000;

async function insert(client: pg.Client, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const arrays = columns.map((_, c) => chunk.map((r) => r[c]));
    const select = types.map((t, c) => `unnest($${c + 1}::${t}[])`).join(', ');
    await client.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${select}`, arrays);
  }
}

export async function generateTenant(adminUrl: string, opts: { workers: number; groupSize: number; from: IsoDate; to: IsoDate; openToday: number }): Promise<GeneratedTenant> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  let rows = 0;
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  try {
    const tenantId = randomUUID();
    await client.query(`INSERT INTO tenants (id, "systemId", name, "isDomesticEntity", "updatedAt") VALUES ($1, $2, 'ベンチマーク株式会社', true, now())`, [tenantId, `TW-B${tenantId.slice(0, 6)}`]);
    const adminId = randomUUID();
    const workerIds = Array.from({ length: opts.workers }, () => randomUUID());
    const groupIds = Array.from({ length: Math.ceil(opts.workers / opts.groupSize) }, () => randomUUID());
    const taskIds = Array.from({ length: 10 }, () => randomUUID());
    const deviceIds = workerIds.map(() => randomUUID());
    await insert(client, 'users', ['id', 'tenantId', 'loginId', 'name', 'role', 'updatedAt'], ['uuid', 'uuid', 'text', 'text', '"UserRole"', 'timestamp'], [
      [adminId, tenantId, 'admin', '管理者', 'ADMIN', new Date()],
      ...workerIds.map((id, i) => [id, tenantId, `w${String(i).padStart(5, '0')}`, `勤務者 ${i}`, 'WORKER', new Date()]),
    ]);
    await insert(client, 'groups', ['id', 'tenantId', 'name', 'updatedAt'], ['uuid', 'uuid', 'text', 'timestamp'], groupIds.map((id, i) => [id, tenantId, `グループ ${i}`, new Date()]));
    await insert(client, 'group_memberships', ['tenantId', 'groupId', 'userId', 'kind'], ['uuid', 'uuid', 'uuid', '"MembershipKind"'], workerIds.map((id, i) => [tenantId, groupIds[Math.floor(i / opts.groupSize)], id, 'MEMBER']));
    await insert(client, 'tasks', ['id', 'tenantId', 'code', 'name', 'updatedAt'], ['uuid', 'uuid', 'text', 'text', 'timestamp'], taskIds.map((id, i) => [id, tenantId, `T${i}`, `タスク ${i}`, new Date()]));
    await insert(client, 'agent_devices', ['id', 'tenantId', 'userId', 'name', 'tokenHash', 'lastSeenAt'], ['uuid', 'uuid', 'uuid', 'text', 'text', 'timestamp'], workerIds.map((id, i) => [deviceIds[i], tenantId, id, 'PC', `bench-${randomUUID()}`, new Date()]));
    await insert(client, 'schedule_patterns', ['id', 'tenantId', 'userId', 'weekday', 'startMinute', 'endMinute', 'breakMinutes', 'validFrom'], ['uuid', 'uuid', 'uuid', 'int', 'int', 'int', 'int', 'date'],
      workerIds.flatMap((id) => [1, 2, 3, 4, 5].map((weekday) => [randomUUID(), tenantId, id, weekday, 540, 1080, 60, opts.from])));
    rows += 1 + opts.workers * 8 + groupIds.length + taskIds.length;

    const days: IsoDate[] = [];
    for (let d = opts.from; compareIsoDates(d, opts.to) <= 0; d = addDays(d, 1)) if (isBusinessDay(d)) days.push(d);
    // One worker at a time keeps memory flat; rows are flushed in batches.
    let sessions: unknown[][] = [];
    let presence: unknown[][] = [];
    let tasks: unknown[][] = [];
    let incidents: unknown[][] = [];
    let live: unknown[][] = [];
    const flush = async () => {
      await insert(client, 'work_sessions', ['id', 'tenantId', 'userId', 'deviceId', 'startedAt', 'endedAt', 'endReason', 'openForUserId', 'updatedAt'], ['uuid', 'uuid', 'uuid', 'uuid', 'timestamp', 'timestamp', '"SessionEndReason"', 'uuid', 'timestamp'], sessions);
      await insert(client, 'presence_events', ['id', 'tenantId', 'userId', 'deviceId', 'workSessionId', 'clientEventId', 'state', 'occurredAt'], ['uuid', 'uuid', 'uuid', 'uuid', 'uuid', 'uuid', '"PresenceState"', 'timestamp'], presence);
      await insert(client, 'task_sessions', ['id', 'tenantId', 'userId', 'workSessionId', 'taskId', 'startedAt', 'endedAt'], ['uuid', 'uuid', 'uuid', 'uuid', 'uuid', 'timestamp', 'timestamp'], tasks);
      await insert(client, 'incidents', ['id', 'tenantId', 'userId', 'deviceId', 'workSessionId', 'clientEventId', 'kind', 'faceCount', 'occurredAt'], ['uuid', 'uuid', 'uuid', 'uuid', 'uuid', 'uuid', '"IncidentKind"', 'int', 'timestamp'], incidents);
      await insert(client, 'worker_live_states', ['tenantId', 'userId', 'workSessionId', 'workStartedAt', 'currentTaskId', 'currentTaskStartedAt', 'lastPresence', 'lastPresenceAt', 'lastIncidentKind', 'lastIncidentAt', 'lastContactAt', 'incidentsDay', 'incidentsOnDay', 'updatedAt'],
        ['uuid', 'uuid', 'uuid', 'timestamp', 'uuid', 'timestamp', '"PresenceState"', 'timestamp', '"IncidentKind"', 'timestamp', 'timestamp', 'date', 'int', 'timestamp'], live);
      rows += sessions.length + presence.length + tasks.length + incidents.length + live.length;
      sessions = [];
      presence = [];
      tasks = [];
      incidents = [];
      live = [];
    };
    const now = new Date();
    const today = toJstDate(now);
    for (let w = 0; w < opts.workers; w++) {
      const userId = workerIds[w];
      const deviceId = deviceIds[w];
      let state: { sessionId: string; start: Date; taskStartedAt: Date; awayAt: Date } | null = null;
      let incidentToday: { kind: string; at: Date } | null = null;
      for (const [i, day] of days.entries()) {
        const isToday = i === days.length - 1 && w < opts.openToday;
        const start = jstDateTimeToInstant(day, 520 + Math.floor(random() * 60));
        const end = isToday ? null : jstDateTimeToInstant(day, 1050 + Math.floor(random() * 120));
        const sessionId = randomUUID();
        const span = (end ?? now).getTime() - start.getTime();
        if (!end) state = { sessionId, start, taskStartedAt: new Date(start.getTime() + (2 * span) / 3), awayAt: new Date(start.getTime() + (3 * span) / 4) };
        sessions.push([sessionId, tenantId, userId, deviceId, start, end, end ? 'PUNCH' : null, end ? null : userId, now]);
        for (let q = 0; q < 4; q++) presence.push([randomUUID(), tenantId, userId, deviceId, sessionId, randomUUID(), q % 2 === 0 ? 'PRESENT' : 'AWAY', new Date(start.getTime() + (q * span) / 4)]);
        for (let t = 0; t < 3; t++) {
          const open = isToday && t === 2;
          tasks.push([randomUUID(), tenantId, userId, sessionId, taskIds[(w + t) % taskIds.length], new Date(start.getTime() + (t * span) / 3), open ? null : new Date(start.getTime() + ((t + 1) * span) / 3)]);
        }
        if (random() < 0.02) {
          const incident = { kind: random() < 0.5 ? 'PEEKING' : 'IMPERSONATION', at: new Date(start.getTime() + span / 2) };
          incidents.push([randomUUID(), tenantId, userId, deviceId, sessionId, randomUUID(), incident.kind, 2, incident.at]);
          if (day === today) incidentToday = incident;
        }
      }
      const inSession = state && incidentToday ? incidentToday : null;
      live.push([
        tenantId, userId, state?.sessionId ?? null, state?.start ?? null, state ? taskIds[(w + 2) % taskIds.length] : null, state?.taskStartedAt ?? null,
        state ? 'AWAY' : null, state?.awayAt ?? null, inSession?.kind ?? null, inSession?.at ?? null, now, today, incidentToday ? 1 : 0, now,
      ]);
      if (sessions.length >= 20_000) await flush();
    }
    await flush();
    await client.query('ANALYZE');
    return { tenantId, adminId, groupIds, workerIds, rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
