'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, DataTable, Dialog, InquiryDue, InquiryStatusBadge, InquiryStatusFilter, Select, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { PhoneInquiryForm } from './phone-inquiry-form';
import { OperatorInquiryDetail } from './operator-inquiry-detail';
import { useTenants } from './tenant-names';
import type { InquiryRow, InquiryStatus } from './types';

export function InquiriesScreen() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const opsError = useOperationsError();
  const tenants = useTenants();
  const [status, setStatus] = useState<InquiryStatus | ''>('');
  const [tenantId, setTenantId] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [selected, setSelected] = useState<{ tenantId: string; id: string } | null>(null);
  const [logging, setLogging] = useState(false);
  const list = useQuery(trpc.operator.inquiries.list.queryOptions(status ? { status } : {}));
  const logPhone = useMutation(trpc.operator.inquiries.logPhone.mutationOptions());
  const rows = (list.data ?? []).filter((i) => (!tenantId || i.tenantId === tenantId) && (!overdueOnly || i.firstAnswerOverdue));
  const overdueCount = (list.data ?? []).filter((i) => i.firstAnswerOverdue).length;
  const closeLog = () => {
    logPhone.reset();
    setLogging(false);
  };

  const columns: DataColumn<InquiryRow>[] = [
    {
      key: 'number',
      header: t('ops.inquiry.number'),
      cell: (i) => (
        <button type="button" className="tw-button tw-button-link" onClick={() => setSelected({ tenantId: i.tenantId, id: i.id })} data-testid={`open-inquiry-${i.number}`}>
          {i.number}
        </button>
      ),
    },
    { key: 'tenant', header: t('ops.tenant'), cell: (i) => `${i.tenantName}（${i.systemId}）` },
    { key: 'admin', header: t('ops.inquiry.administrator'), cell: (i) => i.administratorName ?? t('ops.inquiry.administratorGone') },
    { key: 'subject', header: t('ops.inquiry.subject'), cell: (i) => <span style={{ whiteSpace: 'normal' }}>{i.subject}</span> },
    { key: 'channel', header: t('ops.inquiry.channel'), cell: (i) => t(`ops.inquiry.channel.${i.channel}`) },
    { key: 'status', header: t('ops.inquiry.status'), cell: (i) => <InquiryStatusBadge status={i.status} /> },
    { key: 'received', header: t('ops.inquiry.received'), cell: (i) => formatJst(i.receivedAt, lang) },
    { key: 'due', header: t('ops.inquiry.due'), cell: (i) => <InquiryDue firstAnswerDueAt={i.firstAnswerDueAt} firstAnsweredAt={i.firstAnsweredAt} overdue={i.firstAnswerOverdue} /> },
  ];

  return (
    <>
      <h1>{t('ops.inquiry.operatorTitle')}</h1>
      <p className="tw-muted">{t('ops.inquiry.operatorIntro')}</p>
      {overdueCount > 0 ? <Alert>{t('ops.inquiry.overdueCount', { count: overdueCount })}</Alert> : null}
      <Card
        actions={
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
            <InquiryStatusFilter value={status} onChange={setStatus} />
            <Select aria-label={t('ops.tenant')} value={tenantId} onChange={(e) => setTenantId(e.target.value)} style={{ width: 'auto' }}>
              <option value="">{t('ops.allTenants')}</option>
              {tenants.rows.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}（{x.systemId}）
                </option>
              ))}
            </Select>
            <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
              {t('ops.inquiry.overdueOnly')}
            </label>
            <Button onClick={() => setLogging(true)}>{t('ops.inquiry.logPhone')}</Button>
          </div>
        }
      >
        {list.error ? <Alert>{opsError(list.error).message}</Alert> : null}
        <DataTable columns={columns} rows={rows} rowKey={(i) => i.id} empty={list.isLoading ? t('common.loading') : t('ops.inquiry.none')} />
      </Card>
      {selected ? <OperatorInquiryDetail key={selected.id} tenantId={selected.tenantId} inquiryId={selected.id} onClose={() => setSelected(null)} /> : null}
      {logging ? (
        <Dialog title={t('ops.inquiry.logPhone')} onClose={closeLog} wide>
          <PhoneInquiryForm
            tenants={tenants.rows}
            err={opsError(logPhone.error)}
            pending={logPhone.isPending}
            onCancel={closeLog}
            onSubmit={(input) =>
              logPhone.mutate(input, {
                onSuccess: (created) => {
                  closeLog();
                  setSelected({ tenantId: created.tenantId, id: created.id });
                  void queryClient.invalidateQueries({ queryKey: trpc.operator.inquiries.pathKey() });
                },
              })
            }
          />
        </Dialog>
      ) : null}
    </>
  );
}
