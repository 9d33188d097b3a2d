import { closeBillingPeriodsJob } from '../billing/jobs';
import { contractLifecycleJob } from '../contracts/lifecycle-job';
import { faceReembedJob } from '../evidence/face-reembed-job';
import { evidenceRetentionJob, personalDataPurgeJob } from '../evidence/retention';
import { sendIncidentAlertsJob, sendIncidentDigestsJob } from '../incident-alerts/jobs';
import { sendNoticeDeliveriesJob } from '../notices/delivery';
import { processPersonalDataRequestsJob } from '../privacy/jobs';
import { sendDueReportsJob } from '../reports/send-reports';
import { autoAcceptInquiriesJob } from '../support/auto-accept';
import { closeForgottenSessionsJob } from '../work/forgotten-sessions';
import type { JobDefinition } from './job-types';

/** Every scheduled job of the product; the server starts workers for all of them. */
export const ALL_JOBS: JobDefinition[] = [
  closeForgottenSessionsJob,
  sendDueReportsJob,
  evidenceRetentionJob,
  personalDataPurgeJob,
  sendNoticeDeliveriesJob,
  autoAcceptInquiriesJob,
  processPersonalDataRequestsJob,
  contractLifecycleJob,
  closeBillingPeriodsJob,
  faceReembedJob,
  sendIncidentAlertsJob,
  sendIncidentDigestsJob,
];
