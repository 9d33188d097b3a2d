import { randomBytes } from 'node:crypto';
import { EncryptedSecretFile } from '../secrets/encrypted-secret-file';
import type { SecretCipher } from '../secrets/secret-cipher';

/** Supplies the 32-byte AES-256 key of the offline queue. */
export interface KeyProvider {
  getKey(): Promise<Buffer>;
}

const KEY_BYTES = 32;

/**
 * A random queue key, generated on first use and stored encrypted by the OS cipher (safeStorage).
 * If the stored key can no longer be decrypted (e.g. the Windows profile was reset) the old file is
 * kept aside, not deleted — the failure might be transient — and a new key is made; the items sealed
 * with the old key are then quarantined by the queue's recovery pass.
 */
export function secretFileKeyProvider(file: string, cipher: SecretCipher, now: () => Date = () => new Date()): KeyProvider {
  const store = new EncryptedSecretFile(file, cipher);
  let cached: Buffer | undefined;
  return {
    async getKey() {
      if (cached) return cached;
      const existing = await store.read();
      if (existing.status === 'ok') {
        const key = Buffer.from(existing.value, 'base64');
        if (key.length === KEY_BYTES) return (cached = key);
      }
      if (existing.status !== 'missing') await store.setAside(`unreadable-${now().getTime()}`);
      const key = randomBytes(KEY_BYTES);
      await store.write(key.toString('base64'));
      return (cached = key);
    },
  };
}
