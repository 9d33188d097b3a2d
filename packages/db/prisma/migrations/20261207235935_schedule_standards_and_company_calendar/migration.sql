-- CreateTable
CREATE TABLE "standard_patterns" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "groupId" UUID,
    "weekday" INTEGER NOT NULL,
    "startMinute" INTEGER NOT NULL,
    "endMinute" INTEGER NOT NULL,
    "breakMinutes" INTEGER NOT NULL DEFAULT 60,
    "workOnHolidays" BOOLEAN NOT NULL DEFAULT false,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "standard_patterns_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "company_days_off" (
    "tenantId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "company_days_off_pkey" PRIMARY KEY ("tenantId","date")
);

-- CreateIndex
CREATE INDEX "standard_patterns_tenantId_groupId_validFrom_idx" ON "standard_patterns"("tenantId", "groupId", "validFrom");

-- AddForeignKey
ALTER TABLE "standard_patterns" ADD CONSTRAINT "standard_patterns_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "standard_patterns" ADD CONSTRAINT "standard_patterns_tenantId_groupId_fkey" FOREIGN KEY ("tenantId", "groupId") REFERENCES "groups"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "company_days_off" ADD CONSTRAINT "company_days_off_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Attendance data: the tenant only.
ALTER TABLE "standard_patterns" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "standard_patterns" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "standard_patterns" TO telework_app;

ALTER TABLE "company_days_off" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "company_days_off" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "company_days_off" TO telework_app;
