import { randomUUID } from 'node:crypto';
import type { Db, UserRole } from '@telework/db';
import { hashPassword } from '../auth/passwords';

export const FIXTURE_PASSWORD = 'Fixture-pass-2026';

let passwordHash: Promise<string> | undefined;
const fixtureHash = () => (passwordHash ??= hashPassword(FIXTURE_PASSWORD));

export interface TenantFixture {
  tenantId: string;
  systemId: string;
  users: Record<'admin' | 'manager' | 'worker', { id: string; loginId: string; role: UserRole }>;
  groupId: string;
  taskId: string;
  deviceId: string;
}

/**
 * A tenant with an admin, a manager, a worker, a group, a task and an agent device, inserted with the
 * privileged client (fixtures are not subject to RLS; the code under test always is).
 */
export async function createTenantFixture(adminDb: Db, opts: { resellerId?: string | null; seats?: number } = {}): Promise<TenantFixture> {
  const suffix = randomUUID().slice(0, 8);
  const systemId = `TW-T${suffix}`;
  const tenant = await adminDb.tenant.create({
    data: { systemId, name: `テスト株式会社 ${suffix}`, isDomesticEntity: true, resellerId: opts.resellerId ?? null },
  });
  const hash = await fixtureHash();
  const make = (role: UserRole, loginId: string) =>
    adminDb.user.create({
      data: { tenantId: tenant.id, loginId, name: `${loginId} ${suffix}`, role, passwordHash: hash, email: `${loginId}-${suffix}@example.test`, isRegisteredAdministrator: role === 'ADMIN' },
      select: { id: true, loginId: true, role: true },
    });
  const users = { admin: await make('ADMIN', 'admin'), manager: await make('MANAGER', 'manager'), worker: await make('WORKER', 'worker') };
  const group = await adminDb.group.create({ data: { tenantId: tenant.id, name: '営業部' } });
  await adminDb.groupMembership.createMany({
    data: [
      { tenantId: tenant.id, groupId: group.id, userId: users.manager.id, kind: 'MANAGER' },
      { tenantId: tenant.id, groupId: group.id, userId: users.worker.id, kind: 'MEMBER' },
    ],
  });
  const start = new Date(Date.UTC(new Date().getUTCFullYear() - 1, 0, 1));
  const end = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 11, 31));
  const contract = await adminDb.contract.create({
    data: { tenantId: tenant.id, channel: opts.resellerId ? 'RESELLER' : 'DIRECT', resellerId: opts.resellerId ?? null, formedAt: start, startDate: start, serviceStartDate: start, termEndDate: end, annualFee: 120_000, seatMonthlyFee: 500 },
  });
  await adminDb.licence.create({ data: { tenantId: tenant.id, contractId: contract.id, seats: opts.seats ?? 100, termStart: start, termEnd: end } });
  const task = await adminDb.task.create({ data: { tenantId: tenant.id, code: 'DEV', name: '開発' } });
  const device = await adminDb.agentDevice.create({
    data: { tenantId: tenant.id, userId: users.worker.id, name: 'PC-01', tokenHash: `fixture-${randomUUID()}` },
  });
  return { tenantId: tenant.id, systemId, users, groupId: group.id, taskId: task.id, deviceId: device.id };
}

/** One more worker in the fixture's group, for tests that change or delete a user. */
export async function addWorker(adminDb: Db, t: TenantFixture): Promise<string> {
  const u = await adminDb.user.create({
    data: { tenantId: t.tenantId, loginId: `w-${randomUUID().slice(0, 8)}`, name: 'extra worker', role: 'WORKER', passwordHash: await fixtureHash() },
  });
  await adminDb.groupMembership.create({ data: { tenantId: t.tenantId, groupId: t.groupId, userId: u.id, kind: 'MEMBER' } });
  return u.id;
}

export async function createResellerFixture(adminDb: Db) {
  const suffix = randomUUID().slice(0, 8);
  const hash = await fixtureHash();
  const reseller = await adminDb.reseller.create({
    data: { code: `R-${suffix}`, name: `販売店 ${suffix}`, email: `r-${suffix}@example.test`, staff: { create: { email: `staff-${suffix}@example.test`, name: `staff ${suffix}`, passwordHash: hash } } },
    include: { staff: true },
  });
  const staff = reseller.staff[0];
  if (!staff) throw new Error('fixture: reseller staff missing');
  return { resellerId: reseller.id, staffEmail: staff.email };
}

export async function createOperatorFixture(adminDb: Db) {
  const suffix = randomUUID().slice(0, 8);
  const op = await adminDb.operator.create({ data: { email: `op-${suffix}@example.test`, name: `operator ${suffix}`, passwordHash: await fixtureHash() } });
  return { operatorId: op.id, email: op.email };
}
