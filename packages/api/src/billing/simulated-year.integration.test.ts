import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withScope } from '@telework/db';
import { addDays, addMonthsClamped, lastDayOfMonth } from '../calendar/dates';
import { acceptChangeRequest, submitAddSeats } from '../contracts/change-requests';
import { renewContract } from '../contracts/renewal';
import { formCustomer, jst, liveThrough } from '../contracts/testing/contract-world';
import { requestCustomerTermination, resumeTenant, suspendTenant, terminateByProvider } from '../contracts/termination';
import { outboxMailer } from '../mail/mailer';
import { useOwnTestDatabase } from '../testing/db';

// A year of 20 customers lived day by day, every job run twice each night: new contracts (some starting
// later), added seats, renewals, customer and provider terminations, suspensions. The invoices that
// exist at the end must be exactly the ones the terms call for, computed here from the scenario alone
// (第10条 term, 第12条1項 end of the month after receipt, 第14条1項 annual fee + monthly added seats,
// whole months), not from the billing code.

const world = useOwnTestDatabase();
const mailer = outboxMailer(mkdtempSync(path.join(tmpdir(), 'tw-simulated-year-')));
const FIRST_DAY = '2026-04-01';
const LAST_DAY = '2027-04-30';
const ANNUAL_FEE = 120_000;
const SEAT_FEE = 500;

type Ending = { kind: 'none' } | { kind: 'customer'; on: number } | { kind: 'provider'; on: number };
interface Scenario {
  channel: 'DIRECT' | 'RESELLER';
  formedOn: number;
  startDelay: number;
  addOns: { on: number; seats: number }[];
  ending: Ending;
  renew: boolean;
  suspension: { from: number; days: number } | null;
}

const day = (offset: number) => addDays(FIRST_DAY, offset);

const scenario: fc.Arbitrary<Scenario> = fc.record({
  channel: fc.constantFrom('DIRECT' as const, 'RESELLER' as const),
  formedOn: fc.integer({ min: 0, max: 45 }),
  startDelay: fc.constantFrom(0, 0, 9, 31),
  addOns: fc.array(fc.record({ on: fc.integer({ min: 40, max: 300 }), seats: fc.integer({ min: 1, max: 5 }) }), { maxLength: 2 }),
  ending: fc.oneof(
    fc.constant<Ending>({ kind: 'none' }),
    fc.integer({ min: 60, max: 280 }).map((on): Ending => ({ kind: 'customer', on })),
    fc.integer({ min: 60, max: 330 }).map((on): Ending => ({ kind: 'provider', on })),
  ),
  renew: fc.boolean(),
  suspension: fc.option(fc.record({ from: fc.integer({ min: 50, max: 200 }), days: fc.integer({ min: 1, max: 40 }) }), { nil: null }),
});

// Five customers every run has, so each kind of step is lived through whatever the random draw is.
const MUST_HAVE: Scenario[] = [
  // The case 2: seats added in October, termination received in December.
  { channel: 'DIRECT', formedOn: 0, startDelay: 0, addOns: [{ on: 192, seats: 4 }], ending: { kind: 'customer', on: 253 }, renew: false, suspension: null },
  { channel: 'RESELLER', formedOn: 5, startDelay: 9, addOns: [{ on: 100, seats: 2 }], ending: { kind: 'provider', on: 200 }, renew: false, suspension: { from: 150, days: 20 } },
  { channel: 'DIRECT', formedOn: 10, startDelay: 31, addOns: [{ on: 120, seats: 3 }, { on: 250, seats: 1 }], ending: { kind: 'none' }, renew: true, suspension: null },
  { channel: 'RESELLER', formedOn: 0, startDelay: 0, addOns: [{ on: 80, seats: 5 }], ending: { kind: 'none' }, renew: false, suspension: { from: 120, days: 35 } },
  { channel: 'DIRECT', formedOn: 20, startDelay: 0, addOns: [], ending: { kind: 'none' }, renew: false, suspension: null },
];

/** The scenario as the terms see it: the dates of every step, and the steps that cannot happen dropped. */
function plan(s: Scenario) {
  const formed = day(s.formedOn);
  const serviceStart = day(s.formedOn + s.startDelay);
  const termEnd = addDays(addMonthsClamped(formed, 12), -1); // 第10条: one year from formation
  const suspended = s.suspension ? { from: day(s.suspension.from), to: day(s.suspension.from + s.suspension.days) } : null;
  const inSuspension = (d: string) => suspended !== null && d >= suspended.from && d < suspended.to;
  let customerEnd: { receivedOn: string; endsOn: string } | null = null;
  if (s.ending.kind === 'customer') {
    const receivedOn = day(s.ending.on);
    const endsOn = lastDayOfMonth(addMonthsClamped(receivedOn, 1)); // 第12条1項
    if (endsOn <= termEnd && !inSuspension(receivedOn) && receivedOn <= LAST_DAY) customerEnd = { receivedOn, endsOn };
  }
  const providerOn = s.ending.kind === 'provider' && day(s.ending.on) <= termEnd ? day(s.ending.on) : null;
  const renewOn = addDays(termEnd, -20);
  const renewed = s.renew && !customerEnd && !inSuspension(renewOn) && (providerOn === null || providerOn > renewOn) && renewOn <= LAST_DAY;
  const lastDay = [providerOn, customerEnd?.endsOn, termEnd].filter((d): d is string => d !== null && d !== undefined).sort()[0] ?? termEnd;
  const busyUntil = [providerOn, customerEnd?.receivedOn].filter((d): d is string => !!d).sort()[0] ?? termEnd;
  const addOns = s.addOns
    .map((a) => ({ on: day(a.on), seats: a.seats }))
    .filter((a) => a.on >= serviceStart && a.on < busyUntil && a.on <= termEnd && !inSuspension(a.on) && !(renewed && a.on >= renewOn));
  // A suspension that would cover a termination or the renewal does not happen (operators do one thing at a time).
  const suspension = suspended && suspended.from > formed && suspended.to < busyUntil && (!renewed || suspended.to < renewOn) && suspended.to <= LAST_DAY ? suspended : null;
  const successor = renewed ? { start: addDays(termEnd, 1), termEnd: addDays(addMonthsClamped(addDays(termEnd, 1), 12), -1) } : null;
  return { formed, serviceStart, termEnd, customerEnd, providerOn, renewed, renewOn, lastDay, addOns, suspension, successor };
}

/** The invoices the terms call for by LAST_DAY: [kind, period start, tax-exclusive amount]. */
function expectedInvoices(p: ReturnType<typeof plan>): [string, string, number][] {
  const out: [string, string, number][] = [['ANNUAL_LICENCE', p.formed, ANNUAL_FEE]];
  if (p.successor && (p.providerOn === null || p.providerOn > p.renewOn)) out.push(['ANNUAL_LICENCE', p.successor.start, ANNUAL_FEE]);
  // Whole months in which added seats could be used, billed once the month is over (on the 1st of the next).
  const lastBillableMonthEnd = addDays(LAST_DAY, -1);
  for (let first = `${p.formed.slice(0, 7)}-01`; first <= p.lastDay; first = addMonthsClamped(first, 1)) {
    const last = lastDayOfMonth(first);
    if (last > lastBillableMonthEnd) break;
    const seats = p.addOns.filter((a) => a.on <= last && p.lastDay >= first).reduce((n, a) => n + a.seats, 0);
    if (seats > 0) out.push(['SEAT_ADD_ON', first, seats * SEAT_FEE]);
  }
  return out.sort();
}

describe('a simulated year (第10条, 第12条, 第14条)', () => {
  it('20 customers (5 fixed, 15 drawn), every job twice every night: exactly the invoices the terms call for, no more', { timeout: 900_000 }, async () => {
    const { db, adminDb } = world;
    await fc.assert(
      fc.asyncProperty(fc.array(scenario, { minLength: 15, maxLength: 15 }), async (random) => {
        const scenarios = [...MUST_HAVE, ...random];
        const customers: { s: Scenario; p: ReturnType<typeof plan>; c?: Awaited<ReturnType<typeof formCustomer>> }[] = scenarios.map((s) => ({ s, p: plan(s) }));
        await liveThrough(db, mailer, FIRST_DAY, LAST_DAY, async (today) => {
          for (const x of customers) {
            const { p } = x;
            if (today === p.formed) {
              x.c = await formCustomer(db, adminDb, mailer, {
                formedAt: jst(today), channel: x.s.channel, application: { desiredStartDate: p.serviceStart, annualFee: ANNUAL_FEE, seats: 10 },
              });
            }
            const c = x.c;
            if (!c) continue;
            const op = { id: c.operatorId };
            const now = jst(today, '11:00');
            // The customer's side acts through its reseller, or (direct) through its administrator in its own scope.
            const acts = p.addOns.some((a) => a.on === today) || p.customerEnd?.receivedOn === today;
            const adminId = acts ? (await adminDb.user.findFirstOrThrow({ where: { tenantId: c.tenantId, loginId: 'admin' }, select: { id: true } })).id : '';
            const who = c.reseller && c.staffId ? { kind: 'RESELLER_STAFF' as const, id: c.staffId, resellerId: c.reseller.resellerId } : { kind: 'USER' as const, id: adminId };
            const scope = who.kind === 'RESELLER_STAFF' ? { resellerId: who.resellerId } : { tenantId: c.tenantId };
            for (const a of p.addOns.filter((a) => a.on === today)) {
              const req = await withScope(db, scope, (tx) => submitAddSeats(tx, who, { tenantId: c.tenantId, contractId: c.contractId, seats: a.seats }));
              await withScope(db, { operator: true }, (tx) => acceptChangeRequest(tx, { mailer, stripe: null }, op, { tenantId: c.tenantId, id: req.id, now }));
            }
            if (p.suspension?.from === today) await withScope(db, { operator: true }, (tx) => suspendTenant(tx, mailer, op, { tenantId: c.tenantId, reason: '第19条', now }));
            if (p.suspension?.to === today) await withScope(db, { operator: true }, (tx) => resumeTenant(tx, mailer, op, { tenantId: c.tenantId, now }));
            if (p.customerEnd?.receivedOn === today) {
              await withScope(db, scope, (tx) => requestCustomerTermination(tx, mailer, who, { tenantId: c.tenantId, contractId: c.contractId, desiredEndDate: addDays(today, 30), now }));
            }
            if (p.renewed && p.renewOn === today) await withScope(db, { operator: true }, (tx) => renewContract(tx, { mailer, stripe: null }, op, { tenantId: c.tenantId, contractId: c.contractId, now }));
            if (p.providerOn === today) {
              await withScope(db, { operator: true }, (tx) => terminateByProvider(tx, mailer, op, { tenantId: c.tenantId, contractId: c.contractId, cause: { kind: 'insolvency' }, now }));
            }
          }
        });
        for (const { p, c } of customers) {
          if (!c) throw new Error('every customer is formed within the year');
          const invoices = await adminDb.invoice.findMany({ where: { tenantId: c.tenantId }, select: { kind: true, periodStart: true, subtotal: true } });
          const actual = invoices.map((i): [string, string, number] => [i.kind, i.periodStart?.toISOString().slice(0, 10) ?? '', i.subtotal]).sort();
          expect(actual, JSON.stringify(p)).toEqual(expectedInvoices(p));
          const first = await adminDb.contract.findFirstOrThrow({ where: { id: c.contractId } });
          const endedBy = p.lastDay < LAST_DAY;
          expect(first.status === 'ENDED', JSON.stringify(p)).toBe(endedBy);
        }
      }),
      { numRuns: 1 },
    );
  });
});
