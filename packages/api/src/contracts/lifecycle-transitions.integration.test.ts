import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope, type ContractStatus } from '@telework/db';
import { smtpMailer, type Mailer } from '../mail/mailer';
import { useOwnTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture } from '../testing/fixtures';
import { startTestSmtpServer } from '../testing/smtp';
import { TRANSITIONS, type Transition } from './lifecycle';
import { runContractLifecycle } from './lifecycle-job';
import { renewContract } from './renewal';
import { formCustomer, jst } from './testing/contract-world';
import { requestCustomerTermination, resumeTenant, suspendTenant, terminateByProvider } from './termination';

// Every row of the lifecycle table (lifecycle.ts, docs/contract-lifecycle.md), one test each: a contract
// is put in the row's starting state, the row's action runs, and the contract must be in the row's end
// state, with the row's audit entry and, where the row says so, a mail to the administrators.

const world = useOwnTestDatabase();
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
  mailer = smtpMailer(smtp.url);
});
afterAll(() => smtp.close());

const TODAY = '2027-03-10';
const now = jst(TODAY, '11:00');
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Dates that make each starting state hold for its row's action on TODAY. */
function datesFor(t: Transition) {
  const ending = t.action === 'runContractLifecycle' && t.to === 'ENDED';
  const offer = t.action === 'runContractLifecycle' && t.to === 'RENEWAL_OFFERED';
  const start = t.action === 'runContractLifecycle' && t.to === 'ACTIVE';
  if (ending) return { startDate: '2026-03-01', serviceStartDate: '2026-03-01', termEndDate: '2027-02-28' };
  if (offer) return { startDate: '2026-04-01', serviceStartDate: '2026-04-01', termEndDate: '2027-03-31' };
  if (start) return { startDate: '2027-02-20', serviceStartDate: TODAY, termEndDate: '2028-02-19' };
  if (t.from === 'PENDING_START' || t.to === 'PENDING_START') return { startDate: '2027-03-01', serviceStartDate: '2027-04-01', termEndDate: '2028-02-29' };
  return { startDate: '2026-12-01', serviceStartDate: '2026-12-01', termEndDate: '2027-11-30' };
}

/** A reseller-sold customer whose contract stands in `t.from` (or, for SUSPENDED, in the state `t` resumes to). */
async function contractIn(t: Transition) {
  const { adminDb } = world;
  const reseller = await createResellerFixture(adminDb);
  const f = await createTenantFixture(adminDb, { resellerId: reseller.resellerId });
  const dates = datesFor(t);
  const underlying: ContractStatus = t.from === 'SUSPENDED' ? (t.action === 'resumeTenant' ? t.to : 'ACTIVE') : t.from === 'NONE' ? 'ACTIVE' : t.from;
  const c = await adminDb.contract.findFirstOrThrow({ where: { tenantId: f.tenantId } });
  await adminDb.contract.update({
    where: { tenantId_id: { tenantId: f.tenantId, id: c.id } },
    data: {
      status: t.from === 'NONE' ? 'ACTIVE' : t.from, startDate: d(dates.startDate), serviceStartDate: d(dates.serviceStartDate), termEndDate: d(dates.termEndDate),
      endDate: underlying === 'TERMINATION_SCHEDULED' ? d(dates.termEndDate < '2027-04-30' ? dates.termEndDate : '2027-04-30') : null,
      endReason: underlying === 'TERMINATION_SCHEDULED' ? 'CUSTOMER_TERMINATION' : null,
      renewalNoticeSentAt: underlying === 'RENEWAL_OFFERED' ? jst('2027-01-30', '00:05') : null,
    },
  });
  if (underlying === 'RENEWED') {
    await adminDb.contract.create({
      data: {
        tenantId: f.tenantId, channel: 'RESELLER', resellerId: reseller.resellerId, status: t.from === 'SUSPENDED' ? 'SUSPENDED' : 'PENDING_START', formedAt: now,
        startDate: d('2028-01-01'), serviceStartDate: d('2028-01-01'), termEndDate: d('2028-12-31'), annualFee: 1, seatMonthlyFee: 500, renewalOfId: c.id,
      },
    });
  }
  const tenantStatus = t.from === 'SUSPENDED' ? 'SUSPENDED' : t.from === 'PENDING_START' ? 'PENDING_START' : 'ACTIVE';
  await adminDb.tenant.update({ where: { id: f.tenantId }, data: { status: tenantStatus } });
  const admin = await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: f.tenantId, id: f.users.admin.id } } });
  return { tenantId: f.tenantId, contractId: c.id, adminEmail: admin.email ?? '', staffEmail: reseller.staffEmail };
}

async function perform(t: Transition, x: Awaited<ReturnType<typeof contractIn>>, operatorId: string): Promise<string> {
  const { db, adminDb } = world;
  const op = { id: operatorId };
  const inOperator = <T>(run: Parameters<typeof withScope<T>>[2]) => withScope(db, { operator: true }, run);
  switch (t.action) {
    case 'acceptApplication': {
      const c = await formCustomer(db, adminDb, mailer, { formedAt: now, application: { desiredStartDate: t.to === 'PENDING_START' ? '2027-04-01' : TODAY } });
      return c.contractId;
    }
    case 'acceptRenewal': {
      const renewed = await inOperator((tx) => renewContract(tx, { mailer, stripe: null }, op, { tenantId: x.tenantId, contractId: x.contractId, now }));
      return t.from === 'NONE' ? renewed.contractId : x.contractId;
    }
    case 'runContractLifecycle':
      await runContractLifecycle(db, mailer, jst(TODAY, '00:05'));
      return x.contractId;
    case 'requestCustomerTermination': {
      const reseller = await adminDb.resellerStaff.findUniqueOrThrow({ where: { email: x.staffEmail } });
      const who = { kind: 'RESELLER_STAFF' as const, id: reseller.id, resellerId: reseller.resellerId };
      await withScope(db, { resellerId: reseller.resellerId }, (tx) => requestCustomerTermination(tx, mailer, who, { tenantId: x.tenantId, contractId: x.contractId, desiredEndDate: '2027-04-30', now }));
      return x.contractId;
    }
    case 'terminateByProvider': {
      const cause = t.to === 'ENDED' ? { kind: 'insolvency' as const } : { kind: 'with_notice' as const };
      await inOperator((tx) => terminateByProvider(tx, mailer, op, { tenantId: x.tenantId, contractId: x.contractId, cause, endDate: t.to === 'ENDED' ? undefined : '2027-05-31', now }));
      return x.contractId;
    }
    case 'suspendTenant':
      await inOperator((tx) => suspendTenant(tx, mailer, op, { tenantId: x.tenantId, reason: '第19条', now }));
      return x.contractId;
    case 'resumeTenant':
      await inOperator((tx) => resumeTenant(tx, mailer, op, { tenantId: x.tenantId, now }));
      return x.contractId;
    default:
      throw new Error(`no test for ${t.action}`);
  }
}

describe('the contract lifecycle, transition by transition', () => {
  for (const t of TRANSITIONS) {
    it(`${t.from} → ${t.to} by ${t.action} (${t.by.join(', ')}): audit ${t.audit}${t.mail ? `, mail ${t.mail}` : ''}`, async () => {
      const { adminDb } = world;
      const op = await createOperatorFixture(adminDb);
      const x = await contractIn(t);
      const mailsBefore = smtp.received.length;
      const id = await perform(t, x, op.operatorId);
      const c = await adminDb.contract.findFirstOrThrow({ where: { id } });
      expect(c.status).toBe(t.to);
      expect(await adminDb.providerAuditLog.count({ where: { tenantId: c.tenantId, action: t.audit } })).toBeGreaterThanOrEqual(1);
      if (t.mail) {
        await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBeGreaterThan(mailsBefore);
        const admins = await adminDb.user.findMany({ where: { tenantId: c.tenantId, isRegisteredAdministrator: true }, select: { email: true } });
        const sent = smtp.received.slice(mailsBefore).filter((m) => admins.some((a) => a.email && JSON.stringify(m.to).includes(a.email)));
        expect(sent.length).toBeGreaterThanOrEqual(1);
      }
    });
  }
});
