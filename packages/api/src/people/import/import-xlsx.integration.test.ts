import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { signedInUser } from '../../testing/callers';
import { createTenantFixture } from '../../testing/fixtures';
import { useTestDatabase } from '../../testing/db';
import { readImportFile } from './parse-xlsx';

const { db, adminDb } = useTestDatabase();

const HEADER = ['ユーザID', '氏名', 'メールアドレス', '部署', '権限', '表示言語', '所属グループ'];

/** A workbook as Excel would save it: headings in row 1, a number-typed ID, a linked e-mail address. */
async function workbook(rows: (string | number | ExcelJS.CellHyperlinkValue)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('ユーザ');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  // Excel keeps formatted but empty rows; they are not users.
  sheet.getRow(rows.length + 3).getCell(1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, fieldErrors: (e.cause as { details?: { fieldErrors?: unknown } }).details?.fieldErrors };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('user import from an Excel workbook (.xlsx)', () => {
  it('previews a workbook by the same rules as CSV (per-row problems), applies nothing until it is fixed, then applies it in one go', async () => {
    const t = await createTenantFixture(adminDb, { seats: 20 });
    const group = (await adminDb.group.findFirstOrThrow({ where: { id: t.groupId }, select: { name: true } })).name;
    const admin = await signedInUser(db, t, 'admin');
    const count = () => adminDb.user.count({ where: { tenantId: t.tenantId } });
    const before = await count();
    const good = [
      ['xl1', '表計算 一郎', { text: 'ichiro@example.jp', hyperlink: 'mailto:ichiro@example.jp' }, '営業', '勤務者', 'ja', group],
      [1007, '数字 ID', '', '', '勤務管理者', 'en', ''],
    ];
    const bad = [
      ['', '名無し', '', '', '勤務者', '', ''],
      ['xl3', 'メール 不正', 'not-an-email', '', '社長', '', ''],
    ];
    const withBad = await workbook([...good, ...bad]);
    const preview = await admin.console((c) => c.users.importPreview({ file: withBad }));
    expect(preview.encoding).toBe('XLSX');
    expect(preview.rows.map((r) => [r.line, r.loginId, r.problems])).toEqual([
      [2, 'xl1', []],
      [3, '1007', []],
      [4, '', ['LOGIN_ID_MISSING']],
      [5, 'xl3', ['EMAIL_INVALID', 'ROLE_INVALID']],
    ]);
    expect(preview.rows[0]).toMatchObject({ name: '表計算 一郎', email: 'ichiro@example.jp', role: 'WORKER', groups: [group] });
    expect(preview.badRows).toBe(2);
    const refused = await refusal(admin.console((c) => c.users.importApply({ file: withBad })));
    expect(refused.code).toBe('BAD_REQUEST');
    expect(await count()).toBe(before);

    const fixed = await workbook(good);
    const applied = await admin.console((c) => c.users.importApply({ file: fixed }));
    expect(applied.created.map((u) => u.loginId)).toEqual(['xl1', '1007']);
    expect(await count()).toBe(before + 2);
    const audit = await adminDb.auditLog.findFirstOrThrow({ where: { tenantId: t.tenantId, action: 'user.imported' }, select: { details: true } });
    expect(audit.details).toMatchObject({ count: 2, encoding: 'XLSX' });
  });

  it('knows a workbook by its content: a zip that is not a workbook, or a .xlsx name on CSV text, is read for what it is', async () => {
    // A zip archive (local file header) that holds no workbook.
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('not really a workbook')]);
    await expect(readImportFile(zip)).rejects.toMatchObject({ code: 'VALIDATION', details: { fieldErrors: { file: ['not a workbook'] } } });
    // CSV bytes are CSV whatever the file was called.
    const csv = await readImportFile(Buffer.from('loginId,name,role\nann,Ann,WORKER\n'));
    expect(csv.encoding).toBe('UTF-8');
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    expect(await refusal(admin.console((c) => c.users.importPreview({ file: zip.toString('base64') })))).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { file: ['not a workbook'] } });
  });

  it('offers the template as a workbook that reads back as the CSV template does; administrators only', async () => {
    const t = await createTenantFixture(adminDb);
    const admin = await signedInUser(db, t, 'admin');
    const file = await admin.console((c) => c.users.importTemplate());
    expect(file.filename).toBe('users-template.xlsx');
    const parsed = await readImportFile(Buffer.from(file.base64, 'base64'));
    expect(parsed.encoding).toBe('XLSX');
    expect(parsed.rows).toEqual([{ line: 2, cells: { loginId: 'yamada.taro', name: '山田 太郎', email: 'taro@example.jp', department: '営業部', role: '勤務者', language: 'ja', groups: '営業部' } }]);
    const worker = await signedInUser(db, t, 'worker');
    expect((await refusal(worker.console((c) => c.users.importTemplate()))).code).toBe('FORBIDDEN');
  });
});
