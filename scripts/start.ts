// `npm start`: the whole product on one machine. Uses DATABASE_URL when set, otherwise an embedded
// PostgreSQL with its data in .data/postgres; applies migrations, seeds demo data into an empty
// database, builds and starts both web apps, and prints where to sign in.
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { DEMO_LOGINS } from '@telework/db';
import { resolveAdminDatabaseUrl } from '@telework/db/embedded';
import { ROOT, isPortFree, buildApps, startApp, stopAll, waitForHttp } from './lib/apps';
import { prepareDatabase } from './lib/database';
import { ensureDevMasterKey } from '../packages/api/src/crypto/master-key';
import { seedEvidence } from './lib/evidence';

const consolePort = Number(process.env.CONSOLE_PORT ?? 3000);
const resellerPort = Number(process.env.RESELLER_PORT ?? 3001);

for (const [port, name] of [[consolePort, 'CONSOLE_PORT'], [resellerPort, 'RESELLER_PORT']] as const) {
  if (!(await isPortFree(port))) {
    console.error(`Port ${port} is already in use: stop what uses it or choose another port with ${name}=…`);
    process.exit(1);
  }
}

const database = await resolveAdminDatabaseUrl();
console.log(process.env.DATABASE_URL ? 'Using the PostgreSQL server named by DATABASE_URL.' : 'Started the embedded PostgreSQL (data in .data/postgres).');
const children: ChildProcess[] = [];
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await stopAll(children);
  await database.stop();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  // Evidence and face images are encrypted under a master key: use the configured one, or a key
  // generated once for this machine in .data/ (kept across restarts, never overwritten).
  const masterKeyFile = process.env.MASTER_KEY || process.env.MASTER_KEY_FILE ? undefined : await ensureDevMasterKey(path.join(ROOT, '.data'));
  const env = {
    ...(masterKeyFile ? { MASTER_KEY_FILE: masterKeyFile } : {}),
    BLOB_DIR: process.env.BLOB_DIR ?? path.join(ROOT, '.data', 'blobs'),
    MAIL_OUTBOX_DIR: process.env.MAIL_OUTBOX_DIR ?? path.join(ROOT, '.data', 'mail'),
  };
  const { appUrl, seeded } = await prepareDatabase(database.url, { seed: true });
  if (seeded) {
    console.log('Seeded the demo data.');
    await seedEvidence(appUrl, { masterKeyFile, blobDir: env.BLOB_DIR });
  }
  buildApps();
  const appEnv = { ...env, DATABASE_URL: appUrl, QUEUE_DATABASE_URL: database.url };
  children.push(startApp({ name: 'console', port: consolePort }, appEnv), startApp({ name: 'reseller', port: resellerPort }, { ...appEnv, RUN_JOBS: 'false' }));
  for (const c of children) c.on('exit', (code) => !stopping && void shutdown(code ?? 1));
  await Promise.all([waitForHttp(`http://127.0.0.1:${consolePort}/sign-in`), waitForHttp(`http://127.0.0.1:${resellerPort}/sign-in`)]);

  const lines = [
    '',
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
    ' Telework Supporter is running',
    `   勤務管理コンソール (console):         http://localhost:${consolePort}`,
    `   販売店・運営ポータル (reseller app):  http://localhost:${resellerPort}`,
    '',
    ' Demo logins:',
    ...DEMO_LOGINS.map((l) =>
      l.app === 'console'
        ? `   [console]  ${l.label}: システムID ${l.systemId} / ユーザID ${l.loginId} / ${l.password}`
        : `   [reseller] ${l.label}: ${l.email} / ${l.password}`,
    ),
    '',
    ` Mail is written to ${env.MAIL_OUTBOX_DIR} (set SMTP_URL to send it). Ctrl-C stops everything.`,
    '━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
  ];
  console.log(lines.join('\n'));
} catch (error) {
  console.error(error);
  await shutdown(1);
}
