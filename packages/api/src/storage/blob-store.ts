/** Where encrypted image bytes live. Keys are opaque paths chosen by the server (never by a client). */
export interface BlobStore {
  put(key: string, body: Uint8Array): Promise<void>;
  /** The bytes, or null when there is no such blob. */
  get(key: string): Promise<Uint8Array | null>;
  /** Deleting a missing blob is not an error (retention may run twice). */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,400}$/i;

/** Refuses keys that could escape a folder or bucket prefix. */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key) || key.includes('..') || key.includes('//')) throw new Error(`Invalid blob key: ${key}`);
}
