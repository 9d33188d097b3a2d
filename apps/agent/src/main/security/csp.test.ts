import { describe, expect, it } from 'vitest';
import { buildCsp, withCsp } from './csp';

function directives(csp: string) {
  return Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
}

describe('buildCsp', () => {
  it('locks the packaged renderer to its own origin', () => {
    const d = directives(buildCsp());
    expect(d['default-src']).toBe("'none'");
    expect(d['script-src']).toBe("'self' 'wasm-unsafe-eval'");
    expect(d['connect-src']).toBe("'self'");
    expect(d['object-src']).toBe("'none'");
    expect(d['frame-ancestors']).toBe("'none'");
    expect(d['media-src']).toContain('mediastream:');
    expect(buildCsp()).not.toContain('unsafe-inline');
    expect(buildCsp()).not.toContain("'unsafe-eval'");
    expect(buildCsp()).not.toContain('https:');
  });

  it('opens exactly the dev server (and its HMR socket) while developing', () => {
    const d = directives(buildCsp({ devServerOrigin: 'http://localhost:5173' }));
    expect(d['script-src']).toBe("'self' http://localhost:5173 'wasm-unsafe-eval'");
    expect(d['connect-src']).toBe("'self' http://localhost:5173 ws://localhost:5173");
    expect(d['style-src']).toContain("'unsafe-inline'");
  });
});

describe('withCsp', () => {
  it('replaces a policy sent by the response, whatever its header case, and keeps other headers', () => {
    const headers = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, "default-src 'none'");
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] });
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
