import { apiEnv } from '../env';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';

export type { BlobStore } from './blob-store';
export { LocalBlobStore } from './local-blob-store';
export { S3BlobStore } from './s3-blob-store';

const holder = globalThis as unknown as { __teleworkBlobStore?: BlobStore };

/** The process's blob store, chosen by BLOB_STORE (local folder by default, or S3). */
export function getBlobStore(): BlobStore {
  if (!holder.__teleworkBlobStore) {
    const e = apiEnv;
    if (e.BLOB_STORE === 's3') {
      if (!e.S3_BUCKET) throw new Error('BLOB_STORE=s3 needs S3_BUCKET.');
      holder.__teleworkBlobStore = new S3BlobStore({
        bucket: e.S3_BUCKET, region: e.S3_REGION, endpoint: e.S3_ENDPOINT, accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        forcePathStyle: e.S3_FORCE_PATH_STYLE, prefix: e.S3_PREFIX,
      });
    } else {
      holder.__teleworkBlobStore = new LocalBlobStore(e.BLOB_DIR);
    }
  }
  return holder.__teleworkBlobStore;
}
