import type { Db } from '../client';

const TASKS = [
  { code: 'MTG', name: '会議' },
  { code: 'DEV', name: '開発' },
  { code: 'DOC', name: '資料作成' },
  { code: 'SUP', name: '顧客対応' },
];

export async function seedTasks(db: Db, tenantId: string) {
  await db.task.createMany({ data: TASKS.map((t) => ({ ...t, tenantId })) });
}
