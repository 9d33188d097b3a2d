-- CreateEnum
CREATE TYPE "PunchCorrectionStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "punch_corrections" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "workSessionId" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "PunchCorrectionStatus" NOT NULL DEFAULT 'PENDING',
    "requestedById" UUID NOT NULL,
    "decidedById" UUID,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "punch_corrections_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "punch_corrections_tenantId_userId_startedAt_idx" ON "punch_corrections"("tenantId", "userId", "startedAt");

-- CreateIndex
CREATE INDEX "punch_corrections_tenantId_status_idx" ON "punch_corrections"("tenantId", "status");

-- AddForeignKey
ALTER TABLE "punch_corrections" ADD CONSTRAINT "punch_corrections_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "punch_corrections" ADD CONSTRAINT "punch_corrections_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "punch_corrections" ADD CONSTRAINT "punch_corrections_tenantId_workSessionId_fkey" FOREIGN KEY ("tenantId", "workSessionId") REFERENCES "work_sessions"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Attendance data: the tenant only, like the work sessions it corrects.
ALTER TABLE "punch_corrections" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "punch_corrections" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
-- DELETE only for the personal-data purge (第26条3項); corrections are otherwise never deleted.
GRANT SELECT, INSERT, UPDATE, DELETE ON "punch_corrections" TO telework_app;
