import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveVerifySources } from './verify-sources';

const root = '/repo';
const base = { BLOB_STORE: 'local' as const, BLOB_DIR: '.data/blobs', DATABASE_URL: undefined, MASTER_KEY: undefined, MASTER_KEY_FILE: undefined, INIT_CWD: '/repo' };

describe('npm run verify finds what npm start created', () => {
  it('with nothing set: <repo>/.data/blobs, <repo>/.data/master-key.json and the embedded database, from any folder', () => {
    for (const cwd of ['/repo', '/repo/packages/api', '/elsewhere']) {
      expect(resolveVerifySources({ ...base, INIT_CWD: cwd }, root, (f) => f === '/repo/.data/master-key.json')).toEqual({
        blobDir: '/repo/.data/blobs',
        masterKey: { from: 'file', path: '/repo/.data/master-key.json' },
        databaseUrl: null,
      });
    }
  });

  it('says what to set when there is no key at all', () => {
    expect(() => resolveVerifySources(base, root, () => false)).toThrow(/MASTER_KEY_FILE, or run `npm start` once/);
  });

  it('relative paths that are set are taken from where npm was run, not the workspace folder', () => {
    const r = resolveVerifySources({ ...base, INIT_CWD: '/home/me', BLOB_DIR: 'blobs', MASTER_KEY_FILE: 'keys/m.json', DATABASE_URL: 'postgresql://u@h/db' }, root, () => false);
    expect(r).toEqual({ blobDir: path.resolve('/home/me/blobs'), masterKey: { from: 'file', path: '/home/me/keys/m.json' }, databaseUrl: 'postgresql://u@h/db' });
  });

  it('MASTER_KEY wins over files; S3 has no folder', () => {
    expect(resolveVerifySources({ ...base, MASTER_KEY: 'x', BLOB_STORE: 's3' }, root, () => false)).toMatchObject({ blobDir: null, masterKey: { from: 'env' } });
  });
});
