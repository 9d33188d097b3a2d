import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { appProtocolHandler } from './app-protocol';
import { buildCsp } from './csp';

const tempDir = useTempDirs();

async function renderer() {
  const base = await tempDir('renderer-');
  const root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>agent</title>');
  await writeFile(join(root, 'assets', 'backend.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d]));
  await writeFile(join(base, 'secret.txt'), 'device token');
  return root;
}

describe('appProtocolHandler', () => {
  it('serves the renderer with the CSP and the right types', async () => {
    const handle = appProtocolHandler(await renderer(), buildCsp());
    const index = await handle(new Request('app://agent/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(buildCsp());
    expect(await index.text()).toContain('<title>agent</title>');
    const wasm = await handle(new Request('app://agent/assets/backend.wasm'));
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });

  it.each(['app://agent/../secret.txt', 'app://agent/..%2fsecret.txt', 'app://agent/missing.html', 'app://agent/index.php', 'app://other/index.html'])(
    '404 for %s',
    async (url) => {
      const handle = appProtocolHandler(await renderer(), buildCsp());
      const response = await handle(new Request(url));
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('Not found');
    },
  );

  it('refuses anything but GET', async () => {
    const handle = appProtocolHandler(await renderer(), buildCsp());
    expect((await handle(new Request('app://agent/index.html', { method: 'POST', body: 'x' }))).status).toBe(404);
  });
});
