'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, ConfirmDialog, DataTable, Dialog, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { NoticeForm } from './notice-form';
import { NoticeDeliveries } from './notice-deliveries';
import { useTenants } from './tenant-names';
import type { NoticeRow } from './types';

type Open = { kind: 'create' } | { kind: 'deliveries' | 'withdraw'; notice: NoticeRow } | null;

function noticeState(n: NoticeRow, now: number): 'WITHDRAWN' | 'SCHEDULED' | 'PUBLISHED' {
  if (n.withdrawnAt) return 'WITHDRAWN';
  return new Date(n.publishAt).getTime() > now ? 'SCHEDULED' : 'PUBLISHED';
}

export function NoticesScreen() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const tenants = useTenants();
  const notices = useQuery(trpc.operator.notices.list.queryOptions());
  const create = useMutation(trpc.operator.notices.create.mutationOptions());
  const withdraw = useMutation(trpc.operator.notices.withdraw.mutationOptions());
  const [open, setOpen] = useState<Open>(null);
  const [created, setCreated] = useState<{ title: string; recipients: number } | null>(null);
  const now = Date.now();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.operator.notices.pathKey() });
  const close = () => {
    create.reset();
    withdraw.reset();
    setOpen(null);
  };

  const columns: DataColumn<NoticeRow>[] = [
    { key: 'publishAt', header: t('ops.notice.publishAtShort'), cell: (n) => formatJst(n.publishAt, lang) },
    {
      key: 'kind',
      header: t('ops.notice.kind'),
      cell: (n) => (
        <>
          {t(`ops.notice.kind.${n.kind}`)}
          {n.emergency ? <span className="tw-badge tw-state-INCIDENT" style={{ marginLeft: 6 }}>{t('ops.notice.emergency')}</span> : null}
        </>
      ),
    },
    { key: 'title', header: t('ops.notice.title'), cell: (n) => <span style={{ whiteSpace: 'normal' }}>{n.titleJa}</span> },
    {
      key: 'audience',
      header: t('ops.notice.audience'),
      cell: (n) => (n.audience === 'ALL_TENANTS' ? t('ops.notice.audience.ALL_TENANTS') : <span title={n.tenantIds.map(tenants.label).join('\n')}>{t('ops.notice.tenantCount', { count: n.tenantIds.length })}</span>),
    },
    {
      key: 'when',
      header: t('ops.notice.when'),
      cell: (n) =>
        n.maintenanceStartAt && n.maintenanceEndAt
          ? `${formatJst(n.maintenanceStartAt, lang)} 〜 ${formatJst(n.maintenanceEndAt, lang)}`
          : n.effectiveAt
            ? t('ops.notice.effectiveShort', { date: formatJst(n.effectiveAt, lang) })
            : '—',
    },
    { key: 'login', header: t('ops.notice.loginScreenShort'), cell: (n) => (n.showOnLoginScreen && n.audience === 'ALL_TENANTS' ? t('common.yes') : t('common.no')) },
    {
      key: 'deliveries',
      header: t('ops.notice.deliveries'),
      cell: (n) => (
        <span data-testid={`deliveries-${n.id}`}>
          {t('ops.notice.deliveryCounts', { sent: n.deliveries.sent, pending: n.deliveries.pending, failed: n.deliveries.failed })}
          {n.deliveries.failed > 0 ? <span className="tw-badge tw-state-INCIDENT" style={{ marginLeft: 6 }}>{t('ops.delivery.status.FAILED')}</span> : null}
        </span>
      ),
    },
    {
      key: 'state',
      header: t('ops.notice.state'),
      cell: (n) => {
        const s = noticeState(n, now);
        return <span className={`tw-badge ${s === 'PUBLISHED' ? 'tw-state-PRESENT' : s === 'SCHEDULED' ? 'tw-state-WORKING' : 'tw-state-OFF'}`}>{t(`ops.notice.state.${s}`)}</span>;
      },
    },
    {
      key: 'actions',
      header: t('ops.actions'),
      cell: (n) => (
        <span style={{ display: 'flex', gap: 4 }}>
          <Button variant="link" onClick={() => setOpen({ kind: 'deliveries', notice: n })}>
            {t('ops.notice.showDeliveries')}
          </Button>
          {n.withdrawnAt ? null : (
            <Button variant="link" onClick={() => setOpen({ kind: 'withdraw', notice: n })}>
              {t('ops.notice.withdraw')}
            </Button>
          )}
        </span>
      ),
    },
  ];

  return (
    <>
      <h1>{t('ops.notice.adminTitle')}</h1>
      <p className="tw-muted">{t('ops.notice.adminIntro')}</p>
      {created ? <Alert tone="success">{t('ops.notice.created', { title: created.title, count: created.recipients })}</Alert> : null}
      <Card actions={<Button onClick={() => setOpen({ kind: 'create' })}>{t('ops.notice.new')}</Button>}>
        {notices.error ? <Alert>{opsError(notices.error).message}</Alert> : null}
        <DataTable columns={columns} rows={notices.data ?? []} rowKey={(n) => n.id} empty={notices.isLoading ? t('common.loading') : t('ops.notice.noneYet')} />
      </Card>
      {open?.kind === 'create' ? (
        <Dialog title={t('ops.notice.new')} onClose={close} wide>
          <NoticeForm
            tenants={tenants.rows}
            err={opsError(create.error)}
            pending={create.isPending}
            onCancel={close}
            onSubmit={(input) =>
              create.mutate(input, {
                onSuccess: (n) => {
                  setCreated({ title: n.titleJa, recipients: n.recipients });
                  close();
                  void refresh();
                },
              })
            }
          />
        </Dialog>
      ) : null}
      {open?.kind === 'deliveries' ? <NoticeDeliveries notice={open.notice} onClose={close} /> : null}
      {open?.kind === 'withdraw' ? (
        <ConfirmDialog
          message={t(open.notice.kind === 'TERMS_CHANGE' ? 'ops.notice.withdrawTermsConfirm' : 'ops.notice.withdrawConfirm', { title: open.notice.titleJa })}
          confirmLabel={t('ops.notice.withdraw')}
          danger
          pending={withdraw.isPending}
          error={opsError(withdraw.error).message}
          onClose={close}
          onConfirm={() => withdraw.mutate({ noticeId: open.notice.id }, { onSuccess: () => void refresh().then(close) })}
        />
      ) : null}
    </>
  );
}
