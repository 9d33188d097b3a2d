import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeTable } from '../analytics/export-report';
import { PAYROLL_HEADERS, payrollColumns } from '../analytics/report-tables';
import { jstDateTimeToInstant } from '../calendar';
import { signedInUser, trpcCodeOf } from '../testing/callers';
import { addWorker, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';

const { db, adminDb } = useTestDatabase();
let t: TenantFixture;
let other: TenantFixture;
const refused = (p: Promise<unknown>) => p.then(() => 'OK', (e: { code?: string; cause?: { details?: { reason?: string } } }) => `${e.code}:${e.cause?.details?.reason ?? ''}`);
const at = (date: string, hh: number, mm = 0) => jstDateTimeToInstant(date, hh * 60 + mm);

beforeEach(async () => {
  t = await createTenantFixture(adminDb);
  other = await createTenantFixture(adminDb);
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at('2026-12-01', 10, 0));
});
afterEach(() => {
  vi.useRealTimers();
});

const session = (tenantId: string, userId: string, from: Date, to: Date) => adminDb.workSession.create({ data: { tenantId, userId, startedAt: from, endedAt: to } });
const plan = (userId: string, date: string) => adminDb.workSchedule.create({ data: { tenantId: t.tenantId, userId, date: new Date(`${date}T00:00:00Z`), startMinute: 540, endMinute: 1080, breakMinutes: 60 } });

// November 2026, computed by hand (11/03 is 文化の日, a national holiday):
//   11/02 Mon plan 09:00–18:00, worked 09:10–20:00 → 650 worked, late, overtime 650 − 480 = 170
//   11/03 holiday, no plan, worked 21:00–23:30  → 150 worked, night 90, holiday work 150
//   11/04 Wed plan 09:00–18:00, no work          → absent
//   11/30 Mon worked 23:00 → 12/01 01:00          → 60 in November, night 60 (12/01 is December's)
//   totals: 出勤 3, 欠勤 1, 遅刻 1, 早退 0, 総労働 860, 残業 170, 深夜 150, 休日出勤 150.
async function seedNovember() {
  const w = t.users.worker.id;
  await plan(w, '2026-11-02');
  await plan(w, '2026-11-04');
  await session(t.tenantId, w, at('2026-11-02', 9, 10), at('2026-11-02', 20, 0));
  await session(t.tenantId, w, at('2026-11-03', 21, 0), at('2026-11-03', 23, 30));
  await session(t.tenantId, w, at('2026-11-30', 23, 0), at('2026-12-01', 1, 0));
  // Another tenant's worker works the same days: none of it may appear.
  await session(other.tenantId, other.users.worker.id, at('2026-11-02', 8, 0), at('2026-11-02', 23, 0));
}

describe('月次締め → payroll file', () => {
  it('refuses an open month, then gives the hand-computed figures per member once closed', async () => {
    await seedNovember();
    const extra = await addWorker(adminDb, t);
    const admin = await signedInUser(db, t, 'admin');
    expect(await refused(admin.console((c) => c.monthClose.payroll({ groupId: t.groupId, month: '2026-11' })))).toBe('CONFLICT:NOT_CLOSED');

    await admin.console((c) => c.monthClose.close({ groupId: t.groupId, month: '2026-11' }));
    const payroll = await admin.console((c) => c.monthClose.payroll({ groupId: t.groupId, month: '2026-11' }));
    // Members only (the group's manager is not a member), sorted by 社員番号 (login id).
    const worker = payroll.rows.find((r) => r.userId === t.users.worker.id);
    expect(worker).toMatchObject({ employeeNo: 'worker', presentDays: 3, absentDays: 1, lateDays: 1, earlyDays: 0, workedMinutes: 860, overtimeMinutes: 170, nightMinutes: 150, holidayMinutes: 150 });
    expect(payroll.rows.find((r) => r.userId === extra)).toMatchObject({ presentDays: 0, workedMinutes: 0 });
    expect(payroll.rows.map((r) => r.userId).sort()).toEqual([t.users.worker.id, extra].sort());

    // The files: fixed headers, UTF-8 with BOM, Shift_JIS and XLSX carry the same cells.
    const csv = await encodeTable('csv', payrollColumns(), payroll.rows, 'payroll');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').trim().split(/\r\n/);
    expect(lines[0]).toBe('社員番号,氏名,出勤日数,欠勤日数,遅刻,早退,総労働時間,残業時間,深夜時間,休日出勤');
    const workerLine = lines.find((l) => l.startsWith('worker,'));
    expect(workerLine?.split(',').slice(2)).toEqual(['3', '1', '1', '0', '860', '170', '150', '150']);
    const sjis = await encodeTable('csv-sjis', payrollColumns(), payroll.rows, 'payroll');
    expect(iconv.decode(sjis, 'Shift_JIS').trim().split(/\r\n/)).toEqual(lines);
    const book = new ExcelJS.Workbook();
    const xlsx = await encodeTable('xlsx', payrollColumns(), payroll.rows, 'payroll-2026-11');
    await book.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, ...PAYROLL_HEADERS]);
    const xlsxWorker = sheet?.getRows(2, payroll.rows.length)?.find((r) => r.getCell(1).value === 'worker');
    expect(xlsxWorker?.values).toEqual([undefined, 'worker', worker?.name, 3, 1, 1, 0, 860, 170, 150, 150]);
  });

  it('another tenant: its group is NOT_FOUND, closed or not; workers and managers are FORBIDDEN', async () => {
    await seedNovember();
    await adminDb.monthClose.create({ data: { tenantId: other.tenantId, groupId: other.groupId, month: '2026-11', closedAt: at('2026-12-01', 9, 0), closedById: other.users.admin.id } });
    const admin = await signedInUser(db, t, 'admin');
    expect(await trpcCodeOf(admin.console((c) => c.monthClose.payroll({ groupId: other.groupId, month: '2026-11' })))).toBe('NOT_FOUND');
    for (const who of ['worker', 'manager'] as const) {
      const user = await signedInUser(db, t, who);
      expect(await trpcCodeOf(user.console((c) => c.monthClose.payroll({ groupId: t.groupId, month: '2026-11' })))).toBe('FORBIDDEN');
    }
  });

  it('a reopened month has no payroll file until it is closed again', async () => {
    const admin = await signedInUser(db, t, 'admin');
    await admin.console((c) => c.monthClose.close({ groupId: t.groupId, month: '2026-11' }));
    await admin.console((c) => c.monthClose.reopen({ groupId: t.groupId, month: '2026-11' }));
    expect(await refused(admin.console((c) => c.monthClose.payroll({ groupId: t.groupId, month: '2026-11' })))).toBe('CONFLICT:NOT_CLOSED');
  });
});
