'use client';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DataTable, useLanguage, useOperationsError, useT, type DataColumn } from '@telework/ui';
import { formatJst } from '@telework/ui/i18n';
import { useTRPC } from '@/trpc/client';
import { AllowListEditor } from '@/components/operations/allow-list-editor';
import type { RefusalRow } from '@/components/operations/types';

const REASONS = ['OUTSIDE_JAPAN', 'UNKNOWN_ADDRESS', 'NOT_IN_ALLOW_LIST'] as const;

/** What the access check stored with a refusal (check-access.ts); anything else shows as unknown. */
function refusalDetails(details: unknown): { reason: (typeof REASONS)[number] | null; country: string | null; path: string | null } {
  const d = (details && typeof details === 'object' ? details : {}) as Record<string, unknown>;
  return {
    reason: REASONS.find((r) => r === d.reason) ?? null,
    country: typeof d.country === 'string' ? d.country : null,
    path: typeof d.path === 'string' ? d.path : null,
  };
}

export default function AccessPage() {
  const t = useT();
  const lang = useLanguage();
  const trpc = useTRPC();
  const opsError = useOperationsError();
  const allowList = useQuery(trpc.access.allowList.queryOptions());
  const refusals = useQuery(trpc.access.refusals.queryOptions());


  const columns: DataColumn<RefusalRow>[] = [
    { key: 'time', header: t('ops.access.refusedAt'), cell: (r) => formatJst(r.createdAt, lang) },
    { key: 'ip', header: t('ops.access.address'), cell: (r) => r.ip ?? '—' },
    { key: 'country', header: t('ops.access.country'), cell: (r) => refusalDetails(r.details).country ?? '—' },
    {
      key: 'reason',
      header: t('ops.access.reason'),
      cell: (r) => {
        const reason = refusalDetails(r.details).reason;
        return reason ? t(`ops.access.reason.${reason}`) : '—';
      },
    },
    { key: 'path', header: t('ops.access.path'), cell: (r) => refusalDetails(r.details).path ?? '—' },
  ];
  return (
    <>
      <h1>{t('ops.access.title')}</h1>
      <p className="tw-muted">{t('ops.access.intro')}</p>
      {allowList.error ? <Alert>{opsError(allowList.error).message}</Alert> : null}
      {allowList.data ? <AllowListEditor initial={allowList.data.cidrs} callerIp={allowList.data.callerIp} /> : allowList.isLoading ? <p className="tw-muted">{t('common.loading')}</p> : null}
      <Card title={t('ops.access.refusalsTitle')}>
        {refusals.error ? <Alert>{opsError(refusals.error).message}</Alert> : null}
        <DataTable columns={columns} rows={refusals.data ?? []} rowKey={(r) => r.id} empty={refusals.isLoading ? t('common.loading') : t('ops.access.noRefusals')} />
      </Card>
    </>
  );
}
