import { applyScope, type Tx } from '@telework/db';
import { recordProviderAudit } from '../audit/audit-log';
import { trySend, type Mailer } from '../mail/mailer';
import { supportEnv } from '../support/env';

/**
 * Runs `read` in the operator's scope and then returns the transaction to the scope it had: a mail
 * about a step a reseller or the customer took goes to the registered administrators, whom only the
 * operator's scope may read (row-level security), and only their addresses are read.
 */
async function asOperator<T>(db: Tx, read: () => Promise<T>): Promise<T> {
  const [prev] = await db.$queryRaw<{ tenant: string | null; operator: string | null; reseller: string | null }[]>`
    SELECT current_setting('app.tenant_id', true) AS tenant, current_setting('app.operator', true) AS operator, current_setting('app.reseller_id', true) AS reseller`;
  await applyScope(db, { operator: true });
  try {
    return await read();
  } finally {
    await applyScope(db, { tenantId: prev?.tenant || undefined, operator: prev?.operator === 'on', resellerId: prev?.reseller || undefined });
  }
}

/** The people a contract mail goes to: the tenant's registered administrators (第4条4項) and the selling reseller. */
export function contractParties(db: Tx, tenantId: string) {
  return asOperator(db, () => readParties(db, tenantId));
}

async function readParties(db: Tx, tenantId: string) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { name: true, systemId: true, reseller: { select: { name: true, email: true } } } });
  const admins = await db.user.findMany({
    where: { tenantId, isRegisteredAdministrator: true, disabledAt: null, email: { not: null } },
    select: { email: true },
    orderBy: { loginId: 'asc' },
  });
  return {
    tenantName: tenant?.name ?? '',
    systemId: tenant?.systemId ?? '',
    administrators: admins.flatMap((a) => (a.email ? [a.email] : [])),
    reseller: tenant?.reseller ?? null,
  };
}

export type ContractParties = Awaited<ReturnType<typeof contractParties>>;

/**
 * Sends one contract mail to the administrators and, as a copy, to the reseller. The move it reports
 * stands whatever the mail does: a refused address is audit-logged (mail.failed) for operators to follow up.
 */
export async function mailContractParties(
  db: Tx,
  mailer: Mailer,
  input: { tenantId: string; parties: ContractParties; mail: string; subject: string; lines: string[]; english: string },
): Promise<boolean> {
  const { parties } = input;
  const to = parties.administrators;
  const cc = parties.reseller?.email ? [parties.reseller.email] : [];
  if (to.length + cc.length === 0) return false;
  const text = [
    `${parties.tenantName} 御中（システムID ${parties.systemId}）`,
    '',
    ...input.lines,
    '',
    `お問い合わせ: ${parties.reseller ? `${parties.reseller.name}（販売店）または ` : ''}${supportEnv.SUPPORT_EMAIL}`,
    '',
    input.english,
  ].join('\n');
  const sent = await trySend(mailer, { to: to.length > 0 ? [...to, ...cc] : cc, subject: `【Telework Supporter】${input.subject}`, text });
  if (!sent) {
    await recordProviderAudit(db, {
      actorKind: 'SYSTEM', actorId: null, tenantId: input.tenantId, action: 'mail.failed', targetType: 'Tenant', targetId: input.tenantId, details: { mail: input.mail },
    });
  }
  return sent;
}
