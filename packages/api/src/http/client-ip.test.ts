import { describe, expect, it } from 'vitest';
import { clientIp, forwardedFor } from './client-ip';

describe('forwardedFor (what the apps\' server writes before Next reads it)', () => {
  it('without a trusted proxy, keeps only the socket address: a client cannot pose as a Japanese address', () => {
    expect(forwardedFor('133.242.0.1', '81.2.69.160', false)).toBe('81.2.69.160');
    expect(forwardedFor(undefined, '::ffff:127.0.0.1', false)).toBe('127.0.0.1');
  });

  it('behind a trusted proxy, keeps its chain and puts the socket address (the proxy) last', () => {
    expect(forwardedFor('133.242.0.1, 81.2.69.160', '10.0.0.5', true)).toBe('133.242.0.1, 81.2.69.160, 10.0.0.5');
    expect(forwardedFor(undefined, '10.0.0.5', true)).toBe('10.0.0.5');
  });
});

describe('clientIp', () => {
  const xff = (v: string) => new Headers({ 'x-forwarded-for': v });
  it('is the socket address (the last hop) without a trusted proxy', () => {
    expect(clientIp(xff('81.2.69.160'), false)).toBe('81.2.69.160');
  });
  it('is the hop the trusted proxy added, not one the client sent before it', () => {
    expect(clientIp(xff('133.242.0.1, 81.2.69.160, 10.0.0.5'), true)).toBe('81.2.69.160');
    // Straight to the server although a proxy is trusted: the socket address.
    expect(clientIp(xff('81.2.69.160'), true)).toBe('81.2.69.160');
  });
});
