-- The contract lifecycle as one state machine (docs/contract-lifecycle.md): contracts formed before
-- their service start date (第9条3項), renewal notices and renewals (第10条), end reasons; late-payment
-- damages per overdue invoice and days (第14条3項); bank-transfer payments (消込); the recipient and
-- issuer printed on qualified invoices; the applicant's agreement to the terms (第9条1項).

-- CreateEnum
CREATE TYPE "ContractEndReason" AS ENUM ('TERM_END', 'RENEWED', 'CUSTOMER_TERMINATION', 'PROVIDER_TERMINATION');

-- AlterEnum
ALTER TYPE "ChangeKind" ADD VALUE 'RENEWAL';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ContractStatus" ADD VALUE 'PENDING_START';
ALTER TYPE "ContractStatus" ADD VALUE 'RENEWAL_OFFERED';
ALTER TYPE "ContractStatus" ADD VALUE 'RENEWED';

-- AlterEnum
ALTER TYPE "InvoiceStatus" ADD VALUE 'PARTIALLY_PAID';

-- AlterEnum
ALTER TYPE "TenantStatus" ADD VALUE 'PENDING_START';

-- AlterTable
ALTER TABLE "applications" ADD COLUMN     "decidedByStaffId" UUID,
ADD COLUMN     "termsAgreedAt" TIMESTAMP(3),
ADD COLUMN     "termsVersion" TEXT;

-- AlterTable
ALTER TABLE "contracts" ADD COLUMN     "endReason" "ContractEndReason",
ADD COLUMN     "renewalNoticeSentAt" TIMESTAMP(3),
ADD COLUMN     "serviceStartDate" DATE;

-- Contracts formed so far started their service on their first day.
UPDATE "contracts" SET "serviceStartDate" = "startDate";
ALTER TABLE "contracts" ALTER COLUMN "serviceStartDate" SET NOT NULL;

-- Contracts already ended say why, from their termination request.
UPDATE "contracts" c SET "endReason" = (CASE WHEN tr."initiator" = 'CUSTOMER' THEN 'CUSTOMER_TERMINATION' ELSE 'PROVIDER_TERMINATION' END)::"ContractEndReason"
FROM "termination_requests" tr
WHERE c."status" = 'ENDED' AND tr."tenantId" = c."tenantId" AND tr."contractId" = c."id";

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "issuer" JSONB,
ADD COLUMN     "lateFrom" DATE,
ADD COLUMN     "lateTo" DATE,
ADD COLUMN     "recipientAddress" TEXT,
ADD COLUMN     "recipientName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "recipientPostalCode" TEXT;

-- Invoices issued so far name their recipient as it stands now: the reseller, or the customer.
UPDATE "invoices" i SET "recipientName" = r."name", "recipientPostalCode" = r."postalCode", "recipientAddress" = r."address"
FROM "resellers" r WHERE i."billTo" = 'RESELLER' AND r."id" = i."resellerId";
UPDATE "invoices" i SET "recipientName" = t."name", "recipientPostalCode" = t."postalCode", "recipientAddress" = t."address"
FROM "tenants" t WHERE i."billTo" = 'CUSTOMER' AND t."id" = i."tenantId";

-- AlterTable
ALTER TABLE "payments" ADD COLUMN     "note" TEXT,
ADD COLUMN     "payerName" TEXT,
ADD COLUMN     "recordedByOperatorId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "invoices_tenantId_lateInterestForId_lateFrom_key" ON "invoices"("tenantId", "lateInterestForId", "lateFrom");

-- ───────────── Hand-written ─────────────
-- The personal-data purge (第26条3項) removes personal data from the provider's audit entries about a
-- tenant whose contract has ended and whose purge is scheduled (the purge job decides when the date
-- has come, by the application's clock): operators may rewrite `details` of that tenant's entries,
-- and nothing else of any entry (the log otherwise stays append-only).
REVOKE UPDATE ON provider_audit_logs FROM telework_app;
GRANT UPDATE (details) ON provider_audit_logs TO telework_app;
CREATE POLICY purge_redacts ON provider_audit_logs FOR UPDATE
  USING (app_is_operator() AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = "tenantId" AND t."personalDataPurgeAt" IS NOT NULL AND t.status IN ('TERMINATED', 'DEREGISTERED')))
  WITH CHECK (app_is_operator() AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = "tenantId" AND t."personalDataPurgeAt" IS NOT NULL AND t.status IN ('TERMINATED', 'DEREGISTERED')));
