'use client';
import { useLanguage, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';

export type NoticeRow = inferRouterOutputs<ConsoleRouter>['notices']['loginScreen'][number];

/** One notice from the provider: its kind, title, maintenance window or date of effect (Tokyo time) and text. */
export function NoticeCard({ notice, past = false }: { notice: NoticeRow; past?: boolean }) {
  const t = useT();
  const lang = useLanguage();
  // English readers get the English text where the operator wrote one.
  const title = lang === 'en' && notice.titleEn ? notice.titleEn : notice.titleJa;
  const body = lang === 'en' && notice.bodyEn ? notice.bodyEn : notice.bodyJa;
  return (
    <article data-testid="notice" data-kind={notice.kind} style={{ borderTop: '1px solid var(--tw-border)', padding: '0.6rem 0' }}>
      <p style={{ margin: '0 0 0.25rem', display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
        <span className={`tw-badge ${notice.kind === 'MAINTENANCE' ? 'tw-state-AWAY' : 'tw-state-WORKING'}`}>{t(`ops.notice.kind.${notice.kind}`)}</span>
        {notice.emergency ? <span className="tw-badge tw-state-INCIDENT">{t('ops.notice.emergency')}</span> : null}
        {past ? <span className="tw-badge tw-state-OFF">{t('ops.notice.past')}</span> : null}
        <strong data-testid="notice-title">{title}</strong>
      </p>
      <p className="tw-muted" style={{ margin: '0 0 0.25rem', fontSize: '0.85rem' }}>
        {t('ops.notice.publishedAt', { time: formatJst(notice.publishAt, lang) })}
      </p>
      {notice.maintenanceStartAt && notice.maintenanceEndAt ? (
        <p style={{ margin: '0 0 0.25rem' }} data-testid="notice-window">
          {t('ops.notice.window', { start: formatJst(notice.maintenanceStartAt, lang), end: formatJst(notice.maintenanceEndAt, lang) })}
        </p>
      ) : null}
      {notice.effectiveAt ? <p style={{ margin: '0 0 0.25rem' }}>{t('ops.notice.effectiveAt', { date: formatJst(notice.effectiveAt, lang) })}</p> : null}
      <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{body}</p>
    </article>
  );
}
