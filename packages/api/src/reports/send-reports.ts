import { listTenantIds, withTenant, type Db, type Tx } from '@telework/db';
import type { Mailer } from '../mail/mailer';
import { buildWorkReport } from '../analytics/work-report';
import { exportWorkReport } from '../analytics/export-report';
import { defineJob } from '../jobs/job-types';
import { isoToDbDate } from '../schedules/resolve-schedules';
import { lastCompletePeriod } from './periods';

const hm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

const TEXT = {
  ja: {
    subject: (group: string, from: string, to: string) => `【テレワークサポーター】勤務レポート ${group} ${from}〜${to}`,
    header: (group: string, from: string, to: string) => `${group} の勤務レポート（${from}〜${to}）`,
    line: (name: string, worked: string, away: string, overtime: string, incidents: number) => `${name}: 勤務 ${worked} / 離席 ${away} / 残業 ${overtime} / インシデント ${incidents}件`,
    total: (worked: string, incidents: number) => `合計: 勤務 ${worked} / インシデント ${incidents}件`,
    attached: '詳細はCSV（UTF-8）とExcel形式の添付ファイルをご覧ください。',
  },
  en: {
    subject: (group: string, from: string, to: string) => `[Telework Supporter] Work report ${group} ${from}–${to}`,
    header: (group: string, from: string, to: string) => `Work report for ${group} (${from} – ${to})`,
    line: (name: string, worked: string, away: string, overtime: string, incidents: number) => `${name}: worked ${worked} / away ${away} / overtime ${overtime} / incidents ${incidents}`,
    total: (worked: string, incidents: number) => `Total: worked ${worked} / incidents ${incidents}`,
    attached: 'Details are attached as CSV (UTF-8) and Excel files.',
  },
} as const;

/**
 * Builds and mails every active report of one tenant whose last complete period has not been sent
 * yet. Each (report, period) is sent once: a ReportRun row records it, FAILED runs are retried.
 */
export async function sendDueReports(db: Tx, { tenantId, mailer, now }: { tenantId: string; mailer: Mailer; now: Date }): Promise<number> {
  const subs = await db.reportSubscription.findMany({ where: { tenantId, active: true }, include: { group: { select: { name: true } } } });
  let sent = 0;
  for (const sub of subs) {
    const period = lastCompletePeriod(sub.period, now);
    const key = { tenantId_subscriptionId_periodStart: { tenantId, subscriptionId: sub.id, periodStart: isoToDbDate(period.from) } };
    const previous = await db.reportRun.findUnique({ where: key });
    if (previous?.status === 'SENT') continue;
    const run = previous ?? (await db.reportRun.create({ data: { tenantId, subscriptionId: sub.id, periodStart: isoToDbDate(period.from), periodEnd: isoToDbDate(period.to) } }));
    try {
      // The report is built with an administrator's reach: the subscription itself names the group.
      const report = await buildWorkReport(db, { tenantId, viewer: { id: sub.id, role: 'ADMIN' }, from: period.from, to: period.to, groupId: sub.groupId }, now);
      const recipients = await db.user.findMany({ where: { tenantId, id: { in: sub.recipientUserIds }, disabledAt: null, email: { not: null } }, select: { email: true, language: true } });
      for (const r of recipients) {
        if (!r.email) continue;
        const t = TEXT[r.language];
        const lines = [
          t.header(sub.group.name, period.from, period.to),
          '',
          ...report.workers.map((w) => t.line(w.name, hm(w.workedMinutes), hm(w.awayMinutes), hm(w.overtimeMinutes), w.incidents)),
          '',
          t.total(hm(report.group.workedMinutes), report.group.incidents),
          '',
          t.attached,
        ];
        const csv = await exportWorkReport(report, 'workers', 'csv', r.language);
        const xlsx = await exportWorkReport(report, 'days', 'xlsx', r.language);
        await mailer.send({
          to: r.email,
          subject: t.subject(sub.group.name, period.from, period.to),
          text: lines.join('\n'),
          attachments: [
            { filename: csv.filename, content: csv.body, contentType: csv.contentType },
            { filename: xlsx.filename, content: xlsx.body, contentType: xlsx.contentType },
          ],
        });
      }
      await db.reportRun.update({ where: { tenantId_id: { tenantId, id: run.id } }, data: { status: 'SENT', sentAt: now, error: null } });
      sent++;
    } catch (error) {
      await db.reportRun.update({ where: { tenantId_id: { tenantId, id: run.id } }, data: { status: 'FAILED', error: String(error).slice(0, 500) } });
    }
  }
  return sent;
}

export async function sendDueReportsEverywhere(db: Db, mailer: Mailer, now: Date): Promise<number> {
  let total = 0;
  for (const tenantId of await listTenantIds(db)) total += await withTenant(db, tenantId, (tx) => sendDueReports(tx, { tenantId, mailer, now }));
  return total;
}

export const sendDueReportsJob = defineJob({
  name: 'reports.send-due',
  cron: '0 7 * * *',
  handler: ({ db, mailer, now }) => sendDueReportsEverywhere(db, mailer, now()),
});
