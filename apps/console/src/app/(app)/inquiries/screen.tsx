'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, DataTable, Dialog, InquiryDue, InquiryStatusBadge, InquiryStatusFilter, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { InquiryForm } from '@/components/operations/inquiry-form';
import { useMe } from '@/components/console-shell';
import { InquiryDetailCard } from '@/components/operations/inquiry-detail';
import type { InquiryRow, InquiryStatus } from '@/components/operations/types';

export default function InquiriesPage() {
  const t = useT();
  const me = useMe();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const [status, setStatus] = useState<InquiryStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [opened, setOpened] = useState<{ number: string; due: Date } | null>(null);
  const list = useQuery(trpc.support.list.queryOptions(status ? { status } : {}));
  const open = useMutation(trpc.support.open.mutationOptions());


  const close = () => {
    open.reset();
    setCreating(false);
  };
  const columns: DataColumn<InquiryRow>[] = [
    {
      key: 'number',
      header: t('ops.inquiry.number'),
      cell: (i) => (
        <button type="button" className="tw-button tw-button-link" onClick={() => setSelected(i.id)} data-testid={`open-inquiry-${i.number}`}>
          {i.number}
        </button>
      ),
    },
    { key: 'subject', header: t('ops.inquiry.subject'), cell: (i) => i.subject },
    { key: 'status', header: t('ops.inquiry.status'), cell: (i) => <InquiryStatusBadge status={i.status} /> },
    { key: 'channel', header: t('ops.inquiry.channel'), cell: (i) => t(`ops.inquiry.channel.${i.channel}`) },
    { key: 'received', header: t('ops.inquiry.received'), cell: (i) => formatJst(i.receivedAt, lang) },
    { key: 'due', header: t('ops.inquiry.due'), cell: (i) => <InquiryDue firstAnswerDueAt={i.firstAnswerDueAt} firstAnsweredAt={i.firstAnsweredAt} overdue={i.firstAnswerOverdue} /> },
  ];
  return (
    <>
      <h1>{t('ops.inquiry.title')}</h1>
      <p className="tw-muted">{t('ops.inquiry.intro')}</p>
      {opened ? <Alert tone="success">{t('ops.inquiry.opened', { number: opened.number, time: formatJst(opened.due, lang) })}</Alert> : null}
      <Card
        actions={
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
            <InquiryStatusFilter value={status} onChange={setStatus} />
            <Button onClick={() => setCreating(true)}>{t('ops.inquiry.new')}</Button>
          </div>
        }
      >
        {list.error ? <Alert>{opsError(list.error).message}</Alert> : null}
        <DataTable columns={columns} rows={list.data ?? []} rowKey={(i) => i.id} empty={list.isLoading ? t('common.loading') : t('ops.inquiry.none')} />
      </Card>
      {selected ? <InquiryDetailCard key={selected} inquiryId={selected} onClose={() => setSelected(null)} /> : null}
      {creating ? (
        <Dialog title={t('ops.inquiry.new')} onClose={close} wide>
          <InquiryForm
            identity={me.registeredAdministrator ? { systemId: me.systemId, administratorName: me.name } : null}
            err={opsError(open.error)}
            pending={open.isPending}
            onCancel={close}
            onSubmit={(v) =>
              open.mutate(v, {
                onSuccess: (created) => {
                  setOpened({ number: created.number, due: created.firstAnswerDueAt });
                  setSelected(created.id);
                  close();
                  void queryClient.invalidateQueries({ queryKey: trpc.support.pathKey() });
                },
              })
            }
          />
        </Dialog>
      ) : null}
    </>
  );
}
