import { applyScope, type ChangeRequest, type Prisma, type Tx } from '@telework/db';
import { z } from 'zod';
import { recordProviderAudit, recordTenantAudit } from '../audit/audit-log';
import { AppError } from '../errors/app-error';
import type { Mailer } from '../mail/mailer';
import { IN_SERVICE_STATUSES } from './lifecycle';
import { contractParties, mailContractParties } from './lifecycle-mail';
import type { DetailsChange } from './schemas';

// 第4条3項: the customer reports changes to what it told the provider on applying (name, address, phone,
// registered administrators) through the provider's procedure. A console ADMIN is not by that alone a
// registered administrator (第4条1項): only the administrators the customer reports, and the provider
// records, may contact the provider (第4条2項) and receive its notices (第4条4項).

const reportedAdministrator = z.object({ userId: z.uuid(), name: z.string(), department: z.string().nullable(), email: z.string() });
const storedChange = z.object({
  companyName: z.string().optional(),
  postalCode: z.string().optional(),
  address: z.string().optional(),
  phone: z.string().optional(),
  administrators: z.array(reportedAdministrator).optional(),
  note: z.string().optional(),
});

/** Files the report (a CHANGE_DETAILS change request) from a registered administrator; the provider records it on acceptance. */
export async function submitDetailsChange(db: Tx, mailer: Mailer, who: { tenantId: string; userId: string }, input: DetailsChange) {
  const me = await db.user.findUnique({ where: { tenantId_id: { tenantId: who.tenantId, id: who.userId } }, select: { isRegisteredAdministrator: true } });
  if (!me?.isRegisteredAdministrator) throw new AppError('FORBIDDEN', 'Only registered administrators report changes to the provider (第4条2項).', { reason: 'NOT_REGISTERED_ADMINISTRATOR' });
  const contract = await db.contract.findFirst({ where: { tenantId: who.tenantId, status: { in: ['PENDING_START', ...IN_SERVICE_STATUSES] } }, orderBy: { startDate: 'asc' } });
  if (!contract) throw new AppError('CONFLICT', 'There is no contract in force.', { reason: 'CONTRACT_NOT_ACTIVE' });
  let administrators: z.infer<typeof reportedAdministrator>[] | undefined;
  if (input.administratorUserIds) {
    const ids = [...new Set(input.administratorUserIds)];
    const users = await db.user.findMany({ where: { tenantId: who.tenantId, id: { in: ids } }, select: { id: true, name: true, department: true, email: true, role: true, disabledAt: true } });
    const fit = users.filter((u) => u.role === 'ADMIN' && !u.disabledAt && u.email);
    if (fit.length !== ids.length) {
      throw new AppError('VALIDATION', 'Registered administrators must be active console administrators with an e-mail address.', { fieldErrors: { administratorUserIds: ['invalid'] } });
    }
    administrators = fit.map((u) => ({ userId: u.id, name: u.name, department: u.department, email: u.email ?? '' }));
  }
  const details = storedChange.parse({
    companyName: input.companyName, postalCode: input.postalCode, address: input.address, phone: input.phone, administrators, note: input.note,
  }) satisfies Prisma.InputJsonValue;
  const req = await db.changeRequest.create({
    data: { tenantId: who.tenantId, contractId: contract.id, resellerId: contract.resellerId, kind: 'CHANGE_DETAILS', details, requestedByKind: 'USER', requestedById: who.userId },
  });
  const fields = Object.keys(details).filter((k) => k !== 'note');
  const audit = { actorKind: 'USER', actorId: who.userId, action: 'details.report', targetType: 'ChangeRequest', targetId: req.id, details: { fields } } as const;
  await recordTenantAudit(db, who.tenantId, audit);
  await recordProviderAudit(db, { ...audit, tenantId: who.tenantId, resellerId: contract.resellerId });
  await mailContractParties(db, mailer, {
    tenantId: who.tenantId,
    parties: await contractParties(db, who.tenantId),
    mail: 'details-reported',
    subject: '届出事項の変更を受け付けました / Change reported',
    lines: ['届出事項の変更（第4条3項）を受け付けました。当社で確認のうえ登録し、あらためてお知らせします。'],
    english: 'We received your report of changed details (clause 4(3)); we will record it and tell you.',
  });
  return req;
}

/** Records an accepted report: the tenant's details, and who the registered administrators are from now on. */
export async function applyDetailsChange(db: Tx, mailer: Mailer, operator: { id: string }, r: ChangeRequest) {
  const change = storedChange.parse(r.details ?? {});
  const tenantData = {
    ...(change.companyName ? { name: change.companyName } : {}),
    ...(change.postalCode ? { postalCode: change.postalCode } : {}),
    ...(change.address ? { address: change.address } : {}),
    ...(change.phone ? { phone: change.phone } : {}),
  };
  if (Object.keys(tenantData).length > 0) await db.tenant.update({ where: { id: r.tenantId }, data: tenantData });
  if (change.administrators) {
    const ids = change.administrators.map((a) => a.userId);
    // Users are tenant rows an operator may not read in general: switch to the tenant's scope to write them.
    await applyScope(db, { operator: true, tenantId: r.tenantId });
    try {
      const still = await db.user.count({ where: { tenantId: r.tenantId, id: { in: ids }, role: 'ADMIN', disabledAt: null } });
      if (still !== ids.length) throw new AppError('CONFLICT', 'A reported administrator is no longer an active console administrator.', { reason: 'ADMINISTRATOR_GONE' });
      await db.user.updateMany({ where: { tenantId: r.tenantId, id: { notIn: ids }, isRegisteredAdministrator: true }, data: { isRegisteredAdministrator: false } });
      await db.user.updateMany({ where: { tenantId: r.tenantId, id: { in: ids } }, data: { isRegisteredAdministrator: true } });
    } finally {
      await applyScope(db, { operator: true });
    }
  }
  await recordProviderAudit(db, {
    actorKind: 'OPERATOR', actorId: operator.id, tenantId: r.tenantId, resellerId: r.resellerId, action: 'details.accept', targetType: 'ChangeRequest', targetId: r.id,
    details: { fields: Object.keys(change).filter((k) => k !== 'note') },
  });
  await mailContractParties(db, mailer, {
    tenantId: r.tenantId,
    parties: await contractParties(db, r.tenantId),
    mail: 'details-recorded',
    subject: '届出事項の変更を登録しました / Change recorded',
    lines: [
      '届出事項の変更を登録しました（第4条3項）。',
      change.administrators ? `登録管理者: ${change.administrators.map((a) => a.name).join('、')}` : '',
      change.address || change.postalCode ? `所在地: ${[change.postalCode, change.address].filter(Boolean).join(' ')}` : '',
    ].filter(Boolean),
    english: 'Your reported change is recorded; notices now go to the registered administrators listed.',
  });
}
