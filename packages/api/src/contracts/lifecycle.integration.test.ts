import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture, FIXTURE_PASSWORD } from '../testing/fixtures';
import { signedInProvider, signedInUser, TestBrowser } from '../testing/callers';
import { AppError } from '../errors/app-error';

const { db, adminDb } = useTestDatabase();

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const app = e instanceof TRPCError ? e.cause : e;
    if (app instanceof AppError) return `${app.code}:${String(app.details.reason ?? '')}`;
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return 'OK';
}

describe('change requests (第11条), renewal (第10条), suspension (第19条)', () => {
  it('第11条: a reseller asks for more seats; the operator accepts; an add-on licence runs to the term end and the seats allowed grow', async () => {
    const reseller = await createResellerFixture(adminDb);
    const t = await createTenantFixture(adminDb, { resellerId: reseller.resellerId, seats: 10 });
    const contract = await adminDb.contract.findFirstOrThrow({ where: { tenantId: t.tenantId } });
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    const req = await staff.reseller((c) => c.reseller.contracts.requestSeats({ tenantId: t.tenantId, contractId: contract.id, seats: 5 }));
    // The customer's admin cannot file for a reseller-sold contract.
    const admin = await signedInUser(db, t, 'admin');
    expect(await failure(admin.console((c) => c.contracts.requestSeats({ contractId: contract.id, seats: 1 })))).toBe('RULE_VIOLATION:THROUGH_RESELLER');

    const op = await createOperatorFixture(adminDb);
    const opBrowser = await signedInProvider(db, 'operator', op.email);
    const accepted = await opBrowser.reseller((c) => c.operator.contracts.acceptChange({ tenantId: t.tenantId, id: req.id }));
    expect(await failure(opBrowser.reseller((c) => c.operator.contracts.acceptChange({ tenantId: t.tenantId, id: req.id })))).toBe('CONFLICT:ALREADY_DECIDED');
    if (!('licenceId' in accepted) || !accepted.licenceId) throw new Error('an add-on licence was expected');
    const licence = await adminDb.licence.findFirstOrThrow({ where: { tenantId: t.tenantId, id: accepted.licenceId } });
    expect(licence).toMatchObject({ isAddOn: true, seats: 5 });
    expect(licence.termEnd.toISOString()).toBe(contract.termEndDate.toISOString());
    const mine = await admin.console((c) => c.contracts.mine());
    expect(mine.contracts[0]?.seatsAllowed).toBe(15);
    expect(mine.seatsUsed).toBe(1);
    const seen = await staff.reseller((c) => c.reseller.contracts.overview({ tenantId: t.tenantId }));
    expect(seen.contracts[0]?.changeRequests[0]).toMatchObject({ status: 'ACCEPTED', seatsDelta: 5 });
  });

  it('第10条: renewal creates the next term from the day after the current one ends, once', async () => {
    const t = await createTenantFixture(adminDb);
    const c = await adminDb.contract.create({
      data: { tenantId: t.tenantId, channel: 'DIRECT', formedAt: new Date('2027-03-01'), startDate: new Date('2027-03-01'), serviceStartDate: new Date('2027-03-01'), termEndDate: new Date('2028-02-29'), annualFee: 100_000, seatMonthlyFee: 500 },
    });
    await adminDb.licence.create({ data: { tenantId: t.tenantId, contractId: c.id, seats: 8, termStart: c.startDate, termEnd: c.termEndDate } });
    const op = await createOperatorFixture(adminDb);
    const browser = await signedInProvider(db, 'operator', op.email);
    const next = await browser.reseller((x) => x.operator.contracts.renew({ tenantId: t.tenantId, contractId: c.id }));
    expect(next).toMatchObject({ startDate: '2028-03-01', termEndDate: '2029-02-28', seats: 8 });
    expect(await failure(browser.reseller((x) => x.operator.contracts.renew({ tenantId: t.tenantId, contractId: c.id })))).toBe('CONFLICT:ALREADY_RENEWED');
  });

  it('第19条: suspension blocks sign-in and open sessions at once; resuming lets the admin in again; the data stays', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const op = await createOperatorFixture(adminDb);
    const browser = await signedInProvider(db, 'operator', op.email);
    await browser.reseller((x) => x.operator.contracts.suspend({ tenantId: t.tenantId, reason: '料金未払い' }));
    expect(await failure(admin.console((c) => c.contracts.mine()))).not.toBe('OK');
    const fresh = new TestBrowser(db, 'console');
    expect(await failure(fresh.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD })))).toMatch(/^CONTRACT_INACTIVE/);
    expect(await adminDb.user.count({ where: { tenantId: t.tenantId } })).toBe(3);
    await browser.reseller((x) => x.operator.contracts.resume({ tenantId: t.tenantId }));
    await fresh.console((c) => c.auth.signIn({ systemId: t.systemId, loginId: 'admin', password: FIXTURE_PASSWORD }));
    expect((await fresh.console((c) => c.contracts.mine())).tenant.status).toBe('ACTIVE');
    const actions = await adminDb.providerAuditLog.findMany({ where: { tenantId: t.tenantId }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true } });
    expect(actions).toEqual([{ action: 'tenant.suspend', actorId: op.operatorId }, { action: 'tenant.resume', actorId: op.operatorId }]);
  });
});
