'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Alert, appErrorData, Button, Card, ConfirmDialog, DataTable, useLanguage, useT, type DataColumn } from '@telework/ui';
import { formatJst, hasMessage } from '@telework/ui/i18n';
import type { inferRouterOutputs } from '@trpc/server';
import type { ConsoleRouter } from '@telework/api/console';
import { useTRPC } from '@/trpc/client';
import { useErrorText } from '@/components/use-error-text';

type Row = inferRouterOutputs<ConsoleRouter>['evidence']['facesToReenrol'][number];
type Notice = { tone: 'success' | 'error'; text: string };

/**
 * Administrators: the workers whose enrolled photos the current face model has not (yet) described
 * (issue 14), why, and what to do: ask them by mail to enrol again in the agent, add a photo in the
 * face images screen, or remove the old photos once they have enrolled again.
 */
export function ReenrolView() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const list = useQuery(trpc.evidence.facesToReenrol.queryOptions());
  const ask = useMutation(trpc.evidence.requestReenrolment.mutationOptions());
  const reset = useMutation(trpc.evidence.resetStaleEnrolment.mutationOptions());
  const [resetting, setResetting] = useState<Row | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.evidence.facesToReenrol.pathKey() });

  // The API's own refusals (no address, nothing left to re-enrol) in words; anything else as usual.
  const refusal = (error: unknown): string => {
    const reason = appErrorData(error).reason;
    const key = `reenrol.error.${reason ?? ''}`;
    return hasMessage(key) ? t(key) : (errorText(error).message ?? t('error.UNKNOWN'));
  };

  const reasonText = (reason: string | null): string => {
    if (reason === null) return t('reenrol.reason.WAITING');
    const key = `reenrol.reason.${reason}`;
    return hasMessage(key) ? t(key) : t('reenrol.reason.other', { reason });
  };

  /** Each reason once, with how many of the worker's photos it applies to. */
  const reasonsOf = (r: Row) => {
    const counts = new Map<string, number>();
    for (const p of r.photos) counts.set(reasonText(p.reason), (counts.get(reasonText(p.reason)) ?? 0) + 1);
    return [...counts];
  };

  const askFor = (r: Row) => {
    setNotice(null);
    ask.mutate(
      { userId: r.userId },
      {
        onSuccess: async (res) => {
          setNotice(res.sent ? { tone: 'success', text: t('reenrol.asked', { name: r.name }) } : { tone: 'error', text: t('reenrol.askFailed', { name: r.name }) });
          await refresh();
        },
        onError: (error) => setNotice({ tone: 'error', text: refusal(error) }),
      },
    );
  };

  const columns: DataColumn<Row>[] = [
    { key: 'worker', header: t('reenrol.worker'), cell: (r) => t('evidence.user', { name: r.name, loginId: r.loginId }) },
    {
      key: 'photos',
      header: t('reenrol.photos'),
      cell: (r) => (
        <ul data-testid={`reenrol-reasons-${r.loginId}`} style={{ margin: 0, paddingLeft: '1.2em' }}>
          {reasonsOf(r).map(([text, count]) => (
            <li key={text}>{t('reenrol.reasonCount', { reason: text, count })}</li>
          ))}
        </ul>
      ),
    },
    { key: 'current', header: t('reenrol.current'), cell: (r) => t('reenrol.count', { count: r.currentPhotos }), align: 'right' },
    {
      key: 'requested',
      header: t('reenrol.requested'),
      cell: (r) => <span data-testid={`reenrol-requested-${r.loginId}`}>{r.lastRequestedAt ? formatJst(r.lastRequestedAt, lang) : t('reenrol.notRequested')}</span>,
    },
    {
      key: 'actions',
      header: '',
      cell: (r) => (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          {r.hasEmail ? (
            <Button variant="secondary" disabled={ask.isPending} onClick={() => askFor(r)} data-testid={`reenrol-ask-${r.loginId}`}>
              {t('reenrol.ask')}
            </Button>
          ) : (
            <span className="tw-muted" data-testid={`reenrol-no-email-${r.loginId}`}>
              {t('reenrol.noEmail')}
            </span>
          )}
          <Link href={`/faces?userId=${r.userId}`}>{t('reenrol.addPhoto')}</Link>
          <Button variant="link" onClick={() => setResetting(r)} data-testid={`reenrol-reset-${r.loginId}`}>
            {t('reenrol.reset')}
          </Button>
        </div>
      ),
    },
  ];

  const closeReset = () => {
    reset.reset();
    setResetting(null);
  };

  return (
    <>
      <h1>{t('reenrol.title')}</h1>
      <Card>
        <p className="tw-muted">{t('reenrol.intro')}</p>
        {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
        {list.error ? <Alert>{errorText(list.error).message}</Alert> : null}
        <DataTable columns={columns} rows={list.data ?? []} rowKey={(r) => r.userId} empty={list.isLoading ? t('common.loading') : t('reenrol.empty')} />
      </Card>
      {resetting ? (
        <ConfirmDialog
          message={t('reenrol.resetConfirm', { name: resetting.name, count: resetting.photos.length, current: resetting.currentPhotos })}
          confirmLabel={t('reenrol.reset')}
          danger
          pending={reset.isPending}
          error={reset.error ? refusal(reset.error) : null}
          onClose={closeReset}
          onConfirm={() =>
            reset.mutate(
              { userId: resetting.userId },
              {
                onSuccess: async (res) => {
                  setNotice({ tone: 'success', text: t('reenrol.resetDone', { name: resetting.name, count: res.deleted }) });
                  await refresh();
                  closeReset();
                },
              },
            )
          }
        />
      ) : null}
    </>
  );
}
