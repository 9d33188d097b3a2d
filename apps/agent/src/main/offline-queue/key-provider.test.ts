import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretStorageUnavailableError } from '../secrets/secret-cipher';
import { aesSecretCipher } from '../testing/aes-secret-cipher';
import { useTempDirs } from '../testing/temp-dir';
import { secretFileKeyProvider } from './key-provider';
import { OfflineQueue } from './offline-queue';

const tempDir = useTempDirs();

describe('secretFileKeyProvider', () => {
  it('makes one random key, stores it sealed, and gives the same key after a restart', async () => {
    const dir = await tempDir('key-');
    const osKey = randomBytes(32);
    const file = join(dir, 'queue.key');
    const first = await secretFileKeyProvider(file, aesSecretCipher(osKey)).getKey();
    expect(first).toHaveLength(32);
    const again = await secretFileKeyProvider(file, aesSecretCipher(osKey)).getKey();
    expect(again.equals(first)).toBe(true);

    // End to end: a queue written with it can be read after a "restart".
    const queueDir = join(dir, 'queue');
    const queue = await OfflineQueue.open({ dir: queueDir, keyProvider: secretFileKeyProvider(file, aesSecretCipher(osKey)) });
    const { clientId } = await queue.enqueueEvent({ eventType: 'punch', data: { kind: 'WORK_START' } });
    const reopened = await OfflineQueue.open({ dir: queueDir, keyProvider: secretFileKeyProvider(file, aesSecretCipher(osKey)) });
    expect(reopened.list().map((e) => e.clientId)).toEqual([clientId]);
  });

  it('sets an undecryptable key file aside and starts a new key', async () => {
    const dir = await tempDir('key-');
    const file = join(dir, 'queue.key');
    const old = await secretFileKeyProvider(file, aesSecretCipher()).getKey();
    const fresh = await secretFileKeyProvider(file, aesSecretCipher(), () => new Date(1_700_000_000_000)).getKey();
    expect(fresh.equals(old)).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['queue.key', 'queue.key.unreadable-1700000000000']);
  });

  it('never writes a key when OS encryption is unavailable', async () => {
    const dir = await tempDir('key-');
    await expect(secretFileKeyProvider(join(dir, 'queue.key'), aesSecretCipher(randomBytes(32), false)).getKey()).rejects.toThrow(SecretStorageUnavailableError);
    expect(await readdir(dir)).toEqual([]);
  });
});
