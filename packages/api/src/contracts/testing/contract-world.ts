import { withScope, type Db } from '@telework/db';
import { closeBillingPeriods } from '../../billing/jobs';
import { addDays } from '../../calendar/dates';
import type { Mailer } from '../../mail/mailer';
import { createOperatorFixture, createResellerFixture } from '../../testing/fixtures';
import { acceptApplication, submitApplication } from '../applications';
import { runContractLifecycle } from '../lifecycle-job';
import type { ApplicationInput } from '../schemas';

// Helpers for tests that live through a contract's dates: customers formed through the real
// application and acceptance, and nights on which the jobs run as the scheduler runs them.

/** An instant at hh:mm Japan time on `day`. */
export const jst = (day: string, time = '10:00') => new Date(`${day}T${time}:00+09:00`);

let serial = 0;

export function applicationFor(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  serial += 1;
  return {
    companyName: `株式会社ライフサイクル${serial}`, isDomesticEntity: true, postalCode: '100-0001', address: '東京都千代田区千代田1-1', phone: '03-1234-5678',
    administrators: [{ name: `契約 管理者${serial}`, email: `lifecycle-admin-${serial}-${Date.now()}@example.test` }],
    seats: 10, termMonths: 12, desiredStartDate: '2026-04-01', annualFee: 120_000, agreedToTerms: true, ...overrides,
  };
}

/** Forms a customer's contract through submission and acceptance on `formedAt`, directly or through a new reseller. */
export async function formCustomer(db: Db, adminDb: Db, mailer: Mailer, opts: { formedAt: Date; channel?: 'DIRECT' | 'RESELLER'; application?: Partial<ApplicationInput> }) {
  const op = await createOperatorFixture(adminDb);
  const reseller = opts.channel === 'RESELLER' ? await createResellerFixture(adminDb) : null;
  const staff = reseller ? await adminDb.resellerStaff.findFirstOrThrow({ where: { resellerId: reseller.resellerId } }) : null;
  const input = applicationFor(opts.application);
  const app = reseller && staff
    ? await withScope(db, { resellerId: reseller.resellerId }, (tx) => submitApplication(tx, { kind: 'RESELLER_STAFF', id: staff.id, resellerId: reseller.resellerId }, input, opts.formedAt))
    : await withScope(db, { operator: true }, (tx) => submitApplication(tx, { kind: 'OPERATOR', id: op.operatorId }, input, opts.formedAt));
  const accepted = await withScope(db, { operator: true }, (tx) => acceptApplication(tx, { mailer, stripe: null }, { id: op.operatorId }, { id: app.id, now: opts.formedAt }));
  return { ...accepted, operatorId: op.operatorId, reseller, staffId: staff?.id ?? null, administrators: input.administrators };
}

/**
 * The days from `from` to `to` (inclusive) as the scheduler lives them: the lifecycle job at 00:05 JST,
 * the billing job at 06:00 JST, each twice in a row (a retried or doubled run must change nothing), then
 * the day's business (`duringDay`, from 10:00).
 */
export async function liveThrough(db: Db, mailer: Mailer, from: string, to: string, duringDay?: (day: string) => Promise<void>) {
  for (let day = from; day <= to; day = addDays(day, 1)) {
    for (let i = 0; i < 2; i += 1) await runContractLifecycle(db, mailer, jst(day, '00:05'));
    for (let i = 0; i < 2; i += 1) await closeBillingPeriods(db, jst(day, '06:00'), null);
    if (duringDay) await duringDay(day);
  }
}
