import { describe, expect, it } from 'vitest';
import { decideAccess, inAllowList, isPrivateAddress, isValidCidr } from './check-access';

// Real addresses from geoip-lite's bundled data (looked up offline).
const JAPAN = '133.242.0.1';
const BRITAIN = '81.2.69.160';
const USA = '8.8.8.8';

describe('decideAccess', () => {
  it('allows Japanese addresses and refuses foreign ones', () => {
    expect(decideAccess(JAPAN)).toEqual({ allowed: true, country: 'JP', reason: 'DOMESTIC' });
    expect(decideAccess(BRITAIN)).toEqual({ allowed: false, country: 'GB', reason: 'OUTSIDE_JAPAN' });
    expect(decideAccess(USA)).toMatchObject({ allowed: false, country: 'US' });
    expect(decideAccess(`::ffff:${BRITAIN}`)).toMatchObject({ allowed: false, country: 'GB' });
  });
  it('treats loopback and private networks as domestic', () => {
    for (const ip of ['127.0.0.1', '::1', '10.1.2.3', '192.168.0.5', '172.20.0.1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(ip)).toBe(true);
      expect(decideAccess(ip).allowed).toBe(true);
    }
    expect(isPrivateAddress(JAPAN)).toBe(false);
  });
  it('refuses a missing or malformed address', () => {
    expect(decideAccess(null)).toMatchObject({ allowed: false, reason: 'UNKNOWN_ADDRESS' });
    expect(decideAccess('not-an-ip')).toMatchObject({ allowed: false, reason: 'UNKNOWN_ADDRESS' });
  });
  it('applies a tenant allow-list on top of the country rule', () => {
    expect(decideAccess(JAPAN, ['133.242.0.0/16'])).toMatchObject({ allowed: true });
    expect(decideAccess(JAPAN, ['133.243.0.0/16'])).toMatchObject({ allowed: false, reason: 'NOT_IN_ALLOW_LIST' });
    // A foreign address stays refused even when listed: the terms forbid use from abroad.
    expect(decideAccess(BRITAIN, ['81.2.69.0/24'])).toMatchObject({ allowed: false, reason: 'OUTSIDE_JAPAN' });
  });
  it('matches CIDR blocks and bare addresses', () => {
    expect(inAllowList('10.0.5.7', ['10.0.0.0/16'])).toBe(true);
    expect(inAllowList('10.1.5.7', ['10.0.0.0/16'])).toBe(false);
    expect(inAllowList('10.1.5.7', ['10.1.5.7', 'junk'])).toBe(true);
    expect(isValidCidr('10.0.0.0/8')).toBe(true);
    expect(isValidCidr('10.0.0.0/33')).toBe(false);
    expect(isValidCidr('2001:db8::/32')).toBe(true);
    expect(isValidCidr('example.com')).toBe(false);
  });
});
