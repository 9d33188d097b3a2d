import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';
import { ACCESS_REFUSED_ACTION, inAllowList, isValidCidr } from './check-access';

/** db: tenant scope. */
export async function getAllowList(db: Tx, tenantId: string): Promise<string[]> {
  return (await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { ipAllowList: true } })).ipAllowList;
}

/**
 * Replaces the tenant's allow-list (empty = any address in Japan). A list that would shut out the
 * administrator making the change is refused, so nobody locks their organisation out by a typo.
 */
export async function setAllowList(db: Tx, args: { tenantId: string; actorId: string; ip: string | null; cidrs: string[] }): Promise<string[]> {
  const cidrs = [...new Set(args.cidrs.map((c) => c.trim()).filter(Boolean))];
  const bad = cidrs.filter((c) => !isValidCidr(c));
  if (bad.length > 0) throw new AppError('VALIDATION', `Not a valid address or CIDR block: ${bad.join(', ')}`, { fieldErrors: { cidrs: bad.map(() => 'invalid') } });
  if (cidrs.length > 0 && (!args.ip || !inAllowList(args.ip, cidrs))) {
    throw new AppError('RULE_VIOLATION', 'The list does not include the address you are using now.', { reason: 'ALLOW_LIST_EXCLUDES_CALLER' });
  }
  await db.tenant.update({ where: { id: args.tenantId }, data: { ipAllowList: cidrs } });
  await recordTenantAudit(db, args.tenantId, { actorKind: 'USER', actorId: args.actorId, action: 'access.allow-list', details: { cidrs }, ip: args.ip });
  return cidrs;
}

/** Recent refused requests of the tenant, newest first. */
export function recentRefusals(db: Tx, tenantId: string, limit = 100) {
  return db.auditLog.findMany({
    where: { tenantId, action: ACCESS_REFUSED_ACTION },
    orderBy: { id: 'desc' },
    take: limit,
    select: { id: true, ip: true, details: true, createdAt: true },
  });
}
