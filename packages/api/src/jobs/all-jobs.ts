import { sendDueReportsJob } from '../reports/send-reports';
import { closeForgottenSessionsJob } from '../work/forgotten-sessions';
import type { JobDefinition } from './job-types';

/** Every scheduled job of the product; the server starts workers for all of them. */
export const ALL_JOBS: JobDefinition[] = [closeForgottenSessionsJob, sendDueReportsJob];
