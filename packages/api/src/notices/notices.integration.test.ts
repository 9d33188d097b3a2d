import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { useTestDatabase } from '../testing/db';
import { createOperatorFixture, createTenantFixture } from '../testing/fixtures';
import { signedInProvider, signedInUser, TestBrowser } from '../testing/callers';
import { startTestSmtpServer } from '../testing/smtp';
import { smtpMailer } from '../mail/mailer';
import { AppError } from '../errors/app-error';
import { sendDueNoticeDeliveries } from './delivery';

const { db, adminDb } = useTestDatabase();
const DAY = 24 * 60 * 60_000;

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return `${e.code}:${e.cause instanceof AppError ? (e.cause.details.reason ?? '') : ''}`;
    throw e;
  }
  return 'OK';
}

describe('notices', () => {
  it('delivers to every registered administrator of the target tenants, records send times, retries a failed address', async () => {
    const a = await createTenantFixture(adminDb);
    const b = await createTenantFixture(adminDb);
    const other = await createTenantFixture(adminDb);
    // A second administrator of tenant a whose mailbox refuses mail at first.
    const bouncing = `bounce-${a.systemId.toLowerCase()}@example.test`;
    await adminDb.user.create({ data: { tenantId: a.tenantId, loginId: 'admin2', name: '管理者二', role: 'ADMIN', email: bouncing, isRegisteredAdministrator: true } });
    // A manager is not a registered administrator and gets no e-mail.
    const { operatorId, email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);

    const start = new Date(Date.now() + 3 * DAY);
    const notice = await op.reseller((c) =>
      c.operator.notices.create({
        kind: 'MAINTENANCE',
        audience: 'SELECTED_TENANTS',
        tenantIds: [a.tenantId, b.tenantId],
        titleJa: '定期メンテナンス',
        bodyJa: 'サービスを停止します。',
        maintenanceStartAt: start,
        maintenanceEndAt: new Date(start.getTime() + 2 * 60 * 60_000),
      }),
    );
    expect(notice.recipients).toBe(3);
    expect(notice.createdByOperatorId).toBe(operatorId);

    // Other test files share this database and may leave deliveries of their own notices due:
    // settle those first so the counts below are this notice's alone.
    await adminDb.noticeDelivery.updateMany({ where: { noticeId: { not: notice.id }, status: { not: 'SENT' } }, data: { status: 'SENT', sentAt: new Date() } });
    const smtp = await startTestSmtpServer({ rejectRecipients: [bouncing] });
    try {
      const first = await sendDueNoticeDeliveries(db, smtpMailer(smtp.url), new Date());
      expect(first).toEqual({ sent: 2, failed: 1 });
      const mails = await smtp.waitFor(2);
      expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringContaining('定期メンテナンス')]));
      expect(mails.flatMap((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : [])).map((t) => t.text).sort()).toEqual(
        [`admin-${a.systemId.slice(4)}@example.test`, `admin-${b.systemId.slice(4)}@example.test`].sort(),
      );
    } finally {
      await smtp.close();
    }

    let report = await op.reseller((c) => c.operator.notices.deliveries({ noticeId: notice.id }));
    expect(report).toHaveLength(3);
    const failed = report.find((r) => r.email === bouncing);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, sentAt: null });
    expect(failed?.lastError).toMatch(/550|mailbox/);
    // The next retry is one backoff step (1 min) after the base the job counts from: the later of publication and the row's creation.
    const row = await adminDb.noticeDelivery.findFirstOrThrow({ where: { noticeId: notice.id, email: bouncing } });
    expect(failed?.nextAttemptAt?.getTime()).toBe(Math.max(notice.publishAt.getTime(), row.createdAt.getTime()) + 60_000);
    for (const r of report.filter((x) => x.email !== bouncing)) {
      expect(r.status).toBe('SENT');
      expect(r.sentAt).toBeInstanceOf(Date);
      expect(r.nextAttemptAt).toBeNull();
    }
    expect(report.some((r) => r.tenantId === other.tenantId)).toBe(false);

    // Backoff: an immediate second run does not retry; a minute later it does, and the mailbox now accepts.
    const smtp2 = await startTestSmtpServer();
    try {
      expect(await sendDueNoticeDeliveries(db, smtpMailer(smtp2.url), new Date())).toEqual({ sent: 0, failed: 0 });
      expect(await sendDueNoticeDeliveries(db, smtpMailer(smtp2.url), new Date(Date.now() + 61_000))).toEqual({ sent: 1, failed: 0 });
      await smtp2.waitFor(1);
    } finally {
      await smtp2.close();
    }
    report = await op.reseller((c) => c.operator.notices.deliveries({ noticeId: notice.id }));
    expect(report.find((r) => r.email === bouncing)).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
    const list = await op.reseller((c) => c.operator.notices.list());
    expect(list.find((n) => n.id === notice.id)?.deliveries).toEqual({ pending: 0, sent: 3, failed: 0 });

    // The home screen: tenant a's manager sees it, the other tenant does not.
    const managerA = await signedInUser(db, a, 'manager');
    expect((await managerA.console((c) => c.notices.forMe())).map((n) => n.id)).toContain(notice.id);
    const adminOther = await signedInUser(db, other, 'admin');
    expect((await adminOther.console((c) => c.notices.forMe())).map((n) => n.id)).not.toContain(notice.id);
  });

  it('refuses a terms change published less than 30 days ahead (第3条) and late planned maintenance (第18条)', async () => {
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const base = { audience: 'ALL_TENANTS' as const, titleJa: '約款変更', bodyJa: '本文' };
    expect(await failure(op.reseller((c) => c.operator.notices.create({ ...base, kind: 'TERMS_CHANGE', effectiveAt: new Date(Date.now() + 29 * DAY) })))).toBe(
      'PRECONDITION_FAILED:TERMS_CHANGE_NOTICE_TOO_SHORT',
    );
    expect(await failure(op.reseller((c) => c.operator.notices.create({ ...base, kind: 'SERVICE_END', effectiveAt: new Date(Date.now() + 10 * DAY) })))).toBe(
      'PRECONDITION_FAILED:SERVICE_END_NOTICE_TOO_SHORT',
    );
    const started = { kind: 'MAINTENANCE' as const, maintenanceStartAt: new Date(Date.now() - 60_000), maintenanceEndAt: new Date(Date.now() + 3_600_000) };
    expect(await failure(op.reseller((c) => c.operator.notices.create({ ...base, ...started })))).toBe('PRECONDITION_FAILED:MAINTENANCE_NOT_IN_ADVANCE');
    expect(await failure(op.reseller((c) => c.operator.notices.create({ ...base, ...started, emergency: true })))).toBe('OK');
    expect(await failure(op.reseller((c) => c.operator.notices.create({ ...base, kind: 'TERMS_CHANGE', effectiveAt: new Date(Date.now() + 31 * DAY) })))).toBe('OK');
  });

  it('shows current notices for all customers on the sign-in screen without a session; withdrawn ones disappear', async () => {
    const t = await createTenantFixture(adminDb);
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    const everyone = await op.reseller((c) => c.operator.notices.create({ kind: 'GENERAL', audience: 'ALL_TENANTS', titleJa: '全体のお知らせ', bodyJa: '本文' }));
    const selected = await op.reseller((c) => c.operator.notices.create({ kind: 'GENERAL', audience: 'SELECTED_TENANTS', tenantIds: [t.tenantId], titleJa: '個別', bodyJa: '本文' }));
    const anon = new TestBrowser(db, 'console');
    let shown = (await anon.console((c) => c.notices.loginScreen())).map((n) => n.id);
    expect(shown).toContain(everyone.id);
    expect(shown).not.toContain(selected.id);
    await op.reseller((c) => c.operator.notices.withdraw({ noticeId: everyone.id }));
    shown = (await anon.console((c) => c.notices.loginScreen())).map((n) => n.id);
    expect(shown).not.toContain(everyone.id);
    expect(await adminDb.providerAuditLog.count({ where: { targetId: everyone.id, action: { in: ['notice.create', 'notice.withdraw'] } } })).toBe(2);
  });

  it('a terms change records the terms version in force from its date; withdrawing it before then drops the version', async () => {
    const { email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    // A date no other test uses: versions are named by the Tokyo date they take effect.
    const effectiveAt = new Date(Date.UTC(2031, 3, 30, 15, 0)); // 2031-05-01 00:00 JST
    const input = { kind: 'TERMS_CHANGE' as const, audience: 'ALL_TENANTS' as const, titleJa: '利用約款の改定', bodyJa: '第3条に基づき改定します。', effectiveAt };
    const notice = await op.reseller((c) => c.operator.notices.create(input));
    expect(notice.termsVersion).toBe('2031-05-01');
    const version = await adminDb.termsVersion.findUniqueOrThrow({ where: { version: '2031-05-01' } });
    expect(version).toMatchObject({ title: '利用約款の改定', body: '第3条に基づき改定します。', noticeId: notice.id });
    expect(version.effectiveAt.toISOString()).toBe(effectiveAt.toISOString());
    expect(version.publishedAt.toISOString()).toBe(notice.publishAt.toISOString());
    expect((await adminDb.providerAuditLog.findFirstOrThrow({ where: { targetId: notice.id, action: 'notice.create' } })).details).toMatchObject({ termsVersion: '2031-05-01' });

    // A second change taking effect the same day would be the same version: refused, nothing stored.
    expect(await failure(op.reseller((c) => c.operator.notices.create({ ...input, titleJa: '重複' })))).toBe('CONFLICT:TERMS_VERSION_EXISTS');
    expect(await adminDb.notice.count({ where: { titleJa: '重複' } })).toBe(0);

    await op.reseller((c) => c.operator.notices.withdraw({ noticeId: notice.id }));
    expect(await adminDb.termsVersion.count({ where: { noticeId: notice.id } })).toBe(0);
    // Now the date is free again.
    expect((await op.reseller((c) => c.operator.notices.create(input))).termsVersion).toBe('2031-05-01');
    // Other kinds of notice make no terms version.
    const general = await op.reseller((c) => c.operator.notices.create({ kind: 'GENERAL', audience: 'ALL_TENANTS', titleJa: '一般', bodyJa: '本文', effectiveAt: new Date(Date.UTC(2032, 0, 1)) }));
    expect(general.termsVersion).toBeNull();
    expect(await adminDb.termsVersion.count({ where: { noticeId: general.id } })).toBe(0);
  });

  it('withdrawing a terms change already in force keeps its version', async () => {
    const { operatorId, email } = await createOperatorFixture(adminDb);
    const op = await signedInProvider(db, 'operator', email);
    // Stored directly as if published 40 days ago and in force since yesterday (the 30-day rule checks new notices only).
    const past = await adminDb.notice.create({
      data: { kind: 'TERMS_CHANGE', audience: 'ALL_TENANTS', titleJa: '旧改定', bodyJa: '本文', publishAt: new Date(Date.now() - 40 * DAY), effectiveAt: new Date(Date.now() - DAY), createdByOperatorId: operatorId },
    });
    await adminDb.termsVersion.create({ data: { version: `past-${past.id}`, title: '旧改定', body: '本文', publishedAt: past.publishAt, effectiveAt: new Date(Date.now() - DAY), noticeId: past.id } });
    await op.reseller((c) => c.operator.notices.withdraw({ noticeId: past.id }));
    expect(await adminDb.termsVersion.count({ where: { noticeId: past.id } })).toBe(1);
  });
});
