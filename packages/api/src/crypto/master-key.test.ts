import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { open, seal } from './aead';
import { ensureDevMasterKey, keyringFrom, masterKeyFor, readMasterKeyFile } from './master-key';

describe('master keys', () => {
  it('ensureDevMasterKey creates one 0600 key file and never replaces it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mk-'));
    try {
      const path = await ensureDevMasterKey(join(dir, '.data'));
      const first = await readFile(path, 'utf8');
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await ensureDevMasterKey(join(dir, '.data'))).toBe(path);
      expect(await readFile(path, 'utf8')).toBe(first);
      const file = readMasterKeyFile(path);
      expect(keyringFrom({ key: file.key, id: file.id }).current.key.length).toBe(32);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses keys that are not 32 bytes and finds old keys by id', () => {
    expect(() => keyringFrom({ key: randomBytes(16).toString('base64'), id: 'x' })).toThrow(/32 bytes/);
    const old = randomBytes(32);
    const ring = keyringFrom({ key: randomBytes(32).toString('base64'), id: 'new', old: `old:${old.toString('base64')}` });
    expect(Buffer.from(masterKeyFor(ring, 'old')).equals(old)).toBe(true);
    expect(() => masterKeyFor(ring, 'gone')).toThrow(/not configured/);
  });

  it('AES-GCM refuses a flipped bit, a wrong key and a wrong AAD', () => {
    const key = randomBytes(32);
    const sealed = seal(key, Buffer.from('photo'), 'blob:a');
    expect(Buffer.from(open(key, sealed, 'blob:a')).toString()).toBe('photo');
    const flipped = new Uint8Array(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(() => open(key, flipped, 'blob:a')).toThrow();
    expect(() => open(randomBytes(32), sealed, 'blob:a')).toThrow();
    expect(() => open(key, sealed, 'blob:b')).toThrow();
  });
});
