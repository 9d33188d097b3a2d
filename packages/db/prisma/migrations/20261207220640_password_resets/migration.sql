-- CreateTable
CREATE TABLE "password_resets" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_resets_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "provider_password_resets" (
    "id" UUID NOT NULL,
    "operatorId" UUID,
    "resellerStaffId" UUID,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_password_resets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "password_resets_tokenHash_key" ON "password_resets"("tokenHash");

-- CreateIndex
CREATE INDEX "password_resets_tenantId_userId_idx" ON "password_resets"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "provider_password_resets_tokenHash_key" ON "provider_password_resets"("tokenHash");

-- CreateIndex
CREATE INDEX "provider_password_resets_operatorId_idx" ON "provider_password_resets"("operatorId");

-- CreateIndex
CREATE INDEX "provider_password_resets_resellerStaffId_idx" ON "provider_password_resets"("resellerStaffId");

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_resets" ADD CONSTRAINT "password_resets_tenantId_userId_fkey" FOREIGN KEY ("tenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_password_resets" ADD CONSTRAINT "provider_password_resets_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "operators"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "provider_password_resets" ADD CONSTRAINT "provider_password_resets_resellerStaffId_fkey" FOREIGN KEY ("resellerStaffId") REFERENCES "reseller_staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A console user's reset link belongs to the tenant only (operators never see it).
ALTER TABLE "password_resets" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "password_resets" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "password_resets" TO telework_app;
-- The provider side has no tenant; like auth_sessions and login_throttles it is read before any scope exists.
ALTER TABLE "provider_password_resets" ADD CONSTRAINT "provider_password_resets_one_subject" CHECK (("operatorId" IS NULL) <> ("resellerStaffId" IS NULL));
GRANT SELECT, INSERT, UPDATE, DELETE ON "provider_password_resets" TO telework_app;
