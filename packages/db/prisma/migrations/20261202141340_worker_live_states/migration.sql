-- The live status board's facts move from the open work session to one narrow row per worker,
-- together with the last agent contact and the day's incident count (see WorkerLiveState).

-- CreateTable
CREATE TABLE "worker_live_states" (
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "workSessionId" UUID,
    "workStartedAt" TIMESTAMP(3),
    "currentTaskId" UUID,
    "currentTaskStartedAt" TIMESTAMP(3),
    "lastPresence" "PresenceState",
    "lastPresenceAt" TIMESTAMP(3),
    "lastIncidentKind" "IncidentKind",
    "lastIncidentAt" TIMESTAMP(3),
    "lastContactAt" TIMESTAMP(3),
    "incidentsDay" DATE,
    "incidentsOnDay" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "worker_live_states_pkey" PRIMARY KEY ("tenantId","userId")
);

-- AddForeignKey
ALTER TABLE "worker_live_states" ADD CONSTRAINT "worker_live_states_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "worker_live_states" ADD CONSTRAINT "worker_live_states_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill, before the old columns go: the open session's facts, the newest contact of the
-- worker's devices, and the incidents of the current Tokyo day.
INSERT INTO "worker_live_states" ("tenantId", "userId", "workSessionId", "workStartedAt", "currentTaskId", "currentTaskStartedAt",
  "lastPresence", "lastPresenceAt", "lastIncidentKind", "lastIncidentAt", "lastContactAt", "incidentsDay", "incidentsOnDay", "updatedAt")
SELECT u."tenantId", u.id, ws.id, ws."startedAt", ws."currentTaskId", ws."currentTaskStartedAt",
  ws."lastPresence", ws."lastPresenceAt", ws."lastIncidentKind", ws."lastIncidentAt", dev.last,
  (now() AT TIME ZONE 'Asia/Tokyo')::date, coalesce(today.n, 0), now() AT TIME ZONE 'UTC'
FROM users u
LEFT JOIN work_sessions ws ON ws."tenantId" = u."tenantId" AND ws."openForUserId" = u.id
LEFT JOIN (SELECT d."tenantId", d."userId", max(d."lastSeenAt") AS last FROM agent_devices d GROUP BY 1, 2) dev
  ON dev."tenantId" = u."tenantId" AND dev."userId" = u.id
LEFT JOIN (SELECT i."tenantId", i."userId", count(*)::int AS n FROM incidents i
           WHERE i."occurredAt" >= (date_trunc('day', now() AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'Asia/Tokyo') AT TIME ZONE 'UTC'
           GROUP BY 1, 2) today ON today."tenantId" = u."tenantId" AND today."userId" = u.id
WHERE ws.id IS NOT NULL OR dev.last IS NOT NULL OR today.n IS NOT NULL;

-- AlterTable
ALTER TABLE "work_sessions" DROP COLUMN "currentTaskId",
DROP COLUMN "currentTaskStartedAt",
DROP COLUMN "lastIncidentAt",
DROP COLUMN "lastIncidentKind",
DROP COLUMN "lastPresence",
DROP COLUMN "lastPresenceAt";

-- Monitoring data: the tenant only, like the tables it mirrors.
ALTER TABLE "worker_live_states" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "worker_live_states" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "worker_live_states" TO telework_app;

-- The provider's own audit log: every scope may append to it, only operators read it.
ALTER TABLE provider_audit_logs ENABLE ROW LEVEL SECURITY;
CREATE POLICY operators_read ON provider_audit_logs FOR SELECT USING (app_is_operator());
CREATE POLICY any_scope_appends ON provider_audit_logs FOR INSERT WITH CHECK (true);
