-- Privacy modes (issue 20): which images may leave the worker's PC, per tenant with a per-group
-- override; each incident keeps the mode it arrived under so the console can say an image never existed.

-- CreateEnum
CREATE TYPE "CaptureMode" AS ENUM ('INTERVAL_AND_INCIDENT', 'INCIDENT_ONLY', 'VERDICT_ONLY');

-- AlterTable
ALTER TABLE "groups" ADD COLUMN     "captureMode" "CaptureMode";

-- AlterTable
ALTER TABLE "incidents" ADD COLUMN     "captureMode" "CaptureMode" NOT NULL DEFAULT 'INTERVAL_AND_INCIDENT';

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "captureMode" "CaptureMode" NOT NULL DEFAULT 'INTERVAL_AND_INCIDENT';
