import { PgBoss } from 'pg-boss';
import type { Db } from '@telework/db';
import type { Mailer } from '../mail/mailer';
import type { JobDefinition } from './job-types';

export interface JobRunner {
  /** Queues a job now (e.g. a report a user asked for); resolves to the job id. */
  send(name: string, data?: object): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Starts the Postgres-backed job queue (pg-boss) and its workers. Safe to start in every app
 * instance: pg-boss hands each job to one worker and runs each cron occurrence once.
 * pg-boss keeps its tables in its own schema and connects with `queueUrl` (the schema owner);
 * the handlers themselves use `db`, the application role, under row-level security.
 */
export async function startJobRunner(opts: { queueUrl: string; db: Db; mailer: Mailer; jobs: JobDefinition[]; now?: () => Date }): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString: opts.queueUrl, schema: 'pgboss', max: 4 });
  boss.on('error', (error: unknown) => console.error('[jobs]', error));
  await boss.start();
  const deps = { db: opts.db, mailer: opts.mailer, now: opts.now ?? (() => new Date()) };
  for (const job of opts.jobs) {
    await boss.createQueue(job.name);
    await boss.work<object>(job.name, async (batch) => {
      for (const j of batch) await job.handler(deps, j.data ?? {});
    });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'Asia/Tokyo' });
    else await boss.unschedule(job.name).catch(() => undefined);
  }
  return {
    send: (name, data) => boss.send(name, data ?? {}),
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
