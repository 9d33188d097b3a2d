'use client';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DataTable, Dialog, dialogButtons, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import type { DeliveryRow, NoticeRow } from './types';

const TONE = { SENT: 'PRESENT', PENDING: 'WORKING', FAILED: 'INCIDENT' } as const;

/** Per recipient: the send time (the delivery time of 第4条4項), failures, attempts and the next retry. */
export function NoticeDeliveries({ notice, onClose }: { notice: NoticeRow; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const opsError = useOperationsError();
  const rows = useQuery(trpc.operator.notices.deliveries.queryOptions({ noticeId: notice.id }));
  const columns: DataColumn<DeliveryRow>[] = [
    { key: 'tenant', header: t('ops.tenant'), cell: (d) => `${d.tenantName}（${d.systemId}）` },
    { key: 'email', header: t('ops.delivery.email'), cell: (d) => d.email },
    {
      key: 'status',
      header: t('ops.delivery.status'),
      cell: (d) => (
        <span className={`tw-badge tw-state-${TONE[d.status]}`} data-testid="delivery-status" data-status={d.status}>
          {t(`ops.delivery.status.${d.status}`)}
        </span>
      ),
    },
    { key: 'sentAt', header: t('ops.delivery.sentAt'), cell: (d) => (d.sentAt ? formatJst(d.sentAt, lang) : '—') },
    { key: 'attempts', header: t('ops.delivery.attempts'), cell: (d) => d.attempts, align: 'right' },
    { key: 'next', header: t('ops.delivery.nextAttempt'), cell: (d) => (d.nextAttemptAt ? formatJst(d.nextAttemptAt, lang) : d.status === 'FAILED' ? t('ops.delivery.gaveUp') : '—') },
    { key: 'error', header: t('ops.delivery.lastError'), cell: (d) => <span style={{ whiteSpace: 'normal' }}>{d.lastError ?? '—'}</span> },
  ];
  return (
    <Dialog title={t('ops.delivery.title', { title: notice.titleJa })} onClose={onClose} wide>
      {rows.error ? <Alert>{opsError(rows.error).message}</Alert> : null}
      <DataTable columns={columns} rows={rows.data ?? []} rowKey={(d) => d.id} empty={rows.isLoading ? t('common.loading') : t('ops.delivery.none')} />
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
      </div>
    </Dialog>
  );
}
