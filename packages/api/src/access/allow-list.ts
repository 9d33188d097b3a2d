import type { Tx } from '@telework/db';
import { AppError } from '../errors/app-error';
import { recordTenantAudit } from '../audit/audit-log';
import { ACCESS_REFUSED_ACTION, inAllowList, isValidCidr } from './check-access';

/** db: tenant scope. The caller's own address comes along, so the editor can say whether the list lets them in. */
export async function getAllowList(db: Tx, tenantId: string, callerIp: string | null): Promise<{ cidrs: string[]; callerIp: string | null }> {
  const { ipAllowList } = await db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { ipAllowList: true } });
  return { cidrs: ipAllowList, callerIp };
}

/**
 * Replaces the tenant's allow-list (empty = any address in Japan). A list that would shut out the
 * administrator making the change is refused, so nobody locks their organisation out by a typo.
 */
export async function setAllowList(db: Tx, args: { tenantId: string; actorId: string; ip: string | null; cidrs: string[] }): Promise<string[]> {
  // Each bad entry is named by its position in the list as sent (cidrs.<index>), for the editor to mark that line.
  const bad = args.cidrs.flatMap((c, index) => (c.trim() && !isValidCidr(c) ? [{ entry: c.trim(), index }] : []));
  if (bad.length > 0) {
    throw new AppError('VALIDATION', `Not a valid address or CIDR block: ${bad.map((b) => b.entry).join(', ')}`, {
      fieldErrors: Object.fromEntries(bad.map((b) => [`cidrs.${b.index}`, ['invalid']])),
    });
  }
  const cidrs = [...new Set(args.cidrs.map((c) => c.trim()).filter(Boolean))];
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
