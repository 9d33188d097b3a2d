import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import type { BlobStore } from './blob-store';
import { LocalBlobStore } from './local-blob-store';
import { S3BlobStore } from './s3-blob-store';

let dir = '';
let s3server: S3rver | undefined;
const stores: Record<string, BlobStore> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blobs-'));
  stores.local = new LocalBlobStore(join(dir, 'local'));
  // A real S3-compatible server on loopback, spoken to by the real AWS SDK.
  s3server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: 'evidence', configs: [] }] });
  const { port } = await s3server.run();
  stores.s3 = new S3BlobStore({ bucket: 'evidence', region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix: 'test/' });
});

afterAll(async () => {
  (stores.s3 as S3BlobStore | undefined)?.destroy();
  await s3server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe.each(['local', 's3'])('%s blob store', (name) => {
  const store = () => {
    const s = stores[name];
    if (!s) throw new Error('store not ready');
    return s;
  };

  it('puts, gets, checks and deletes bytes exactly', async () => {
    const body = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const key = 't1/evidence/2026/abc.bin';
    expect(await store().exists(key)).toBe(false);
    expect(await store().get(key)).toBeNull();
    await store().put(key, body);
    expect(await store().exists(key)).toBe(true);
    expect(Buffer.from((await store().get(key)) ?? new Uint8Array()).equals(Buffer.from(body))).toBe(true);
    await store().delete(key);
    expect(await store().exists(key)).toBe(false);
    await store().delete(key); // twice is fine
  });

  it('refuses keys that could escape the folder or prefix', async () => {
    await expect(store().put('../etc/passwd', new Uint8Array(1))).rejects.toThrow(/Invalid blob key/);
    await expect(store().get('/abs')).rejects.toThrow(/Invalid blob key/);
  });
});
