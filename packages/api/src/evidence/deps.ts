import type { Db } from '@telework/db';
import type { MasterKeyring } from '../crypto/master-key';
import type { BlobStore } from '../storage/blob-store';

/** What evidence services need besides a transaction: the pool (they open their own short ones), the store and the keys. */
export interface EvidenceDeps {
  db: Db;
  store: BlobStore;
  keyring: MasterKeyring;
}

export const CAMERA_MAX = { width: 640, height: 480 };
export const SCREEN_MAX = { width: 1920, height: 1080 };
export const REDUCED_MAX = { width: 960, height: 540 };
/** The face descriptor of the product's model (packages/face): 128 numbers. */
export { DESCRIPTOR_LENGTH } from '@telework/face/verdict';

export const blobAad = (tenantId: string, blobKey: string) => `blob:${tenantId}:${blobKey}`;
export const descriptorAad = (tenantId: string, blobKey: string) => `face-descriptor:${tenantId}:${blobKey}`;
