import { startServerJobs } from '@telework/api/jobs';
import { consoleEnv } from './env';

/** The console's server process also runs the scheduled jobs (pg-boss), unless RUN_JOBS=false. */
export async function startJobsIfEnabled(): Promise<void> {
  if (consoleEnv.RUN_JOBS) await startServerJobs();
}
