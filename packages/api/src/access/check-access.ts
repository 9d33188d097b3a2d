// geoip-lite ships no types; apps that compile this file through transpilePackages need the reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./geoip-lite.d.ts" />
import { BlockList, isIP } from 'node:net';
import geoip from 'geoip-lite';
import type { Db } from '@telework/db';
import { withTenant } from '@telework/db';
import { recordProviderAudit, recordTenantAudit, type AuditEntry } from '../audit/audit-log';

// 第5条, 第22条6号: the service is offered in Japan only; access from abroad is refused.
// The country comes from geoip-lite's bundled database (no network lookup); a tenant may narrow
// access further with its own CIDR allow-list.

export type AccessDecision =
  | { allowed: true; country: string | null; reason: 'DOMESTIC' | 'PRIVATE_NETWORK' }
  | { allowed: false; country: string | null; reason: 'OUTSIDE_JAPAN' | 'UNKNOWN_ADDRESS' | 'NOT_IN_ALLOW_LIST' };

const privateRanges = new BlockList();
privateRanges.addSubnet('127.0.0.0', 8, 'ipv4');
privateRanges.addSubnet('10.0.0.0', 8, 'ipv4');
privateRanges.addSubnet('172.16.0.0', 12, 'ipv4');
privateRanges.addSubnet('192.168.0.0', 16, 'ipv4');
privateRanges.addSubnet('169.254.0.0', 16, 'ipv4');
privateRanges.addAddress('::1', 'ipv6');
privateRanges.addSubnet('fc00::', 7, 'ipv6');
privateRanges.addSubnet('fe80::', 10, 'ipv6');

function normalise(ip: string): string {
  return ip.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
}

/** Loopback and private addresses never cross a border on their own: development, CI, internal proxies. */
export function isPrivateAddress(ip: string): boolean {
  const a = normalise(ip);
  const family = isIP(a);
  if (family === 0) return false;
  return privateRanges.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

export function countryOf(ip: string): string | null {
  return geoip.lookup(normalise(ip))?.country || null;
}

/** Whether `ip` is inside one of the CIDR blocks (a bare address counts as /32 or /128). Bad entries are ignored. */
export function inAllowList(ip: string, cidrs: readonly string[]): boolean {
  const a = normalise(ip);
  const family = isIP(a);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of cidrs) {
    const [net = '', bits] = entry.trim().split('/');
    const f = isIP(net);
    if (f === 0) continue;
    const prefix = bits === undefined ? (f === 4 ? 32 : 128) : Number(bits);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (f === 4 ? 32 : 128)) continue;
    list.addSubnet(net, prefix, f === 4 ? 'ipv4' : 'ipv6');
  }
  return list.check(a, family === 4 ? 'ipv4' : 'ipv6');
}

/** Valid CIDR (or bare address) for the allow-list editor. */
export function isValidCidr(entry: string): boolean {
  const [net = '', bits, extra] = entry.trim().split('/');
  const f = isIP(net);
  if (f === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (f === 4 ? 32 : 128);
}

/**
 * The decision for one request. The country rule comes first (it is the terms' rule); the tenant's
 * allow-list, when not empty, must also contain the address. Private addresses pass the country rule
 * but still have to be on a non-empty allow-list.
 */
export function decideAccess(ip: string | null, allowList: readonly string[] = []): AccessDecision {
  if (!ip || isIP(normalise(ip)) === 0) return { allowed: false, country: null, reason: 'UNKNOWN_ADDRESS' };
  const priv = isPrivateAddress(ip);
  const country = priv ? null : countryOf(ip);
  if (!priv && country !== 'JP') return { allowed: false, country, reason: country ? 'OUTSIDE_JAPAN' : 'UNKNOWN_ADDRESS' };
  if (allowList.length > 0 && !inAllowList(ip, allowList)) return { allowed: false, country, reason: 'NOT_IN_ALLOW_LIST' };
  return { allowed: true, country, reason: priv ? 'PRIVATE_NETWORK' : 'DOMESTIC' };
}

export const ACCESS_REFUSED_ACTION = 'access.refused';

/**
 * Decides and, on refusal, records it: in the tenant's audit log when the tenant is known (its
 * administrators see it), otherwise in the provider's. `db` is the application-role client.
 */
export async function checkAccess(db: Db, input: { ip: string | null; tenantId?: string | null; path?: string }): Promise<AccessDecision> {
  const tenantId = input.tenantId ?? null;
  const allowList = tenantId
    ? ((await withTenant(db, tenantId, (tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { ipAllowList: true } })))?.ipAllowList ?? [])
    : [];
  const decision = decideAccess(input.ip, allowList);
  if (decision.allowed) return decision;
  const entry: AuditEntry = {
    actorKind: 'SYSTEM',
    actorId: null,
    action: ACCESS_REFUSED_ACTION,
    details: { reason: decision.reason, country: decision.country, path: input.path ?? null },
    ip: input.ip,
  };
  if (tenantId) await withTenant(db, tenantId, (tx) => recordTenantAudit(tx, tenantId, entry));
  else await db.$transaction((tx) => recordProviderAudit(tx, entry));
  return decision;
}

/**
 * Sign-in: the request carried no tenant when the HTTP layer checked it (country rule only), so the
 * tenant named by the system ID applies its allow-list here. Only the allow-list: the country rule
 * already ran for every request. A refusal is audit-logged for the tenant like any other.
 */
export async function checkSignInAllowList(db: Db, input: { ip: string | null; tenantId: string; path: string }): Promise<AccessDecision> {
  const row = await withTenant(db, input.tenantId, (tx) => tx.tenant.findUnique({ where: { id: input.tenantId }, select: { ipAllowList: true } }));
  const allowList = row?.ipAllowList ?? [];
  if (allowList.length === 0) return { allowed: true, country: null, reason: 'DOMESTIC' };
  const ip = input.ip ? normalise(input.ip) : null;
  if (ip && isIP(ip) !== 0 && inAllowList(ip, allowList)) return { allowed: true, country: null, reason: isPrivateAddress(ip) ? 'PRIVATE_NETWORK' : 'DOMESTIC' };
  const decision = { allowed: false, country: ip && isIP(ip) !== 0 && !isPrivateAddress(ip) ? countryOf(ip) : null, reason: 'NOT_IN_ALLOW_LIST' } as const;
  await withTenant(db, input.tenantId, (tx) =>
    recordTenantAudit(tx, input.tenantId, {
      actorKind: 'SYSTEM', actorId: null, action: ACCESS_REFUSED_ACTION, details: { reason: decision.reason, country: decision.country, path: input.path }, ip: input.ip,
    }),
  );
  return decision;
}

/**
 * For the HTTP layer, before tRPC: null when the request may go on, else the 403 response to send.
 * The body is JSON in tRPC's error shape so the web apps show it like any other refusal.
 */
export async function refuseIfOutsideJapan(db: Db, req: { ip: string | null; tenantId?: string | null; path?: string }): Promise<Response | null> {
  const decision = await checkAccess(db, req);
  if (decision.allowed) return null;
  return new Response(
    JSON.stringify({ error: { message: 'This service is available from Japan only.', code: -32003, data: { code: 'FORBIDDEN', appCode: 'FORBIDDEN', reason: decision.reason, httpStatus: 403 } } }),
    { status: 403, headers: { 'content-type': 'application/json' } },
  );
}
