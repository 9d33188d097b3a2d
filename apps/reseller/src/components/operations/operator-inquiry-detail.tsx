'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, ConfirmDialog, InquiryDue, InquiryStatusBadge, InquiryThread, ReplyForm, useLanguage, useOperationsError, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';

/** One customer's inquiry as the support desk works on it: the clock, the conversation, an answer, closing. */
export function OperatorInquiryDetail({ tenantId, inquiryId, onClose }: { tenantId: string; inquiryId: string; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const detail = useQuery(trpc.operator.inquiries.get.queryOptions({ tenantId, inquiryId }));
  const answer = useMutation(trpc.operator.inquiries.answer.mutationOptions());
  const closeInquiry = useMutation(trpc.operator.inquiries.close.mutationOptions());
  const [confirmClose, setConfirmClose] = useState(false);
  const [answered, setAnswered] = useState<{ notified: boolean } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.operator.inquiries.pathKey() });
  const i = detail.data;
  const closed = i?.status === 'CLOSED' || i?.status === 'AUTO_ACCEPTED';
  return (
    <div data-testid="inquiry-detail">
      <Card
        title={i ? `${i.number} ${i.subject}` : t('common.loading')}
        actions={
          <span style={{ display: 'flex', gap: 8 }}>
            {i && !closed ? (
              <Button variant="secondary" onClick={() => setConfirmClose(true)}>
                {t('ops.inquiry.close')}
              </Button>
            ) : null}
            <Button variant="link" onClick={onClose}>
              {t('common.close')}
            </Button>
          </span>
        }
      >
        {detail.error ? <Alert>{opsError(detail.error).message}</Alert> : null}
        {i ? (
          <>
            <p style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
              <InquiryStatusBadge status={i.status} />
              <span>
                {i.tenantName}（{i.systemId}）
              </span>
              <span>{i.administratorName ?? t('ops.inquiry.administratorGone')}</span>
              <span>{t(`ops.inquiry.channel.${i.channel}`)}</span>
              <span>{t('ops.inquiry.receivedAt', { time: formatJst(i.receivedAt, lang) })}</span>
              <InquiryDue firstAnswerDueAt={i.firstAnswerDueAt} firstAnsweredAt={i.firstAnsweredAt} overdue={i.firstAnswerOverdue} />
            </p>
            {answered ? <Alert tone={answered.notified ? 'success' : 'info'}>{answered.notified ? t('ops.inquiry.answerMailed') : t('ops.inquiry.answerNotMailed')}</Alert> : null}
            {i.autoAcceptAt ? <Alert tone="info">{t('ops.inquiry.autoAcceptOperator', { time: formatJst(i.autoAcceptAt, lang) })}</Alert> : null}
            <InquiryThread messages={i.messages} administratorName={i.administratorName} />
            {closed ? (
              <p className="tw-muted" style={{ marginTop: '1rem' }}>
                {t('ops.inquiry.closedOperator', { time: i.closedAt ? formatJst(i.closedAt, lang) : '—' })}
              </p>
            ) : (
              <ReplyForm
                id="iq-answer"
                label={t('ops.inquiry.answer')}
                submitLabel={t('ops.inquiry.sendAnswer')}
                err={opsError(answer.error)}
                pending={answer.isPending}
                onSubmit={(body, clear) =>
                  answer.mutate(
                    { tenantId, inquiryId, body },
                    {
                      onSuccess: (r) => {
                        clear();
                        setAnswered({ notified: r.notified });
                        void refresh();
                      },
                    },
                  )
                }
              />
            )}
          </>
        ) : null}
      </Card>
      {confirmClose && i ? (
        <ConfirmDialog
          message={t('ops.inquiry.closeConfirm', { number: i.number })}
          confirmLabel={t('ops.inquiry.close')}
          pending={closeInquiry.isPending}
          error={opsError(closeInquiry.error).message}
          onClose={() => {
            closeInquiry.reset();
            setConfirmClose(false);
          }}
          onConfirm={() => closeInquiry.mutate({ tenantId, inquiryId }, { onSuccess: () => void refresh().then(() => setConfirmClose(false)) })}
        />
      ) : null}
    </div>
  );
}
