import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installFileFetch } from './file-fetch';

describe('installFileFetch', () => {
  it('answers file: URLs from disk, 404 for missing files, and leaves other URLs to the original fetch', async () => {
    installFileFetch();
    installFileFetch();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'face-fetch-'));
    await writeFile(path.join(dir, 'model.json'), '{"format":"graph-model"}');
    const ok = await fetch(pathToFileURL(path.join(dir, 'model.json')));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(await ok.json()).toEqual({ format: 'graph-model' });
    const missing = await fetch(pathToFileURL(path.join(dir, 'nope.bin')).href);
    expect(missing.status).toBe(404);
    const data = await fetch('data:text/plain,hello');
    expect(await data.text()).toBe('hello');
  });
});
