import { createDb } from '@telework/db';
import { getMasterKeyring, keyringFrom } from '../../packages/api/src/crypto';
import { readMasterKeyFile } from '../../packages/api/src/crypto/master-key';
import { seedDemoEvidence } from '../../packages/api/src/evidence/demo-evidence';
import { getBlobStore, LocalBlobStore } from '../../packages/api/src/storage';

/**
 * Demo evidence for a freshly seeded database: stored like the apps store it (encrypted under the
 * same master key, in the same blob store), so the incident, timeline and integrity screens show
 * real images. A failure here is reported and does not stop the start.
 */
export async function seedEvidence(appUrl: string, opts: { masterKeyFile: string | undefined; blobDir: string }): Promise<void> {
  const db = createDb(appUrl, { maxConnections: 2 });
  try {
    const keyring = opts.masterKeyFile ? keyringFrom(readMasterKeyFile(opts.masterKeyFile)) : getMasterKeyring();
    // The apps get BLOB_DIR from this script; an S3 store is configured in the environment for both.
    const store = process.env.BLOB_STORE === 's3' ? getBlobStore() : new LocalBlobStore(opts.blobDir);
    const stored = await seedDemoEvidence({ db, store, keyring });
    console.log(`Stored ${stored} demo evidence images.`);
  } catch (error) {
    console.error('The demo evidence images could not be stored (the rest of the demo works):', error);
  } finally {
    await db.$disconnect();
  }
}
