'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, InquiryDue, InquiryStatusBadge, InquiryThread, ReplyForm, useLanguage, useOperationsError, useT } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';

/** One inquiry of the organisation: its clock, the conversation with the support desk, and a reply while it is open. */
export function InquiryDetailCard({ inquiryId, onClose }: { inquiryId: string; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const detail = useQuery(trpc.support.get.queryOptions({ inquiryId }));
  const reply = useMutation(trpc.support.reply.mutationOptions());
  const i = detail.data;
  const closed = i?.status === 'CLOSED' || i?.status === 'AUTO_ACCEPTED';
  return (
    <div data-testid="inquiry-detail">
      <Card
        title={i ? `${i.number} ${i.subject}` : t('common.loading')}
        actions={
          <button type="button" className="tw-button tw-button-link" onClick={onClose}>
            {t('common.close')}
          </button>
        }
      >
        {detail.error ? <Alert>{opsError(detail.error).message}</Alert> : null}
        {i ? (
          <>
            <p style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center' }}>
              <InquiryStatusBadge status={i.status} />
              <span>{t('ops.inquiry.receivedAt', { time: formatJst(i.receivedAt, lang) })}</span>
              <span>{t(`ops.inquiry.channel.${i.channel}`)}</span>
              <InquiryDue firstAnswerDueAt={i.firstAnswerDueAt} firstAnsweredAt={i.firstAnsweredAt} overdue={i.firstAnswerOverdue} />
            </p>
            {i.autoAcceptAt ? <Alert tone="info">{t('ops.inquiry.autoAcceptNote', { time: formatJst(i.autoAcceptAt, lang) })}</Alert> : null}
            <InquiryThread messages={i.messages} administratorName={i.administratorName} />
            {closed ? (
              <p className="tw-muted" style={{ marginTop: '1rem' }}>
                {t('ops.inquiry.closedNote')}
              </p>
            ) : (
              <ReplyForm
                id="iq-reply"
                label={t('ops.inquiry.reply')}
                submitLabel={t('ops.inquiry.sendReply')}
                err={opsError(reply.error)}
                pending={reply.isPending}
                onSubmit={(body, clear) =>
                  reply.mutate(
                    { inquiryId, body },
                    {
                      onSuccess: () => {
                        clear();
                        void queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() });
                      },
                    },
                  )
                }
              />
            )}
          </>
        ) : null}
      </Card>
    </div>
  );
}
