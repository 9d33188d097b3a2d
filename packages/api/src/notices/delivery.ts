import { withScope, type Db } from '@telework/db';
import type { Mailer } from '../mail/mailer';
import { defineJob } from '../jobs/job-types';
import { MAX_DELIVERY_ATTEMPTS, nextAttemptAt } from './notice-rules';

const KIND_LABEL = { GENERAL: 'お知らせ', MAINTENANCE: 'メンテナンスのお知らせ', TERMS_CHANGE: '利用約款変更のお知らせ', SERVICE_END: 'サービス終了のお知らせ' } as const;

const jst = (d: Date) => d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', hour12: false });

function mailText(n: {
  kind: keyof typeof KIND_LABEL;
  titleJa: string;
  bodyJa: string;
  titleEn: string | null;
  bodyEn: string | null;
  maintenanceStartAt: Date | null;
  maintenanceEndAt: Date | null;
  effectiveAt: Date | null;
}): string {
  const lines = [n.titleJa, '', n.bodyJa];
  if (n.maintenanceStartAt && n.maintenanceEndAt) lines.push('', `メンテナンス日時: ${jst(n.maintenanceStartAt)} 〜 ${jst(n.maintenanceEndAt)} (日本時間)`);
  if (n.effectiveAt) lines.push('', `適用日: ${jst(n.effectiveAt)} (日本時間)`);
  if (n.titleEn && n.bodyEn) lines.push('', '----', n.titleEn, '', n.bodyEn);
  return lines.join('\n');
}

/**
 * Sends every delivery whose attempt is due (db: application role; runs in the operator scope,
 * which sees deliveries of all tenants). A success records the send time, the delivery time of
 * 第4条4項; a failure records the error and waits for the next backoff step; after the last step
 * the row stays FAILED for operators to see.
 */
export async function sendDueNoticeDeliveries(db: Db, mailer: Mailer, now: Date): Promise<{ sent: number; failed: number }> {
  const candidates = await withScope(db, { operator: true }, (tx) =>
    tx.noticeDelivery.findMany({
      where: { status: { in: ['PENDING', 'FAILED'] }, attempts: { lt: MAX_DELIVERY_ATTEMPTS }, notice: { withdrawnAt: null, publishAt: { lte: now } } },
      include: { notice: true },
      // Fresh deliveries first, so a backlog of failing addresses cannot hold new notices back.
      orderBy: [{ attempts: 'asc' }, { createdAt: 'asc' }],
      take: 500,
    }),
  );
  let sent = 0;
  let failed = 0;
  for (const d of candidates) {
    const base = d.notice.publishAt > d.createdAt ? d.notice.publishAt : d.createdAt;
    const due = nextAttemptAt(base, d.attempts);
    if (!due || due > now) continue;
    try {
      await mailer.send({ to: d.email, subject: `【Telework Supporter】${KIND_LABEL[d.notice.kind]}: ${d.notice.titleJa}`, text: mailText(d.notice) });
      const sentAt = new Date();
      await withScope(db, { operator: true }, (tx) =>
        tx.noticeDelivery.update({ where: { tenantId_id: { tenantId: d.tenantId, id: d.id } }, data: { status: 'SENT', sentAt, attempts: { increment: 1 }, lastError: null } }),
      );
      sent += 1;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await withScope(db, { operator: true }, (tx) =>
        tx.noticeDelivery.update({ where: { tenantId_id: { tenantId: d.tenantId, id: d.id } }, data: { status: 'FAILED', attempts: { increment: 1 }, lastError: message.slice(0, 500) } }),
      );
      failed += 1;
    }
  }
  return { sent, failed };
}

/** Every minute: new notices go out promptly and failed ones are retried on their backoff schedule. */
export const sendNoticeDeliveriesJob = defineJob({
  name: 'notices.send-deliveries',
  cron: '* * * * *',
  handler: ({ db, mailer, now }) => sendDueNoticeDeliveries(db, mailer, now()),
});
