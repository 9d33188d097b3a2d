-- AlterEnum
ALTER TYPE "InvoiceStatus" ADD VALUE 'PAYMENT_FAILED';

-- AlterTable
ALTER TABLE "invoices" ADD COLUMN     "nextRetryAt" TIMESTAMP(3),
ADD COLUMN     "paymentFailedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "invoices_tenantId_contractId_kind_periodStart_key" ON "invoices"("tenantId", "contractId", "kind", "periodStart");


-- Seats used (active workers) for the contract screens of operators and reseller staff. Neither may
-- read a tenant's workers (users are visible to operators only as registered administrators, to
-- resellers not at all), so this returns only a count per tenant, and only for tenants the caller's
-- scope can see: its own tenant, every tenant for operators, the customers it sold to for a reseller.
CREATE FUNCTION app_count_active_workers(p_tenants uuid[])
RETURNS TABLE (tenant_id uuid, workers integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT u."tenantId", count(*)::integer
     FROM users u
    WHERE u."tenantId" = ANY (p_tenants)
      AND u.role = 'WORKER' AND u."disabledAt" IS NULL
      AND (u."tenantId" = app_current_tenant() OR app_is_operator() OR app_is_reseller_tenant(u."tenantId"))
    GROUP BY u."tenantId" $$;

REVOKE ALL ON FUNCTION app_count_active_workers(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_count_active_workers(uuid[]) TO telework_app;
