import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import iconv from 'iconv-lite';
import { signedInUser } from '../../testing/callers';
import { createTenantFixture } from '../../testing/fixtures';
import { useTestDatabase } from '../../testing/db';
import { verifyPassword } from '../../auth/passwords';
import { previewImport } from './import-users';

const { db, adminDb } = useTestDatabase();

const HEADER = 'ユーザID,氏名,メールアドレス,部署,権限,表示言語,所属グループ';
const sjis = (lines: string[]) => iconv.encode([HEADER, ...lines, ''].join('\r\n'), 'cp932').toString('base64');

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, appCode: (e.cause as { code?: string }).code, reason: (e.cause as { details?: { reason?: string } }).details?.reason };
    throw e;
  }
  throw new Error('expected a refusal');
}

async function setup(seats = 10) {
  const t = await createTenantFixture(adminDb, { seats });
  const group = await adminDb.group.findFirstOrThrow({ where: { id: t.groupId }, select: { name: true } });
  const admin = await signedInUser(db, t, 'admin');
  const count = () => adminDb.user.count({ where: { tenantId: t.tenantId } });
  return { t, group: group.name, admin, count };
}

describe('user import: preview', () => {
  it('names every problem of every row, and checks login IDs and groups against this tenant only', async () => {
    const { t, group, admin } = await setup();
    const other = await createTenantFixture(adminDb);
    const otherGroup = await adminDb.group.create({ data: { tenantId: other.tenantId, name: '別テナントだけの部' }, select: { name: true } });
    await adminDb.user.create({ data: { tenantId: other.tenantId, loginId: 'only-in-b', name: 'B', role: 'WORKER', passwordHash: 'x' } });
    const preview = await admin.console((c) =>
      c.users.importPreview({
        file: sjis([
          `ok1,佐藤 一郎,ichiro@example.jp,営業,勤務者,ja,${group}`,
          ',名無し,,,勤務者,,',
          'dup,重複 一,,,勤務者,,',
          'dup,重複 二,,,勤務者,,',
          'worker,既存,,,勤務者,,', // the fixture's worker
          'only-in-b,別テナントのID,,,勤務者,en,', // free here
          'mail,メール,not-an-email,,勤務者,,',
          `grp,グループ,,,勤務者,,${otherGroup.name}`,
          'boss,社長,,,BOSS,fr,',
          'bad id!,,,,MANAGER,,',
        ]),
      }),
    );
    expect(preview.encoding).toBe('CP932');
    expect(preview.rows.map((r) => [r.line, r.loginId, r.problems])).toEqual([
      [2, 'ok1', []],
      [3, '', ['LOGIN_ID_MISSING']],
      [4, 'dup', ['LOGIN_ID_DUPLICATE']],
      [5, 'dup', ['LOGIN_ID_DUPLICATE']],
      [6, 'worker', ['LOGIN_ID_TAKEN']],
      [7, 'only-in-b', []],
      [8, 'mail', ['EMAIL_INVALID']],
      [9, 'grp', ['GROUP_UNKNOWN']],
      [10, 'boss', ['ROLE_INVALID', 'LANGUAGE_INVALID']],
      [11, 'bad id!', ['LOGIN_ID_INVALID', 'NAME_MISSING']],
    ]);
    expect(preview.badRows).toBe(8);
    expect(preview.rows[0]).toMatchObject({ name: '佐藤 一郎', role: 'WORKER', language: 'ja', groups: [group] });
    // The preview wrote nothing.
    expect(await adminDb.user.count({ where: { tenantId: t.tenantId, loginId: 'ok1' } })).toBe(0);
  });

  it('marks rows whose role the importing user may not create, by the role table', async () => {
    const { t } = await setup();
    // Managers have no create rule (role-rules.ts): every row is refused, whatever its role.
    const preview = await previewImport(adminDb, { tenantId: t.tenantId, actor: { id: t.users.manager.id, role: 'MANAGER' }, file: Buffer.from(sjis(['w1,勤務,,,勤務者,,', 'm1,管理,,,MANAGER,,']), 'base64') });
    expect(preview.rows.map((r) => r.problems)).toEqual([['ROLE_NOT_ALLOWED'], ['ROLE_NOT_ALLOWED']]);
  });

  it('is refused to a manager and a worker (the procedures are admin-only)', async () => {
    const { t } = await setup();
    for (const who of ['manager', 'worker'] as const) {
      const u = await signedInUser(db, t, who);
      expect(await refusal(u.console((c) => c.users.importPreview({ file: sjis(['a,A,,,勤務者,,']) })))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await refusal(u.console((c) => c.users.importApply({ file: sjis(['a,A,,,勤務者,,']) })))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('user import: apply', () => {
  it('applies nothing while any row is bad', async () => {
    const { admin, count } = await setup();
    const before = await count();
    expect(await refusal(admin.console((c) => c.users.importApply({ file: sjis(['good,良い,,,勤務者,,', 'worker,既存,,,勤務者,,']) }))))
      .toEqual({ code: 'BAD_REQUEST', appCode: 'VALIDATION', reason: 'IMPORT_ROWS' });
    expect(await count()).toBe(before);
  });

  it('creates every row with an issued password that must be changed, its groups, and audit entries', async () => {
    const { t, group, admin, count } = await setup();
    const before = await count();
    const { created } = await admin.console((c) =>
      c.users.importApply({ file: sjis([`n1,新人 一,n1@example.jp,開発,勤務者,en,${group}`, 'n2,新人 二,,,勤務管理者,,', 'n3,新人 三,,,管理者,,']) }),
    );
    expect(created.map((u) => [u.line, u.loginId, u.role])).toEqual([[2, 'n1', 'WORKER'], [3, 'n2', 'MANAGER'], [4, 'n3', 'ADMIN']]);
    expect(await count()).toBe(before + 3);
    for (const u of created) {
      const row = await adminDb.user.findFirstOrThrow({ where: { tenantId: t.tenantId, loginId: u.loginId }, select: { passwordHash: true, mustChangePassword: true } });
      expect(row.mustChangePassword).toBe(true);
      expect(await verifyPassword(row.passwordHash, u.initialPassword)).toBe(true);
    }
    const n1 = await adminDb.user.findFirstOrThrow({ where: { tenantId: t.tenantId, loginId: 'n1' }, select: { email: true, department: true, language: true, memberships: { select: { groupId: true } } } });
    expect(n1).toEqual({ email: 'n1@example.jp', department: '開発', language: 'en', memberships: [{ groupId: t.groupId }] });
    const audit = await adminDb.auditLog.findMany({ where: { tenantId: t.tenantId, action: { in: ['user.created', 'user.imported'] } }, select: { action: true, details: true } });
    expect(audit.filter((a) => a.action === 'user.created')).toHaveLength(3);
    expect(audit.filter((a) => a.action === 'user.imported').map((a) => a.details)).toEqual([{ count: 3, encoding: 'CP932' }]);
  });

  it('respects the seat limit for the whole file: preview warns, apply stores nothing', async () => {
    // 3 seats; the fixture already has 1 active worker.
    const { admin, count } = await setup(3);
    const file = sjis(['s1,席一,,,勤務者,,', 's2,席二,,,勤務者,,', 's3,席三,,,勤務者,,', 'm1,管理,,,勤務管理者,,']);
    const preview = await admin.console((c) => c.users.importPreview({ file }));
    expect(preview.seats).toEqual({ allowed: 3, used: 1, adding: 3, enough: false });
    const before = await count();
    expect(await refusal(admin.console((c) => c.users.importApply({ file })))).toMatchObject({ code: 'PRECONDITION_FAILED', appCode: 'SEAT_LIMIT' });
    // Atomic: the rows inserted before the seat check (the manager included) were rolled back.
    expect(await count()).toBe(before);
    // Two workers fit exactly; managers take no seat.
    const ok = await admin.console((c) => c.users.importApply({ file: sjis(['s1,席一,,,勤務者,,', 's2,席二,,,勤務者,,', 'm1,管理,,,勤務管理者,,']) }));
    expect(ok.created).toHaveLength(3);
    expect(await admin.console((c) => c.users.seats())).toEqual({ allowed: 3, used: 3 });
  });
});
