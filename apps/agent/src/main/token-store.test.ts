import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from './offline-queue/uuid-v7';
import { SecretStorageUnavailableError } from './secrets/secret-cipher';
import { aesSecretCipher } from './testing/aes-secret-cipher';
import { useTempDirs } from './testing/temp-dir';
import { TokenStore } from './token-store';

const tempDir = useTempDirs();
const credentials = () => ({ token: randomBytes(32).toString('base64url'), deviceId: uuidV7(), serverUrl: 'https://telework.example.jp/', userName: '山田 太郎', tenantName: '株式会社サンプル' });

describe('TokenStore', () => {
  it('keeps the token encrypted on disk and reads it back with the same OS key', async () => {
    const dir = await tempDir('token-');
    const file = join(dir, 'device-token.bin');
    const key = randomBytes(32);
    const saved = credentials();
    await new TokenStore(file, aesSecretCipher(key)).set(saved);

    const raw = await readFile(file);
    expect(raw.includes(Buffer.from(saved.token))).toBe(false);
    expect(raw.includes(Buffer.from('telework.example.jp'))).toBe(false);
    expect(await new TokenStore(file, aesSecretCipher(key)).get()).toEqual(saved);
  });

  it('replaces the token atomically and leaves no temp files', async () => {
    const dir = await tempDir('token-');
    const store = new TokenStore(join(dir, 'device-token.bin'), aesSecretCipher());
    const second = credentials();
    await store.set(credentials());
    await store.set(second);
    expect(await store.get()).toEqual(second);
    expect(await readdir(dir)).toEqual(['device-token.bin']);
  });

  it('clear() removes it (sign-out) and is harmless when already clear', async () => {
    const dir = await tempDir('token-');
    const store = new TokenStore(join(dir, 'device-token.bin'), aesSecretCipher());
    await store.set(credentials());
    await store.clear();
    await store.clear();
    expect(await store.get()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('treats a token sealed by another OS key, or garbage, as signed out and deletes it', async () => {
    const dir = await tempDir('token-');
    const file = join(dir, 'device-token.bin');
    await new TokenStore(file, aesSecretCipher()).set(credentials());
    expect(await new TokenStore(file, aesSecretCipher()).get()).toBeNull();
    expect(await readdir(dir)).toEqual([]);

    await writeFile(file, randomBytes(100));
    expect(await new TokenStore(file, aesSecretCipher()).get()).toBeNull();
  });

  it('refuses to store anything when OS encryption is unavailable, and rejects malformed credentials', async () => {
    const dir = await tempDir('token-');
    const file = join(dir, 'device-token.bin');
    await expect(new TokenStore(file, aesSecretCipher(randomBytes(32), false)).set(credentials())).rejects.toThrow(SecretStorageUnavailableError);
    const store = new TokenStore(file, aesSecretCipher());
    await expect(store.set({ ...credentials(), token: 'short' })).rejects.toThrow();
    await expect(store.set({ ...credentials(), serverUrl: 'not a url' })).rejects.toThrow();
    await expect(store.set({ ...credentials(), serverUrl: 'http://telework.example.jp/' })).rejects.toThrow('https');
    expect(await readdir(dir)).toEqual([]);
  });
});
