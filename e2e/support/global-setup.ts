import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from '@telework/db/testing';
import { buildApps, startApp, stopAll, waitForHttp } from '../../scripts/lib/apps';
import { prepareDatabase } from '../../scripts/lib/database';
import { ensureDevMasterKey } from '../../packages/api/src/crypto/master-key';
import { startSmtpSink } from './smtp-sink';
import './provided';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await createTestDatabase();
  const { appUrl } = await prepareDatabase(database.url, { seed: true });
  buildApps();
  const [consolePort, resellerPort] = [await freePort(), await freePort()];
  const keyDir = mkdtempSync(path.join(tmpdir(), 'tw-e2e-keys-'));
  // Mail goes over real SMTP to a server of ours; tests read what it received (support/mailbox.ts).
  const smtpDir = mkdtempSync(path.join(tmpdir(), 'tw-e2e-smtp-'));
  const smtp = await startSmtpSink(smtpDir);
  const consoleUrl = `http://localhost:${consolePort}`;
  const resellerUrl = `http://localhost:${resellerPort}`;
  const env = { CONSOLE_BASE_URL: consoleUrl, RESELLER_BASE_URL: resellerUrl, SMTP_URL: smtp.url, MASTER_KEY_FILE: await ensureDevMasterKey(keyDir), BLOB_DIR: path.join(keyDir, 'blobs'), DATABASE_URL: appUrl, QUEUE_DATABASE_URL: database.url, RUN_JOBS: 'false' };
  const children: ChildProcess[] = [startApp({ name: 'console', port: consolePort }, env), startApp({ name: 'reseller', port: resellerPort }, env)];
  await Promise.all([waitForHttp(`${consoleUrl}/sign-in`), waitForHttp(`${resellerUrl}/sign-in`)]);
  project.provide('consoleUrl', consoleUrl);
  project.provide('resellerUrl', resellerUrl);
  project.provide('databaseUrl', database.url);
  project.provide('smtpDir', smtpDir);
  return async () => {
    await stopAll(children);
    await smtp.close();
    await database.drop();
  };
}
