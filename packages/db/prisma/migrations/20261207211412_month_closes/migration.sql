-- CreateTable
CREATE TABLE "month_closes" (
    "tenantId" UUID NOT NULL,
    "groupId" UUID NOT NULL,
    "month" TEXT NOT NULL,
    "closedAt" TIMESTAMP(3) NOT NULL,
    "closedById" UUID NOT NULL,
    "reopenedAt" TIMESTAMP(3),
    "reopenedById" UUID,

    CONSTRAINT "month_closes_pkey" PRIMARY KEY ("tenantId","groupId","month")
);

-- AddForeignKey
ALTER TABLE "month_closes" ADD CONSTRAINT "month_closes_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "month_closes" ADD CONSTRAINT "month_closes_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "groups"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Attendance data: the tenant only.
ALTER TABLE "month_closes" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "month_closes" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "month_closes" TO telework_app;
