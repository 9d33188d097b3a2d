import type { Db } from '../client';

export async function seedProvider(db: Db, passwordHash: string) {
  await db.operator.create({
    data: { email: 'operator@telework.example', name: '運営 太郎', role: 'ADMIN', passwordHash },
  });
  await db.termsVersion.create({
    data: {
      version: '2017-09-01',
      title: 'テレワークサポーター サービス約款',
      body: '2017年2月1日適用、2017年9月1日改訂。',
      publishedAt: new Date('2017-08-01T00:00:00Z'),
      effectiveAt: new Date('2017-08-31T15:00:00Z'),
    },
  });
}

export async function seedReseller(db: Db, passwordHash: string) {
  return db.reseller.create({
    data: {
      code: 'R-0001',
      name: 'みらいシステム販売株式会社',
      email: 'contact@mirai-reseller.example',
      phone: '03-0000-0001',
      address: '東京都千代田区丸の内1-1-1',
      staff: { create: { email: 'sales@mirai-reseller.example', name: '販売 花子', passwordHash } },
    },
  });
}
