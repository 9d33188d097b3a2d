import type { Db } from '@telework/db';
import type { Mailer } from '../mail/mailer';

/** What every job handler receives: the application-role client and the configured mailer. */
export interface JobDeps {
  db: Db;
  mailer: Mailer;
  now: () => Date;
}

export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron expression in Asia/Tokyo; jobs without one are only sent on demand. */
  cron?: string;
  handler: (deps: JobDeps, data: T) => Promise<unknown>;
}

/** Declares a job with its data type checked at the definition site. */
export function defineJob<T extends object>(job: JobDefinition<T>): JobDefinition<object> {
  return job as JobDefinition<object>;
}
