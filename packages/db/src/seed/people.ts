import type { Db } from '../client';
import type { UserRole } from '../generated/prisma/enums';

interface PersonSpec {
  loginId: string;
  name: string;
  role: UserRole;
  email?: string;
  department: string;
  registeredAdministrator?: boolean;
}

const PEOPLE: PersonSpec[] = [
  { loginId: 'admin', name: '佐藤 一郎', role: 'ADMIN', email: 'admin', department: '情報システム部', registeredAdministrator: true },
  { loginId: 'manager', name: '鈴木 次郎', role: 'MANAGER', email: 'manager', department: '営業部' },
  { loginId: 'worker1', name: '高橋 花子', role: 'WORKER', department: '営業部' },
  { loginId: 'worker2', name: '田中 健', role: 'WORKER', department: '営業部' },
  { loginId: 'worker3', name: '伊藤 美咲', role: 'WORKER', department: '開発部' },
];

/** Creates the demo people of one tenant and a group managed by the manager. Returns users by loginId. */
export async function seedPeople(db: Db, tenantId: string, mailDomain: string, passwordHash: string) {
  const users = new Map<string, string>();
  for (const p of PEOPLE) {
    const user = await db.user.create({
      data: {
        tenantId,
        loginId: p.loginId,
        name: p.name,
        role: p.role,
        department: p.department,
        email: p.email ? `${p.email}@${mailDomain}` : null,
        isRegisteredAdministrator: p.registeredAdministrator ?? false,
        passwordHash,
      },
    });
    users.set(p.loginId, user.id);
  }
  const sales = await db.group.create({ data: { tenantId, name: '営業部' } });
  const dev = await db.group.create({ data: { tenantId, name: '開発部' } });
  const member = (groupId: string, loginId: string, kind: 'MEMBER' | 'MANAGER' = 'MEMBER') => {
    const userId = users.get(loginId);
    if (!userId) throw new Error(`seed: unknown demo user ${loginId}`);
    return db.groupMembership.create({ data: { tenantId, groupId, userId, kind } });
  };
  await member(sales.id, 'manager', 'MANAGER');
  await member(sales.id, 'worker1');
  await member(sales.id, 'worker2');
  await member(dev.id, 'worker3');
  return users;
}
