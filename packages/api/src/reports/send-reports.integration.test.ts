import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@telework/db';
import { jstDateTimeToInstant } from '../calendar';
import { smtpMailer } from '../mail/mailer';
import { signedInUser } from '../testing/callers';
import { createTenantFixture, type TenantFixture } from '../testing/fixtures';
import { useTestDatabase } from '../testing/db';
import { startTestSmtpServer } from '../testing/smtp';
import { sendDueReports } from './send-reports';

const { db, adminDb } = useTestDatabase();
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let t: TenantFixture;
const at = (date: string, hh: number, mm = 0) => jstDateTimeToInstant(date, hh * 60 + mm);

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await createTenantFixture(adminDb);
});
afterAll(() => smtp.close());

describe('periodic reports', () => {
  it('mails last week’s group report once, with the right figures and CSV/XLSX attachments', async () => {
    const w = t.users.worker.id;
    // Week of Mon 2026-11-16 … Sun 2026-11-22: 8 h on Monday, 7 h 30 on Tuesday with one incident.
    await adminDb.workSession.createMany({
      data: [
        { tenantId: t.tenantId, userId: w, startedAt: at('2026-11-16', 9), endedAt: at('2026-11-16', 17) },
        { tenantId: t.tenantId, userId: w, startedAt: at('2026-11-17', 9), endedAt: at('2026-11-17', 16, 30) },
      ],
    });
    await adminDb.incident.create({ data: { tenantId: t.tenantId, userId: w, deviceId: t.deviceId, clientEventId: crypto.randomUUID(), kind: 'IMPERSONATION', faceCount: 1, occurredAt: at('2026-11-17', 10) } });
    const admin = await signedInUser(db, t, 'admin');
    await admin.console((c) => c.reports.create({ groupId: t.groupId, period: 'WEEKLY', recipientUserIds: [t.users.manager.id] }));

    const now = at('2026-11-24', 7); // Tuesday of the following week
    const mailer = smtpMailer(smtp.url);
    expect(await withTenant(db, t.tenantId, (tx) => sendDueReports(tx, { tenantId: t.tenantId, mailer, now }))).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('manager-');
    expect(mail?.subject).toBe('【テレワークサポーター】勤務レポート 営業部 2026-11-16〜2026-11-22');
    expect(mail?.text).toContain('勤務 15:30 / 離席 0:00 / 残業 0:00 / インシデント 1件');
    const csv = mail?.attachments.find((a) => a.filename?.endsWith('.csv'));
    const text = csv?.content.toString('utf8') ?? '';
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('930'); // worked minutes
    expect(mail?.attachments.some((a) => a.filename?.endsWith('.xlsx'))).toBe(true);
    // Sent once: the next run for the same period sends nothing.
    expect(await withTenant(db, t.tenantId, (tx) => sendDueReports(tx, { tenantId: t.tenantId, mailer, now }))).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });
});
