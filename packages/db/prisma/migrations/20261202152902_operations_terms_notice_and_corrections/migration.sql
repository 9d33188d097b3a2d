-- A terms-change notice records the terms version it announces (第3条); a correction request
-- (第26条2項) carries the new values for the fields we hold, applied when an operator completes it.

-- AlterTable
ALTER TABLE "personal_data_requests" ADD COLUMN     "correction" JSONB;

-- AlterTable
ALTER TABLE "terms_versions" ADD COLUMN     "noticeId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "terms_versions_noticeId_key" ON "terms_versions"("noticeId");
