import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppOrigin, isAppUrl, resolveAppAsset } from './app-origin';

describe('isAppUrl', () => {
  it.each([
    ['app://agent/', true],
    ['app://agent/index.html#/settings', true],
    // app: is not a special scheme, so its host is not case-folded: only the exact host matches.
    ['APP://agent/index.html', true],
    ['app://AGENT/index.html', false],
    ['app://agent:8080/', false],
    ['app://user:pw@agent/', false],
    ['app://agent.evil.example/', false],
    ['app://other/', false],
    ['file:///C:/Program%20Files/Telework/resources/app/index.html', false],
    ['https://example.com/', false],
    ['http://localhost:5173/', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it('accepts the dev server only when configured, and only on loopback', () => {
    const pages = { devServerOrigin: 'http://localhost:5173' };
    expect(isAppUrl('http://localhost:5173/src/main.tsx', pages)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', pages)).toBe(false);
    expect(isAppOrigin('http://localhost:5173', pages)).toBe(true);
    expect(isAppOrigin('http://localhost:5173')).toBe(false);
    expect(() => isAppUrl('http://192.0.2.1:5173/', { devServerOrigin: 'http://192.0.2.1:5173' })).toThrow('loopback');
  });
});

describe('resolveAppAsset', () => {
  const root = join('/opt', 'agent', 'renderer');
  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://agent/')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://agent/assets/app.js?v=1')).toBe(join(root, 'assets', 'app.js'));
    expect(resolveAppAsset(root, 'app://agent/models/face%20mesh.bin')).toBe(join(root, 'models', 'face mesh.bin'));
  });

  it('keeps dot segments inside the folder (the URL parser clamps them at the root)', () => {
    expect(resolveAppAsset(root, 'app://agent/../secrets.txt')).toBe(join(root, 'secrets.txt'));
    expect(resolveAppAsset(root, 'app://agent/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc', 'passwd'));
  });

  it.each([
    'app://agent/assets%2f..%2f..%2fkey',
    'app://agent/..%5c..%5cwindows',
    'app://agent/a%00.html',
    'app://agent/%E0%A4%A',
    'app://other/index.html',
    'app://agent:1/index.html',
    'app://u:p@agent/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });
});
