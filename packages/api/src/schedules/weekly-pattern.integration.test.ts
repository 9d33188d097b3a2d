import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { signedInUser } from '../testing/callers';
import { createTenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

const { db, adminDb } = useTestDatabase();
const weekdays = (start: number, end: number) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: start, endMinute: end, breakMinutes: 60 }));

describe('weekly patterns read back', () => {
  it('returns the pattern in force on a day, the next one before it starts, and null without any', async () => {
    const t = await createTenantFixture(adminDb);
    const manager = await signedInUser(db, t, 'manager');
    const worker = t.users.worker.id;
    expect(await manager.console((c) => c.schedules.pattern({ userId: worker, on: '2026-11-15' }))).toBeNull();

    await manager.console((c) => c.schedules.setPattern({ userId: worker, validFrom: '2026-11-01', workOnHolidays: false, days: weekdays(540, 1080) }));
    await manager.console((c) => c.schedules.setPattern({ userId: worker, validFrom: '2026-12-01', workOnHolidays: true, days: [{ weekday: 6, startMinute: 600, endMinute: 900, breakMinutes: 0 }] }));

    expect(await manager.console((c) => c.schedules.pattern({ userId: worker, on: '2026-11-15' }))).toEqual({
      validFrom: '2026-11-01', validTo: '2026-11-30', workOnHolidays: false, days: weekdays(540, 1080),
    });
    expect(await manager.console((c) => c.schedules.pattern({ userId: worker, on: '2026-12-24' }))).toEqual({
      validFrom: '2026-12-01', validTo: null, workOnHolidays: true, days: [{ weekday: 6, startMinute: 600, endMinute: 900, breakMinutes: 0 }],
    });
    // Before the first pattern starts, the form opens with the one that comes next.
    expect((await manager.console((c) => c.schedules.pattern({ userId: worker, on: '2026-10-01' })))?.validFrom).toBe('2026-11-01');

    // The worker may read his own pattern; another worker's is not his to see.
    const self = await signedInUser(db, t, 'worker');
    expect((await self.console((c) => c.schedules.pattern({ userId: worker, on: '2026-11-15' })))?.days).toHaveLength(5);
    const other = await self.console((c) => c.schedules.pattern({ userId: t.users.manager.id, on: '2026-11-15' })).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(TRPCError);
    expect((other as TRPCError).code).toBe('NOT_FOUND');
  });
});
