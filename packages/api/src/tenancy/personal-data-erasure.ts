import { withScope, withTenant, type Db, type Prisma, type Tx } from '@telework/db';
import { recordTenantAudit } from '../audit/audit-log';

// 第26条3項: about one month after the contract ends the provider erases the personal data it holds:
// the names, departments, e-mail addresses and personal login IDs of the customer's users and
// administrators, and everything that is about a person (work records, devices, schedules, inquiries,
// notices sent to them, requests about them). What the terms keep survives without a person in it:
// the tenant (a corporation), its contracts, invoices and payments (第12条4項, 第14条4項), and the audit
// trail with every personal value replaced by REDACTED. Face images and evidence go first, with their
// blobs (evidence/retention.ts). Running it again finds nothing left and changes nothing.

export const REDACTED = '[削除済み]';
export const ERASED_USER_NAME = '削除済みユーザー';
const ERASED_LOGIN_PREFIX = 'erased-';

/** Login IDs the provider generates ("admin", "admin2"…) say nothing about a person; any other is personal. */
const isGeneratedLoginId = (loginId: string) => /^admin\d*$/.test(loginId) || loginId.startsWith(ERASED_LOGIN_PREFIX);

/** Replaces every string in `value` that contains a personal value (case-insensitively) by REDACTED. */
export function redactJson(value: Prisma.JsonValue, personal: readonly string[]): Prisma.JsonValue {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    return personal.some((p) => lower.includes(p)) ? REDACTED : value;
  }
  if (Array.isArray(value)) return value.map((v) => redactJson(v, personal));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v ?? null, personal)]));
  return value;
}

const redactText = (value: string | null, personal: readonly string[]) => (value === null ? null : (redactJson(value, personal) as string));
const asInput = (v: Prisma.JsonValue): Prisma.InputJsonValue => v as Prisma.InputJsonValue;

/** Every personal value the tenant's rows hold, lower-cased, shortest first left out (one letter would redact everything). */
async function personalValues(tx: Tx, tenantId: string): Promise<string[]> {
  const users = await tx.user.findMany({ where: { tenantId }, select: { name: true, nameKana: true, email: true, department: true, loginId: true } });
  const invitations = await tx.invitation.findMany({ where: { tenantId }, select: { email: true } });
  const deliveries = await tx.noticeDelivery.findMany({ where: { tenantId }, select: { email: true } });
  const values = [
    ...users.flatMap((u) => [u.name === ERASED_USER_NAME ? null : u.name, u.nameKana, u.email, u.department, isGeneratedLoginId(u.loginId) ? null : u.loginId]),
    ...invitations.map((i) => i.email),
    ...deliveries.map((d) => d.email),
  ];
  return [...new Set(values.flatMap((v) => (v && v.trim().length >= 2 ? [v.trim().toLowerCase()] : [])))];
}

/** The applicant's administrators named on the application (names, e-mails) are personal too. */
function applicationValues(administrators: Prisma.JsonValue): string[] {
  if (!Array.isArray(administrators)) return [];
  return administrators.flatMap((a) =>
    a && typeof a === 'object' && !Array.isArray(a) ? Object.values(a).flatMap((v) => (typeof v === 'string' && v.trim().length >= 2 ? [v.trim().toLowerCase()] : [])) : [],
  );
}

export interface ErasureCounts {
  users: number;
  rowsDeleted: number;
  auditEntriesRedacted: number;
}

export async function erasePersonalData(db: Db, tenantId: string, now: Date): Promise<ErasureCounts> {
  const { personal, systemId } = await withScope(db, { operator: true }, async (tx) => {
    const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { systemId: true } });
    const apps = await tx.application.findMany({ where: { tenantId }, select: { administrators: true } });
    return { systemId: tenant.systemId, personal: apps.flatMap((a) => applicationValues(a.administrators)) };
  });
  const counts: ErasureCounts = { users: 0, rowsDeleted: 0, auditEntriesRedacted: 0 };

  // The tenant's own rows, in its scope; children before the rows they point at.
  const values = await withTenant(db, tenantId, async (tx) => {
    const all = [...new Set([...personal, ...(await personalValues(tx, tenantId))])];
    const where = { tenantId };
    const deletions = [
      () => tx.incidentAlert.deleteMany({ where }),
      () => tx.incidentDigest.deleteMany({ where }),
      () => tx.incidentJudgement.deleteMany({ where }),
      () => tx.incident.deleteMany({ where }),
      () => tx.presenceEvent.deleteMany({ where }),
      () => tx.taskSession.deleteMany({ where }),
      () => tx.punch.deleteMany({ where }),
      () => tx.punchCorrection.deleteMany({ where }),
      () => tx.workerLiveState.deleteMany({ where }),
      () => tx.workSession.deleteMany({ where }),
      () => tx.agentDevice.deleteMany({ where }),
      () => tx.task.deleteMany({ where }),
      () => tx.workSchedule.deleteMany({ where }),
      () => tx.schedulePattern.deleteMany({ where }),
      () => tx.standardPattern.deleteMany({ where }),
      () => tx.companyDayOff.deleteMany({ where }),
      () => tx.reportRun.deleteMany({ where }),
      () => tx.reportSubscription.deleteMany({ where }),
      () => tx.monthClose.deleteMany({ where }),
      () => tx.groupMembership.deleteMany({ where }),
      () => tx.group.updateMany({ where: { tenantId, parentId: { not: null } }, data: { parentId: null } }),
      () => tx.group.deleteMany({ where }),
      () => tx.invitation.deleteMany({ where }),
      () => tx.noticeDelivery.deleteMany({ where }),
      () => tx.inquiryMessage.deleteMany({ where }),
      () => tx.inquiry.deleteMany({ where }),
      () => tx.personalDataRequest.deleteMany({ where }),
    ];
    for (const run of deletions) counts.rowsDeleted += (await run()).count;
    const users = await tx.user.findMany({ where: { tenantId, NOT: { loginId: { startsWith: ERASED_LOGIN_PREFIX } } }, select: { id: true } });
    for (const u of users) {
      await tx.user.update({
        where: { tenantId_id: { tenantId, id: u.id } },
        data: {
          name: ERASED_USER_NAME, nameKana: null, email: null, department: null, loginId: `${ERASED_LOGIN_PREFIX}${u.id}`, passwordHash: null,
          mustChangePassword: false, isRegisteredAdministrator: false, disabledAt: now,
        },
      });
    }
    counts.users = users.length;
    if (all.length > 0) {
      const entries = await tx.auditLog.findMany({ where: { tenantId }, select: { id: true, details: true, ip: true } });
      for (const e of entries) {
        const details = e.details === null ? null : redactJson(e.details, all);
        if (JSON.stringify(details) === JSON.stringify(e.details) && e.ip === null) continue;
        await tx.auditLog.update({ where: { tenantId_id: { tenantId, id: e.id } }, data: { details: details === null ? undefined : asInput(details), ip: null } });
        counts.auditEntriesRedacted += 1;
      }
    }
    return all;
  });

  // The provider's rows about the tenant, in the operator's scope: sessions, sign-in counters, the
  // application, requests and the provider's audit entries keep their facts without the people in them.
  await withScope(db, { operator: true }, async (tx) => {
    counts.rowsDeleted += (await tx.authSession.deleteMany({ where: { tenantId } })).count;
    counts.rowsDeleted += (await tx.loginThrottle.deleteMany({ where: { key: { startsWith: `acct:user:${systemId.toLowerCase()}/` } } })).count;
    if (values.length === 0) return;
    for (const a of await tx.application.findMany({ where: { tenantId }, select: { id: true, administrators: true, rejectionNote: true } })) {
      await tx.application.update({ where: { id: a.id }, data: { administrators: asInput(redactJson(a.administrators, values)), rejectionNote: redactText(a.rejectionNote, values) } });
    }
    for (const r of await tx.changeRequest.findMany({ where: { tenantId }, select: { id: true, details: true, rejectionNote: true } })) {
      await tx.changeRequest.update({
        where: { tenantId_id: { tenantId, id: r.id } },
        data: { details: r.details === null ? undefined : asInput(redactJson(r.details, values)), rejectionNote: redactText(r.rejectionNote, values) },
      });
    }
    for (const r of await tx.terminationRequest.findMany({ where: { tenantId, note: { not: null } }, select: { id: true, note: true } })) {
      await tx.terminationRequest.update({ where: { tenantId_id: { tenantId, id: r.id } }, data: { note: redactText(r.note, values) } });
    }
    for (const p of await tx.payment.findMany({ where: { tenantId }, select: { id: true, note: true, payerName: true } })) {
      await tx.payment.update({ where: { tenantId_id: { tenantId, id: p.id } }, data: { note: redactText(p.note, values), payerName: redactText(p.payerName, values) } });
    }
    for (const e of await tx.providerAuditLog.findMany({ where: { tenantId }, select: { id: true, details: true } })) {
      if (e.details === null) continue;
      const details = redactJson(e.details, values);
      if (JSON.stringify(details) === JSON.stringify(e.details)) continue;
      await tx.providerAuditLog.updateMany({ where: { id: e.id }, data: { details: asInput(details) } });
      counts.auditEntriesRedacted += 1;
    }
  });

  if (counts.users + counts.rowsDeleted + counts.auditEntriesRedacted > 0) {
    await withTenant(db, tenantId, (tx) =>
      recordTenantAudit(tx, tenantId, { actorKind: 'SYSTEM', actorId: null, action: 'personal-data.erase', targetType: 'Tenant', targetId: tenantId, details: { ...counts } }),
    );
  }
  return counts;
}
