import { describe, expect, it } from 'vitest';
import { withScope, withTenant } from '@telework/db';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser, trpcCodeOf as codeOf } from '../testing/callers';
import { startTestSmtpServer } from '../testing/smtp';
import { smtpMailer } from '../mail/mailer';
import { answerInquiry, openInquiry, replyToInquiry } from './inquiries';
import { autoAcceptAnsweredInquiries } from './auto-accept';
import { supportEnv } from './env';

const { db, adminDb } = useTestDatabase();

async function adminName(t: TenantFixture) {
  return (await adminDb.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.admin.id } } })).name;
}

const unusedMailer = { send: () => Promise.reject(new Error('no mail expected')) };

/** Opens an inquiry as the fixture's registered administrator at a chosen moment. */
async function openAt(t: TenantFixture, iso: string) {
  const name = await adminName(t);
  return withTenant(db, t.tenantId, (tx) =>
    openInquiry(tx, { tenantId: t.tenantId, userId: t.users.admin.id, ip: null, now: new Date(iso), mailer: unusedMailer, input: { systemId: t.systemId, administratorName: name, subject: '質問', body: '本文' } }),
  );
}

describe('first-answer due time stored on inquiries (3 support hours, 9:00–11:45 and 13:00–17:00 JST)', () => {
  it.each([
    ['over the lunch break', '2026-11-30T01:00:00Z' /* Mon 10:00 JST */, '2026-11-30T05:15:00Z' /* Mon 14:15 */],
    ['across days', '2026-11-30T07:30:00Z' /* Mon 16:30 */, '2026-12-01T02:30:00Z' /* 30 min, then Tue 9:00 + 150 = 11:30 */],
    ['over a weekend', '2026-12-04T07:00:00Z' /* Fri 16:00 */, '2026-12-07T02:00:00Z' /* Mon 11:00 */],
    ['over a weekend and a holiday (勤労感謝の日, Mon 23 Nov)', '2026-11-21T01:00:00Z' /* Sat 10:00 */, '2026-11-24T04:15:00Z' /* Tue 9:00 + 165 + 15 = 13:15 */],
    ['received in the evening', '2026-12-01T11:00:00Z' /* Tue 20:00 */, '2026-12-02T04:15:00Z' /* Wed 13:15 */],
  ])('%s', async (_label, received, due) => {
    const t = await createTenantFixture(adminDb);
    const inquiry = await openAt(t, received);
    const stored = await adminDb.inquiry.findFirstOrThrow({ where: { tenantId: t.tenantId, id: inquiry.id } });
    expect(stored.receivedAt.toISOString()).toBe(new Date(received).toISOString());
    expect(stored.firstAnswerDueAt.toISOString()).toBe(new Date(due).toISOString());
  });

  it('a phone inquiry logged by an operator gets the same clock', async () => {
    const t = await createTenantFixture(adminDb);
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const i = await op.reseller((c) =>
      c.operator.inquiries.logPhone({ tenantId: t.tenantId, administratorId: t.users.admin.id, subject: '電話', body: '通話メモ', receivedAt: new Date('2026-11-27T01:00:00Z') /* Fri 10:00 JST, in the past */ }),
    );
    expect(i.channel).toBe('PHONE');
    expect(i.firstAnswerDueAt.toISOString()).toBe('2026-11-27T05:15:00.000Z');
    // Only a registered administrator can be the caller of record.
    expect(await codeOf(op.reseller((c) => c.operator.inquiries.logPhone({ tenantId: t.tenantId, administratorId: t.users.manager.id, subject: 'x', body: 'y' })))).toBe('NOT_FOUND');
  });

  it('lists the callers an operator may log: the tenant’s registered, enabled administrators only', async () => {
    const t = await createTenantFixture(adminDb);
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'gone', name: '退職 者', role: 'ADMIN', isRegisteredAdministrator: true, disabledAt: new Date() } });
    await adminDb.user.create({ data: { tenantId: t.tenantId, loginId: 'admin2', name: '追加 管理者', role: 'ADMIN', department: '総務部', isRegisteredAdministrator: true } });
    const admins = await op.reseller((c) => c.operator.inquiries.administrators({ tenantId: t.tenantId }));
    expect(admins.map((a) => a.name).sort()).toEqual([await adminName(t), '追加 管理者'].sort());
    expect(admins.find((a) => a.name === '追加 管理者')).toMatchObject({ department: '総務部', email: null });
    expect(await codeOf(op.reseller((c) => c.operator.inquiries.administrators({ tenantId: '00000000-0000-4000-8000-000000000000' })))).toBe('NOT_FOUND');
  });
});

describe('who may open an inquiry (第4条2項, 仕様書 4)', () => {
  it('checks the registration, the system ID and the administrator’s name', async () => {
    const t = await createTenantFixture(adminDb);
    const name = await adminName(t);
    const good = { systemId: t.systemId, administratorName: name, subject: 'ログインについて', body: 'ログインできません' };
    const manager = await signedInUser(db, t, 'manager');
    expect(await codeOf(manager.console((c) => c.support.open(good)))).toBe('FORBIDDEN');

    const admin = await signedInUser(db, t, 'admin');
    expect(await codeOf(admin.console((c) => c.support.open({ ...good, systemId: 'TW-WRONG' })))).toBe('BAD_REQUEST');
    expect(await codeOf(admin.console((c) => c.support.open({ ...good, administratorName: '別人 太郎' })))).toBe('BAD_REQUEST');
    // Spaces (full-width too) do not matter.
    const opened = await admin.console((c) => c.support.open({ ...good, administratorName: name.replace(' ', '\u3000') }));
    expect(opened.status).toBe('OPEN');
    expect(opened.firstAnswerDueAt.getTime()).toBeGreaterThan(opened.receivedAt.getTime());

    // An ADMIN-role user who is not a registered administrator is refused.
    await adminDb.user.update({ where: { tenantId_id: { tenantId: t.tenantId, id: t.users.admin.id } }, data: { isRegisteredAdministrator: false } });
    expect(await codeOf(admin.console((c) => c.support.open(good)))).toBe('FORBIDDEN');
  });
});

describe('answers, e-mail both ways and the one-week acceptance', () => {
  it('mails the support desk and the administrator; an operator answer is visible in the console', async () => {
    const t = await createTenantFixture(adminDb);
    const name = await adminName(t);
    const { operatorId, email } = await createOperatorFixture(adminDb);
    const smtp = await startTestSmtpServer();
    try {
      const mailer = smtpMailer(smtp.url);
      const opened = await withTenant(db, t.tenantId, (tx) =>
        openInquiry(tx, { tenantId: t.tenantId, userId: t.users.admin.id, ip: null, now: new Date(), mailer, input: { systemId: t.systemId, administratorName: name, subject: '請求書', body: '再発行してください' } }),
      );
      expect(opened.notified).toBe(true);
      const [toSupport] = await smtp.waitFor(1);
      expect(toSupport?.subject).toContain(opened.number);
      expect(toSupport?.text).toContain('再発行してください');
      expect(JSON.stringify(toSupport?.to)).toContain(supportEnv.SUPPORT_EMAIL);

      const answered = await withScope(db, { operator: true }, (tx) =>
        answerInquiry(tx, { operatorId, tenantId: t.tenantId, inquiryId: opened.id, body: '再発行しました。', now: new Date(), mailer, ip: null }),
      );
      expect(answered.notified).toBe(true);
      const mails = await smtp.waitFor(2);
      expect(JSON.stringify(mails[1]?.to)).toContain(`admin-${t.systemId.slice(4)}@example.test`);
      expect(mails[1]?.text).toContain('再発行しました。');
    } finally {
      await smtp.close();
    }
    const admin = await signedInUser(db, t, 'admin');
    const list = await admin.console((c) => c.support.list());
    const mine = list[0];
    expect(mine?.status).toBe('ANSWERED');
    const detail = await admin.console((c) => c.support.get({ inquiryId: mine?.id ?? '' }));
    expect(detail.messages.map((m) => m.author)).toEqual(['ADMINISTRATOR', 'OPERATOR']);
    expect(detail.autoAcceptAt).toBeInstanceOf(Date);
    const op = await signedInProvider(db, 'operator', email);
    expect((await op.reseller((c) => c.operator.inquiries.list({ status: 'ANSWERED' }))).map((i) => i.id)).toContain(detail.id);
  });

  it('closes an answer left without reply for a week as AUTO_ACCEPTED; a reply keeps it open', async () => {
    const t = await createTenantFixture(adminDb);
    const { operatorId } = await createOperatorFixture(adminDb);
    const silent = await openAt(t, '2026-11-02T01:00:00Z');
    const replied = await openAt(t, '2026-11-02T01:00:00Z');
    const answeredAt = new Date('2026-11-02T03:00:00Z');
    for (const i of [silent, replied]) {
      await withScope(db, { operator: true }, (tx) => answerInquiry(tx, { operatorId, tenantId: t.tenantId, inquiryId: i.id, body: '回答', now: answeredAt, mailer: unusedMailer, ip: null }));
    }
    await withTenant(db, t.tenantId, (tx) =>
      replyToInquiry(tx, { tenantId: t.tenantId, userId: t.users.admin.id, inquiryId: replied.id, body: 'まだ解決しません', now: new Date('2026-11-05T00:00:00Z'), mailer: unusedMailer, ip: null }),
    );
    const week = 7 * 24 * 60 * 60_000;
    expect(await autoAcceptAnsweredInquiries(db, new Date(answeredAt.getTime() + week - 60_000))).toBe(0);
    expect(await autoAcceptAnsweredInquiries(db, new Date(answeredAt.getTime() + week))).toBeGreaterThanOrEqual(1);
    const rows = await adminDb.inquiry.findMany({ where: { tenantId: t.tenantId }, orderBy: { createdAt: 'asc' } });
    expect(rows.find((r) => r.id === silent.id)).toMatchObject({ status: 'AUTO_ACCEPTED', closedAt: new Date(answeredAt.getTime() + week) });
    expect(rows.find((r) => r.id === replied.id)?.status).toBe('OPEN');
    expect(await adminDb.auditLog.count({ where: { tenantId: t.tenantId, action: 'inquiry.auto-accepted', targetId: silent.id } })).toBe(1);
  });
});
