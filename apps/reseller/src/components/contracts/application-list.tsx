'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Alert, APPLICATION_TONE, Badge, Card, DataTable, Field, Select, TextInput, useContractError, useContractFormat, useT, type DataColumn } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';
import type { ApplicationRow } from './types';

const STATUSES = ['SUBMITTED', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;
type Status = (typeof STATUSES)[number];
const asStatus = (v: string): Status | undefined => STATUSES.find((s) => s === v);

/** Applications with their state: a reseller's own, or every channel's for operators. */
export function ApplicationList() {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const f = useContractFormat();
  const contractError = useContractError();
  const [filter, setFilter] = useState<{ status: Status | undefined; q: string }>({ status: me.kind === 'operator' ? 'SUBMITTED' : undefined, q: '' });
  const input = { status: filter.status };
  const apps = useQuery(me.kind === 'operator' ? trpc.operator.contracts.applications.queryOptions(input) : trpc.reseller.contracts.applications.queryOptions(input));
  const rows = useMemo(() => {
    const q = filter.q.trim().toLowerCase();
    return (apps.data ?? []).filter((a) => !q || a.companyName.toLowerCase().includes(q) || (a.reseller?.name ?? '').toLowerCase().includes(q));
  }, [apps.data, filter.q]);

  const columns: DataColumn<ApplicationRow>[] = [
    { key: 'at', header: t('apps.submittedAt'), cell: (a) => f.time(a.createdAt) },
    { key: 'company', header: t('apps.companyName'), cell: (a) => <Link href={`/applications/${a.id}`}>{a.companyName}</Link> },
    ...(me.kind === 'operator'
      ? [{ key: 'channel', header: t('contracts.channel'), cell: (a: ApplicationRow) => (a.reseller ? `${t('contracts.channel.RESELLER')}: ${a.reseller.name}` : t('contracts.channel.DIRECT')) }]
      : []),
    { key: 'seats', header: t('apps.seats'), cell: (a) => a.seats, align: 'right' },
    { key: 'start', header: t('apps.desiredStartDate'), cell: (a) => f.day(a.desiredStartDate) },
    {
      key: 'status',
      header: t('tenant.status'),
      cell: (a) => (
        <span data-testid={`application-status-${a.id}`}>
          <Badge tone={APPLICATION_TONE[a.status]}>{t(`apps.status.${a.status}`)}</Badge>
        </span>
      ),
    },
  ];

  return (
    <>
      <h1>{t('apps.title')}</h1>
      <Card actions={<Link className="tw-button tw-button-primary" href="/applications/new">{t('apps.new')}</Link>}>
        <div className="tw-toolbar">
          <Field label={t('tenant.status')} htmlFor="apps-status">
            <Select id="apps-status" value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: asStatus(e.target.value) })}>
              <option value="">{t('apps.allStatuses')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`apps.status.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('common.search')} htmlFor="apps-q">
            <TextInput id="apps-q" type="search" placeholder={t('apps.companyName')} value={filter.q} onChange={(e) => setFilter({ ...filter, q: e.target.value })} />
          </Field>
          <p className="tw-muted" style={{ alignSelf: 'flex-end' }}>
            {t('apps.count', { count: rows.length })}
          </p>
        </div>
        {apps.error ? <Alert>{contractError(apps.error).message}</Alert> : null}
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(a) => a.id}
          empty={apps.isLoading ? t('common.loading') : (apps.data ?? []).length === 0 ? t('apps.empty') : t('apps.noMatch')}
        />
      </Card>
    </>
  );
}
