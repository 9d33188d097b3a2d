-- A covered camera is an incident of its own (issue 14): the agent's checks saw nearly uniform
-- frames without a face M times in a row, which an empty seat does not give.

-- AlterEnum
ALTER TYPE "IncidentKind" ADD VALUE 'COVERED_CAMERA';
