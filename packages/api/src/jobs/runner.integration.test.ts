import { afterAll, describe, expect, it } from 'vitest';
import type { Mailer } from '../mail/mailer';
import { useTestDatabase } from '../testing/db';
import { defineJob } from './job-types';
import { startJobRunner } from './runner';

const { url, db } = useTestDatabase();
const mailer: Mailer = { send: () => Promise.reject(new Error('no mail in this test')) };

describe('job runner (pg-boss on PostgreSQL)', () => {
  const seen: string[] = [];
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => stop?.());

  it('runs a job sent to its queue exactly once, with the application database', async () => {
    const job = defineJob<{ word: string }>({
      name: 'test.echo',
      handler: async ({ db: jobDb }, data) => {
        const rows = await jobDb.$queryRaw<{ role: string }[]>`SELECT current_user AS role`;
        seen.push(`${data.word}:${rows[0]?.role}`);
      },
    });
    const runner = await startJobRunner({ queueUrl: url, db, mailer, jobs: [job] });
    stop = runner.stop;
    await runner.send('test.echo', { word: 'hello' });
    await expect.poll(() => seen, { timeout: 20_000, interval: 200 }).toEqual(['hello:telework_app']);
  });
});
