import type { Tx } from '@telework/db';
import { open } from '../crypto/aead';
import { dataKeyVersion } from '../crypto/data-keys';
import { AppError } from '../errors/app-error';
import type { MasterKeyring } from '../crypto/master-key';
import type { BlobStore } from '../storage/blob-store';
import { blobAad } from './deps';
import { sniffFormat } from './image';

export interface PlainImage {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
}

/** Fetches and decrypts one stored image; the caller has already checked that the viewer may see it. */
export async function decryptBlob(tx: Tx, store: BlobStore, keyring: MasterKeyring, tenantId: string, row: { blobKey: string; keyVersion: number }): Promise<PlainImage> {
  const sealed = await store.get(row.blobKey);
  if (!sealed) throw new AppError('NOT_FOUND', 'The image is no longer stored.', { reason: 'BLOB_MISSING' });
  const key = await dataKeyVersion(tx, keyring, tenantId, row.keyVersion);
  let bytes: Uint8Array;
  try {
    bytes = open(key.key, sealed, blobAad(tenantId, row.blobKey));
  } catch {
    // The GCM tag does not match: the stored blob was altered (or swapped). A refusal the viewer can act on
    // (the integrity check names the record), not a server fault.
    throw new AppError('CONFLICT', 'The stored image was altered and cannot be shown.', { reason: 'BLOB_ALTERED' });
  }
  return { bytes, contentType: sniffFormat(bytes) === 'png' ? 'image/png' : 'image/jpeg' };
}
