/**
 * Verifies every tenant's evidence chain and blobs: `npx tsx packages/api/src/cli/verify-evidence.ts [--no-blobs] [--tenant <id>]`.
 * Reads DATABASE_URL, BLOB_STORE/BLOB_DIR/S3_*, MASTER_KEY(_FILE). Prints one line per tenant and
 * every problem; exits 1 when anything is altered, missing or reordered.
 */
import { createDb, listTenantIds, withTenant } from '@telework/db';
import { getMasterKeyring } from '../crypto';
import { apiEnv } from '../env';
import { verifyEvidence } from '../evidence/verify';
import { getBlobStore } from '../storage';

async function main() {
  const args = process.argv.slice(2);
  const blobs = !args.includes('--no-blobs');
  const only = args.includes('--tenant') ? args[args.indexOf('--tenant') + 1] : undefined;
  if (!apiEnv.DATABASE_URL) throw new Error('Set DATABASE_URL.');
  const db = createDb(apiEnv.DATABASE_URL);
  const store = getBlobStore();
  let failed = 0;
  try {
    const tenants = only ? [only] : await listTenantIds(db);
    for (const tenantId of tenants) {
      const r = await verifyEvidence((fn) => withTenant(db, tenantId, fn), store, getMasterKeyring, { tenantId, blobs });
      console.log(`${r.ok ? 'OK  ' : 'FAIL'} tenant ${tenantId}: ${r.checkedRows} rows, ${r.checkedBlobs} blobs, ${r.problems.length} problems`);
      for (const p of r.problems) console.log(`     ${JSON.stringify(p)}`);
      if (!r.ok) failed += 1;
    }
  } finally {
    await db.$disconnect();
  }
  process.exitCode = failed ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
