-- CreateEnum
CREATE TYPE "IncidentAlertMode" AS ENUM ('IMMEDIATE', 'DAILY_DIGEST', 'OFF');

-- CreateEnum
CREATE TYPE "AlertDeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "incidentAlertAdmins" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "incidentAlertMode" "IncidentAlertMode" NOT NULL DEFAULT 'IMMEDIATE';

-- CreateTable
CREATE TABLE "incident_alerts" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "status" "AlertDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_alerts_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "incident_digests" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "incidentCount" INTEGER NOT NULL,
    "status" "AlertDeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_digests_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "incident_alerts_tenantId_status_idx" ON "incident_alerts"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "incident_alerts_tenantId_incidentId_userId_key" ON "incident_alerts"("tenantId", "incidentId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "incident_digests_tenantId_userId_day_key" ON "incident_digests"("tenantId", "userId", "day");

-- AddForeignKey
ALTER TABLE "incident_alerts" ADD CONSTRAINT "incident_alerts_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_alerts" ADD CONSTRAINT "incident_alerts_tenantId_incidentId_fkey" FOREIGN KEY ("tenantId", "incidentId") REFERENCES "incidents"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_alerts" ADD CONSTRAINT "incident_alerts_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_digests" ADD CONSTRAINT "incident_digests_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_digests" ADD CONSTRAINT "incident_digests_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Alert and digest deliveries: the tenant only (the jobs open each tenant's scope in turn).
ALTER TABLE "incident_alerts" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "incident_alerts" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "incident_alerts" TO telework_app;
ALTER TABLE "incident_digests" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "incident_digests" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "incident_digests" TO telework_app;
