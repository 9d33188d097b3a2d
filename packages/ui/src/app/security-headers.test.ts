import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, FIXED_SECURITY_HEADERS, newNonce, securityHeadersProxy } from './security-headers';

/** Parses a policy as a browser does (CSP3 §2.2.1): `;`-separated directives, the first of a name wins. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

// The nonce-source grammar (CSP3): 'nonce-' base64-value "'".
const NONCE_SOURCE = /^'nonce-[A-Za-z0-9+/\-_]+={0,2}'$/;

describe('contentSecurityPolicy', () => {
  const policy = parsePolicy(contentSecurityPolicy('q2xvdWRzIGFuZCBzdW4='));

  it('lets scripts run only from this origin or with the request nonce, never inline without it and never eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-q2xvdWRzIGFuZCBzdW4='", "'strict-dynamic'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
  });

  it('refuses every framing parent', () => {
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it("allows inline style attributes only, not unnonced <style> elements", () => {
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-q2xvdWRzIGFuZCBzdW4='"]);
    expect(policy.get('style-src-attr')).toEqual(["'unsafe-inline'"]);
    // No script-src-elem/-attr or style-src-elem would override the lists above.
    for (const override of ['script-src-elem', 'script-src-attr', 'style-src-elem']) expect(policy.has(override)).toBe(false);
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(parsePolicy(contentSecurityPolicy('abc=', { dev: true })).get('script-src')).toContain("'unsafe-eval'");
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, different on every call', () => {
    const nonces = Array.from({ length: 1000 }, newNonce);
    for (const n of nonces) {
      expect(Buffer.from(n, 'base64')).toHaveLength(16);
      expect(`'nonce-${n}'`).toMatch(NONCE_SOURCE);
    }
    expect(new Set(nonces).size).toBe(1000);
  });
});

describe('securityHeadersProxy', () => {
  it('puts the same fresh policy on the response and on the request Next renders (where Next reads the nonce)', () => {
    const request = new NextRequest('http://localhost:3000/people', { headers: { cookie: 'a=b' } });
    const first = securityHeadersProxy(request);
    const second = securityHeadersProxy(request);
    const sent = first.headers.get('content-security-policy') ?? '';
    const nonce = parsePolicy(sent).get('script-src')?.find((s) => s.startsWith("'nonce-"));
    expect(nonce).toMatch(NONCE_SOURCE);
    // NextResponse.next({ request: { headers } }) forwards request headers as x-middleware-request-<name>.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(sent);
    expect(first.headers.get('x-middleware-request-cookie')).toBe('a=b');
    expect(second.headers.get('content-security-policy')).not.toBe(sent);
  });
});

describe('FIXED_SECURITY_HEADERS', () => {
  it('deny framing, sniffing, cross-origin referrers and camera, microphone and geolocation', () => {
    const headers = new Map(FIXED_SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('same-origin');
    const features = new Map((headers.get('permissions-policy') ?? '').split(',').map((f) => f.trim().split('=') as [string, string]));
    for (const feature of ['camera', 'microphone', 'geolocation']) expect(features.get(feature), feature).toBe('()');
  });
});
