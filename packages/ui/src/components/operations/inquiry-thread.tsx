'use client';
import { formatJst } from '../../i18n';
import { useLanguage, useT } from '../i18n-provider';

export type InquiryStatus = 'OPEN' | 'ANSWERED' | 'CLOSED' | 'AUTO_ACCEPTED';

export interface InquiryThreadMessage {
  id: string;
  author: 'ADMINISTRATOR' | 'OPERATOR';
  body: string;
  createdAt: Date | string;
}

const STATUS_TONE: Record<InquiryStatus, string> = { OPEN: 'AWAY', ANSWERED: 'WORKING', CLOSED: 'OFF', AUTO_ACCEPTED: 'PRESENT' };

export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  const t = useT();
  return (
    <span className={`tw-badge tw-state-${STATUS_TONE[status]}`} data-testid="inquiry-status" data-status={status}>
      {t(`ops.inquiry.status.${status}`)}
    </span>
  );
}

/** The first-answer clock: when it is due (3 support hours), marked when late; or when it came. */
export function InquiryDue({ firstAnswerDueAt, firstAnsweredAt, overdue }: { firstAnswerDueAt: Date | string; firstAnsweredAt: Date | string | null; overdue: boolean }) {
  const t = useT();
  const lang = useLanguage();
  if (firstAnsweredAt) {
    return (
      <span data-testid="inquiry-due" data-overdue="false">
        {t('ops.inquiry.answeredAt', { time: formatJst(firstAnsweredAt, lang) })}
      </span>
    );
  }
  return (
    <span data-testid="inquiry-due" data-overdue={overdue ? 'true' : 'false'}>
      {t('ops.inquiry.dueAt', { time: formatJst(firstAnswerDueAt, lang) })}{' '}
      {overdue ? <span className="tw-badge tw-state-INCIDENT">{t('ops.inquiry.overdue')}</span> : null}
    </span>
  );
}

/** The conversation of one inquiry, oldest first, each message with its author and Tokyo time. */
export function InquiryThread({ messages, administratorName }: { messages: InquiryThreadMessage[]; administratorName: string | null }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12 }} aria-label={t('ops.inquiry.thread')}>
      {messages.map((m) => (
        <li
          key={m.id}
          data-testid="inquiry-message"
          data-author={m.author}
          style={{ border: '1px solid var(--tw-border)', borderRadius: 8, padding: '0.6rem 0.8rem', background: m.author === 'OPERATOR' ? '#f3f7fc' : '#fff' }}
        >
          <p className="tw-muted" style={{ margin: '0 0 0.3rem', fontSize: '0.85rem' }}>
            {m.author === 'OPERATOR' ? t('ops.inquiry.author.OPERATOR') : (administratorName ?? t('ops.inquiry.author.ADMINISTRATOR'))} ・ {formatJst(m.createdAt, lang)}
          </p>
          <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{m.body}</p>
        </li>
      ))}
    </ol>
  );
}
