-- AlterTable
ALTER TABLE "work_sessions" ADD COLUMN     "currentTaskId" UUID,
ADD COLUMN     "currentTaskStartedAt" TIMESTAMP(3),
ADD COLUMN     "lastIncidentAt" TIMESTAMP(3),
ADD COLUMN     "lastIncidentKind" "IncidentKind",
ADD COLUMN     "lastPresence" "PresenceState",
ADD COLUMN     "lastPresenceAt" TIMESTAMP(3);
