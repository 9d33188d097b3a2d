import { apiEnv } from '../env';
import { getServerDb } from '../http/db';
import { getMailer } from '../mail/mailer';
import { ALL_JOBS } from './all-jobs';
import { startJobRunner, type JobRunner } from './runner';

export { ALL_JOBS } from './all-jobs';
export { startJobRunner, type JobRunner } from './runner';

const holder = globalThis as unknown as { __teleworkJobs?: Promise<JobRunner> };

/** Starts the scheduled jobs once per server process (called from the console's instrumentation hook). */
export function startServerJobs(): Promise<JobRunner> {
  const queueUrl = apiEnv.QUEUE_DATABASE_URL ?? apiEnv.DATABASE_URL;
  if (!queueUrl) throw new Error('QUEUE_DATABASE_URL or DATABASE_URL must be set to run jobs');
  holder.__teleworkJobs ??= startJobRunner({ queueUrl, db: getServerDb(), mailer: getMailer(), jobs: ALL_JOBS });
  return holder.__teleworkJobs;
}
