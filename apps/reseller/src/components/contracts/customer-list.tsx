'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Alert, Badge, Card, CONTRACT_TONE, DataTable, Field, Select, TENANT_TONE, TextInput, useContractError, useContractFormat, useT, type ContractStatus, type DataColumn } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';
import type { CustomerRow } from './types';

const CONTRACT_STATUSES: ContractStatus[] = ['ACTIVE', 'TERMINATION_SCHEDULED', 'SUSPENDED', 'ENDED'];

/** Customers with their current contract, licence term and seats used/allowed (operators: every tenant). */
export function CustomerList() {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const f = useContractFormat();
  const contractError = useContractError();
  const list = useQuery(me.kind === 'operator' ? trpc.operator.contracts.summaries.queryOptions() : trpc.reseller.contracts.summaries.queryOptions());
  const [filter, setFilter] = useState({ q: '', status: '' });
  const rows = useMemo(() => {
    const q = filter.q.trim().toLowerCase();
    return (list.data ?? []).filter(
      (r) => (!q || r.tenant.name.toLowerCase().includes(q) || r.tenant.systemId.toLowerCase().includes(q)) && (!filter.status || r.contract?.status === filter.status),
    );
  }, [list.data, filter]);

  const columns: DataColumn<CustomerRow>[] = [
    { key: 'systemId', header: t('auth.systemId'), cell: (r) => <code>{r.tenant.systemId}</code> },
    { key: 'name', header: t('tenant.name'), cell: (r) => <Link href={`/customers/${r.tenant.id}`}>{r.tenant.name}</Link> },
    ...(me.kind === 'operator'
      ? [{ key: 'channel', header: t('contracts.channel'), cell: (r: CustomerRow) => (r.tenant.reseller ? r.tenant.reseller.name : t('contracts.channel.DIRECT')) }]
      : []),
    { key: 'tenant', header: t('contracts.tenantStatus'), cell: (r) => <Badge tone={TENANT_TONE[r.tenant.status]}>{t(`tenant.status.${r.tenant.status}`)}</Badge> },
    {
      key: 'contract',
      header: t('contracts.contract'),
      cell: (r) => (r.contract ? <Badge tone={CONTRACT_TONE[r.contract.status]}>{t(`contracts.status.${r.contract.status}`)}</Badge> : t('contracts.none')),
    },
    {
      key: 'term',
      header: t('contracts.term'),
      cell: (r) => (r.contract ? t('contracts.termRange', { start: f.day(r.contract.startDate), end: f.day(r.contract.endDate ?? r.contract.termEndDate) }) : t('people.none')),
    },
    {
      key: 'seats',
      header: t('contracts.seatsColumn'),
      align: 'right',
      cell: (r) => <span data-testid={`customer-seats-${r.tenant.systemId}`}>{t('contracts.seatsShort', { used: r.seatsUsed, allowed: r.seatsAllowed })}</span>,
    },
    { key: 'pending', header: t('changes.title'), cell: (r) => (r.pendingChangeRequests > 0 ? <Badge tone="info">{t('customers.pending', { count: r.pendingChangeRequests })}</Badge> : null) },
  ];

  return (
    <>
      <h1>{t('customers.title')}</h1>
      <Card>
        <div className="tw-toolbar">
          <Field label={t('common.search')} htmlFor="cust-q">
            <TextInput id="cust-q" type="search" placeholder={t('customers.searchHint')} value={filter.q} onChange={(e) => setFilter({ ...filter, q: e.target.value })} />
          </Field>
          <Field label={t('contracts.contract')} htmlFor="cust-status">
            <Select id="cust-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
              <option value="">{t('customers.allStatuses')}</option>
              {CONTRACT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`contracts.status.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <p className="tw-muted" style={{ alignSelf: 'flex-end' }}>
            {t('apps.count', { count: rows.length })}
          </p>
        </div>
        {list.error ? <Alert>{contractError(list.error).message}</Alert> : null}
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(r) => r.tenant.id}
          empty={list.isLoading ? t('common.loading') : (list.data ?? []).length === 0 ? t('customers.empty') : t('customers.noMatch')}
        />
      </Card>
    </>
  );
}
