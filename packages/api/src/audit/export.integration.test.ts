import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../people/import/parse-csv';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createResellerFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser } from '../testing/callers';

const { db, adminDb } = useTestDatabase();

// Entries at fixed instants (the export shows them in JST); the file name's stamp is the export's own
// time, so only its shape is checked.
const AT = new Date('2026-11-30T15:30:00.000Z'); // 2026-12-01 00:30 JST
const LATER = new Date('2026-12-02T01:00:00.000Z'); // 2026-12-02 10:00 JST

function decodeUtf8Bom(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8');
}

async function tenantWithEntries() {
  const t = await createTenantFixture(adminDb);
  const other = await createTenantFixture(adminDb);
  const worker = t.users.worker;
  await adminDb.auditLog.create({
    data: {
      tenantId: t.tenantId, actorKind: 'USER', actorId: t.users.admin.id, action: 'user.updated', targetType: 'User', targetId: worker.id, createdAt: AT,
      details: { changes: { role: { from: 'WORKER', to: 'ADMIN' } } }, ip: '203.0.113.5',
    },
  });
  await adminDb.auditLog.create({
    data: { tenantId: t.tenantId, actorKind: 'USER', actorId: t.users.admin.id, action: 'access.allow-list', createdAt: LATER, details: { cidrs: ['203.0.113.0/24'] }, ip: '203.0.113.5' },
  });
  await adminDb.auditLog.create({
    data: { tenantId: t.tenantId, actorKind: 'SYSTEM', actorId: null, action: 'work.session_auto_closed', targetType: 'WorkSession', createdAt: LATER, details: { userId: worker.id, endedAt: AT.toISOString(), rule: 'AT_JST_MIDNIGHT' } },
  });
  await adminDb.auditLog.create({
    data: { tenantId: other.tenantId, actorKind: 'USER', actorId: other.users.admin.id, action: 'access.allow-list', createdAt: LATER, details: { cidrs: ['198.51.100.0/24'] } },
  });
  const nameOf = async (id: string) => (await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id } }, select: { name: true } })).name;
  return { t, other, adminName: await nameOf(t.users.admin.id), workerName: await nameOf(worker.id) };
}

describe('audit log CSV export (issue 18)', () => {
  it('exports the filtered tenant log with JST times, labels and details in words; UTF-8 with BOM reads back', async () => {
    const { t, adminName, workerName } = await tenantWithEntries();
    const admin = await signedInUser(db, t, 'admin');
    const file = await admin.console((c) => c.audit.export({ format: 'csv', lang: 'ja' }));
    expect(file.filename).toMatch(/^audit-log-\d{12}\.csv$/);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    expect(file.truncated).toBe(false);
    const records = parseCsvRecords(decodeUtf8Bom(file.base64));
    expect(records[0]).toEqual(['日時', '操作者', '操作', '対象', '詳細', 'IPアドレス']);
    const byAction = (label: string) => records.find((r) => r[2] === label);
    expect(byAction('ユーザの変更')).toEqual(['2026-12-01 00:30:00', adminName, 'ユーザの変更', `ユーザ: ${workerName}`, '権限: 勤務者 → 管理者', '203.0.113.5']);
    expect(byAction('許可IPアドレスの変更')).toEqual(['2026-12-02 10:00:00', adminName, '許可IPアドレスの変更', '', '許可するIPアドレス: 203.0.113.0/24', '203.0.113.5']);
    expect(records.find((r) => r[4]?.includes('終了打刻漏れ'))?.[4]).toBe(`対象者: ${workerName} / 終了時刻: 2026/12/01 00:30 / 終了打刻漏れの扱い: 日付が変わる時刻で終了`);
    expect(records.find((r) => r[4]?.includes('終了打刻漏れ'))?.[1]).toBe('システム（自動処理）');
    // No raw codes, JSON or ids anywhere in the file; nothing of the other tenant.
    const all = records.flat().join('\n');
    expect(all).not.toMatch(/[{}]|WORKER|AT_JST_MIDNIGHT|user\.updated|198\.51\.100/);
    expect(all).not.toContain(t.users.worker.id);
  });

  it('applies the screen’s filters (action, period) and speaks English when asked; Shift_JIS decodes to the same rows', async () => {
    const { t } = await tenantWithEntries();
    const admin = await signedInUser(db, t, 'admin');
    const onlyAllowList = await admin.console((c) => c.audit.export({ action: 'access.allow-list' }));
    expect(parseCsvRecords(decodeUtf8Bom(onlyAllowList.base64)).slice(1).map((r) => r[2])).toEqual(['許可IPアドレスの変更']);
    const firstDay = await admin.console((c) => c.audit.export({ from: new Date('2026-11-30T15:00:00.000Z'), to: new Date('2026-12-01T15:00:00.000Z'), lang: 'en' }));
    const en = parseCsvRecords(decodeUtf8Bom(firstDay.base64));
    expect(en[0]).toEqual(['When', 'Actor', 'Action', 'Target', 'Details', 'IP address']);
    expect(en.slice(1).map((r) => [r[0], r[2], r[4]])).toEqual([['2026-12-01 00:30:00', 'User changed', 'Role: Worker → Administrator']]);

    const utf8 = await admin.console((c) => c.audit.export({ format: 'csv' }));
    const sjis = await admin.console((c) => c.audit.export({ format: 'csv-sjis' }));
    expect(sjis.filename).toMatch(/^audit-log-\d{12}-sjis\.csv$/);
    expect(sjis.contentType).toBe('text/csv; charset=Shift_JIS');
    expect(parseCsvRecords(iconv.decode(Buffer.from(sjis.base64, 'base64'), 'cp932'))).toEqual(parseCsvRecords(decodeUtf8Bom(utf8.base64)));
  });

  it('is for administrators only, and never shows another tenant’s entries', async () => {
    const { t, other } = await tenantWithEntries();
    for (const who of ['manager', 'worker'] as const) {
      const user = await signedInUser(db, t, who);
      await expect(user.console((c) => c.audit.export({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const theirs = await signedInUser(db, other, 'admin');
    const rows = parseCsvRecords(decodeUtf8Bom((await theirs.console((c) => c.audit.export({}))).base64)).slice(1);
    expect(rows.filter((r) => !r[2]?.startsWith('サインイン')).map((r) => r[4])).toEqual(['許可するIPアドレス: 198.51.100.0/24']);
    // Filtering by a person of the first tenant finds nothing in the other's log.
    const byForeignActor = await theirs.console((c) => c.audit.export({ actorId: t.users.admin.id }));
    expect(parseCsvRecords(decodeUtf8Bom(byForeignActor.base64)).slice(1)).toEqual([]);
    // Nor does the other tenant's export name the first tenant's people.
    expect(rows.flat().join('\n')).not.toMatch(/203\.0\.113\.(0\/24|5\b)|勤務者 → 管理者/);
  });

  it('exports the provider log for operators, with the customer named; reseller staff may not', async () => {
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const t = await createTenantFixture(adminDb);
    await op.reseller((c) => c.operator.notices.create({ kind: 'GENERAL', audience: 'SELECTED_TENANTS', tenantIds: [t.tenantId], titleJa: '一般', bodyJa: '本文' }));
    const me = await adminDb.operator.findUniqueOrThrow({ where: { email }, select: { name: true } });
    const file = await op.reseller((c) => c.operator.audit.export({ action: 'notice.*' }));
    expect(file.filename).toMatch(/^provider-audit-log-\d{12}\.csv$/);
    const records = parseCsvRecords(decodeUtf8Bom(file.base64));
    expect(records[0]).toEqual(['日時', 'お客様', '操作者', '操作', '対象', '詳細', 'IPアドレス']);
    const mine = records.find((r) => r[2] === `オペレーター ${me.name}` && r[5]?.includes('一般'));
    expect(mine?.slice(2, 6)).toEqual([`オペレーター ${me.name}`, 'お知らせの作成', 'お知らせ', 'お知らせの種類: 一般 / 対象: 選んだ契約者 / 送付先の管理者: 1名']);
    expect(records.flat().join('\n')).not.toMatch(/GENERAL|SELECTED_TENANTS|[{}]/);

    const reseller = await createResellerFixture(adminDb);
    const staff = await signedInProvider(db, 'resellerStaff', reseller.staffEmail);
    await expect(staff.reseller((c) => c.operator.audit.export({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
