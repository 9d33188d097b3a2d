/**
 * Verifies every tenant's evidence chain and blobs: `npm run verify [-- --no-blobs] [-- --tenant <id>]`.
 * With nothing set it checks what `npm start` created (embedded PostgreSQL, .data/blobs,
 * .data/master-key.json); DATABASE_URL, BLOB_STORE/BLOB_DIR/S3_*, MASTER_KEY(_FILE) name other data.
 * Prints one line per tenant and every problem; exits 1 when anything is altered, missing or reordered.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDb, listTenantIds, withTenant } from '@telework/db';
import { resolveAdminDatabaseUrl } from '@telework/db/embedded';
import { getMasterKeyring, keyringFrom } from '../crypto';
import { readMasterKeyFile } from '../crypto/master-key';
import { apiEnv } from '../env';
import { verifyEvidence } from '../evidence/verify';
import { getBlobStore, LocalBlobStore } from '../storage';
import { resolveVerifySources } from './verify-sources';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');

async function main() {
  const args = process.argv.slice(2);
  const blobs = !args.includes('--no-blobs');
  const only = args.includes('--tenant') ? args[args.indexOf('--tenant') + 1] : undefined;
  const sources = resolveVerifySources(apiEnv, REPO_ROOT, existsSync);
  const keyring = sources.masterKey.from === 'env' ? getMasterKeyring() : keyringFrom({ ...readMasterKeyFile(sources.masterKey.path), old: apiEnv.MASTER_KEYS_OLD });
  const store = sources.blobDir ? new LocalBlobStore(sources.blobDir) : getBlobStore();
  // Without DATABASE_URL: the embedded server of `npm start` (attached if running, else started and stopped again).
  const database = sources.databaseUrl ? { url: sources.databaseUrl, stop: async () => undefined } : await resolveAdminDatabaseUrl();
  console.log(`database: ${sources.databaseUrl ? 'DATABASE_URL' : 'embedded PostgreSQL (npm start)'}; blobs: ${sources.blobDir ?? 'S3'}; master key: ${sources.masterKey.from === 'env' ? 'MASTER_KEY' : sources.masterKey.path}`);
  const db = createDb(database.url);
  let failed = 0;
  try {
    const tenants = only ? [only] : await listTenantIds(db);
    for (const tenantId of tenants) {
      const r = await verifyEvidence((fn) => withTenant(db, tenantId, fn), store, keyring, { tenantId, blobs });
      const removed = r.removedRows ? `, ${r.removedRows} removed by retention/deletion (checkpointed)` : '';
      console.log(`${r.ok ? 'OK  ' : 'FAIL'} tenant ${tenantId}: ${r.checkedRows} rows, ${r.checkedBlobs} blobs${removed}, head ${r.headSeq ?? '-'}, ${r.problems.length} problems`);
      for (const p of r.problems) console.log(`     ${JSON.stringify(p)}`);
      if (!r.ok) failed += 1;
    }
  } finally {
    await db.$disconnect();
    await database.stop();
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
