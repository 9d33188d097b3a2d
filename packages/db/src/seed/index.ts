import { createDb } from '../client';
import { DEMO_PASSWORD } from './demo-logins';
import { hashDemoPassword } from './password';
import { seedContract } from './contracts';
import { seedHistory } from './history';
import { seedPeople } from './people';
import { seedProvider, seedReseller } from './provider';
import { seedSchedules } from './schedules';
import { seedTasks } from './tasks';
import { seedTenant } from './tenants';

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './demo-logins';

/**
 * Seeds the demo world into an empty database: the provider, one reseller, two tenants (one direct,
 * one sold by the reseller) with admins, managers, workers, groups, tasks, schedules and contracts.
 * Returns false (and changes nothing) when the database already holds data.
 */
export async function seedDemo(adminUrl: string, now = new Date()): Promise<boolean> {
  const db = createDb(adminUrl, { privileged: true, maxConnections: 2 });
  try {
    if ((await db.operator.count()) > 0) return false;
    const passwordHash = await hashDemoPassword(DEMO_PASSWORD);
    await seedProvider(db, passwordHash);
    const reseller = await seedReseller(db, passwordHash);
    const startDate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

    const toto = await seedTenant(db, {
      systemId: 'TW-100001', name: '東都商事株式会社', nameKana: 'トウトショウジ', resellerId: null,
      corporateNumber: '1010001000006', address: '東京都港区芝公園4-2-8',
    });
    const naniwa = await seedTenant(db, {
      systemId: 'TW-100002', name: '浪速電機株式会社', nameKana: 'ナニワデンキ', resellerId: reseller.id,
      corporateNumber: '2120001000007', address: '大阪府大阪市北区梅田1-1-3',
    });
    for (const [tenant, domain] of [[toto, 'toto-shoji.example'], [naniwa, 'naniwa-denki.example']] as const) {
      const users = await seedPeople(db, tenant.id, domain, passwordHash);
      await seedTasks(db, tenant.id);
      const workers = ['worker1', 'worker2', 'worker3'].flatMap((l) => users.get(l) ?? []);
      await seedSchedules(db, tenant.id, workers, new Date(startDate.getTime() - 31 * 86_400_000));
      await seedHistory(db, tenant.id, workers, now);
    }
    await seedContract(db, { tenantId: toto.id, resellerId: null, seats: 50, startDate, annualFee: 600_000 });
    await seedContract(db, { tenantId: naniwa.id, resellerId: reseller.id, seats: 20, startDate, annualFee: 240_000, resellerAnnualPrice: 288_000 });
    return true;
  } finally {
    await db.$disconnect();
  }
}
