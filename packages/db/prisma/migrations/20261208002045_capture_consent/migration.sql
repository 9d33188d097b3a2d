-- The capture terms each worker last agreed to in the agent (issue 20): the server's consent record.
-- The agent asks again only for terms that capture more (packages/api tenancy/capture-terms.ts).

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "captureConsentAt" TIMESTAMP(3),
ADD COLUMN     "captureConsentTerms" JSONB;
