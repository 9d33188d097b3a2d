import path from 'node:path';
import type { ApiEnv } from '../env';

/** The blob folder `npm start` uses when BLOB_DIR is not set (apiEnv's default is this, relative). */
export const DEFAULT_BLOB_DIR = '.data/blobs';
const DEV_MASTER_KEY_FILE = path.join('.data', 'master-key.json');

export interface VerifySources {
  /** Local blob folder, absolute; null with BLOB_STORE=s3. */
  blobDir: string | null;
  /** Where the master key comes from: the environment (MASTER_KEY) or a key file, absolute. */
  masterKey: { from: 'env' } | { from: 'file'; path: string };
  /** DATABASE_URL, or null: the embedded PostgreSQL that `npm start` uses. */
  databaseUrl: string | null;
}

/**
 * What `npm run verify` checks when given nothing: the same data `npm start` created (embedded
 * PostgreSQL, `<repo>/.data/blobs`, `<repo>/.data/master-key.json`). Relative paths that are set
 * are taken from where npm was run (INIT_CWD), as a user means them, not from the workspace folder
 * npm switches to.
 */
export function resolveVerifySources(
  env: Pick<ApiEnv, 'DATABASE_URL' | 'BLOB_STORE' | 'BLOB_DIR' | 'MASTER_KEY' | 'MASTER_KEY_FILE' | 'INIT_CWD'>,
  repoRoot: string,
  exists: (file: string) => boolean,
): VerifySources {
  const from = env.INIT_CWD ?? process.cwd();
  const blobDir = env.BLOB_STORE === 's3' ? null : env.BLOB_DIR === DEFAULT_BLOB_DIR ? path.join(repoRoot, DEFAULT_BLOB_DIR) : path.resolve(from, env.BLOB_DIR);
  let masterKey: VerifySources['masterKey'];
  if (env.MASTER_KEY) masterKey = { from: 'env' };
  else if (env.MASTER_KEY_FILE) masterKey = { from: 'file', path: path.resolve(from, env.MASTER_KEY_FILE) };
  else {
    const dev = path.join(repoRoot, DEV_MASTER_KEY_FILE);
    if (!exists(dev)) throw new Error(`No master key: set MASTER_KEY (and MASTER_KEY_ID) or MASTER_KEY_FILE, or run \`npm start\` once (it creates ${DEV_MASTER_KEY_FILE}).`);
    masterKey = { from: 'file', path: dev };
  }
  return { blobDir, masterKey, databaseUrl: env.DATABASE_URL ?? null };
}
