-- CreateTable
CREATE TABLE "evidence_checkpoints" (
    "tenantId" UUID NOT NULL,
    "chainSeq" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "removed" JSONB NOT NULL,
    "removedCount" INTEGER NOT NULL,
    "keyVersion" INTEGER NOT NULL,
    "prevHash" TEXT NOT NULL,
    "chainHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "evidence_checkpoints_pkey" PRIMARY KEY ("tenantId","chainSeq")
);

-- CreateTable
CREATE TABLE "evidence_chain_heads" (
    "tenantId" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "masterKeyId" TEXT,
    "mac" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "evidence_chain_heads_pkey" PRIMARY KEY ("tenantId")
);

-- AddForeignKey
ALTER TABLE "evidence_checkpoints" ADD CONSTRAINT "evidence_checkpoints_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evidence_chain_heads" ADD CONSTRAINT "evidence_chain_heads_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: tenant isolation as on every tenant table. The application may add checkpoints and
-- move heads, never delete or rewrite them (no DELETE/UPDATE on checkpoints, no DELETE on heads;
-- the schema's default privileges grant all four, hence the REVOKE first).
ALTER TABLE "evidence_checkpoints" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "evidence_checkpoints" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
REVOKE ALL ON "evidence_checkpoints" FROM telework_app;
GRANT SELECT, INSERT ON "evidence_checkpoints" TO telework_app;

ALTER TABLE "evidence_chain_heads" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "evidence_chain_heads" USING ("tenantId" = app_current_tenant()) WITH CHECK ("tenantId" = app_current_tenant());
REVOKE ALL ON "evidence_chain_heads" FROM telework_app;
GRANT SELECT, INSERT, UPDATE ON "evidence_chain_heads" TO telework_app;

-- The head moves forward only: a lower sequence number, another hash for the same number, or dropping
-- the signature is refused, whoever asks (the signature itself is what the application checks).
CREATE FUNCTION evidence_chain_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."tenantId" <> OLD."tenantId" OR NEW.seq < OLD.seq OR (NEW.seq = OLD.seq AND NEW.hash <> OLD.hash) THEN
    RAISE EXCEPTION 'evidence chain head moves forward only' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.mac IS NOT NULL AND NEW.mac IS NULL THEN
    RAISE EXCEPTION 'evidence chain head stays signed' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER evidence_chain_head_forward_only BEFORE UPDATE ON "evidence_chain_heads"
  FOR EACH ROW EXECUTE FUNCTION evidence_chain_head_forward_only();

-- Chains that exist already get an unsigned head at their newest row; the next append signs it.
INSERT INTO "evidence_chain_heads" ("tenantId", seq, hash, "masterKeyId", mac, "updatedAt")
SELECT DISTINCT ON (e."tenantId") e."tenantId", e."chainSeq", e."chainHash", NULL, NULL, now()
FROM evidence e ORDER BY e."tenantId", e."chainSeq" DESC;
