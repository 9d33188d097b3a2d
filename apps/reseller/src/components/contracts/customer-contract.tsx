'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import {
  Alert, Badge, Button, Card, ChangeRequestTable, ContractCard, currentContract, InvoiceTable, SeatMeter, TENANT_TONE, TerminationTable, useContractError, useContractFormat, useT,
} from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';
import { AdministratorsCard } from './administrators-card';
import { ChangeDecision } from './change-decision';
import { InvoiceIssuePanel } from './invoice-issue-panel';
import { InvoiceRowActions, invoicePdfHref } from './invoice-row-actions';
import { ProviderActions } from './provider-actions';
import { RenewalRequest, SeatRequest, TerminationRequest } from './customer-requests';

/** One customer's contracts, requests and invoices; reseller staff file requests, operators decide and act. */
export function CustomerContract({ tenantId }: { tenantId: string }) {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const f = useContractFormat();
  const contractError = useContractError();
  const isOperator = me.kind === 'operator';
  const overview = useQuery(isOperator ? trpc.operator.contracts.overview.queryOptions({ tenantId }) : trpc.reseller.contracts.overview.queryOptions({ tenantId }));
  const invoices = useQuery(isOperator ? trpc.operator.billing.invoices.queryOptions({ tenantId }) : trpc.reseller.billing.invoices.queryOptions({ tenantId }));
  const methods = useQuery(isOperator ? trpc.operator.billing.paymentMethods.queryOptions() : trpc.reseller.billing.paymentMethods.queryOptions());
  const [open, setOpen] = useState<'seats' | 'terminate' | 'renew' | null>(null);

  if (overview.error) return <Alert>{contractError(overview.error).message}</Alert>;
  if (!overview.data) return <p>{t('common.loading')}</p>;
  const o = overview.data;
  const live = currentContract(o.contracts);
  const requests = o.contracts.flatMap((c) => c.changeRequests).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const terminations = o.contracts.flatMap((c) => c.terminationRequests);
  const requestable = live !== null && (live.status === 'ACTIVE' || live.status === 'RENEWAL_OFFERED');
  const renewed = live !== null && o.contracts.some((c) => c.renewalOfId === live.id);

  return (
    <>
      <p>
        <Link href="/customers">{t('customers.back')}</Link>
      </p>
      <h1 className="tw-actions">
        {o.tenant.name}
        <code>{o.tenant.systemId}</code>
        <Badge tone={TENANT_TONE[o.tenant.status]} testId="tenant-status">
          {t(`tenant.status.${o.tenant.status}`)}
        </Badge>
      </h1>
      {o.tenant.personalDataPurgeAt ? <Alert tone="info">{t('contracts.purgeAt', { date: f.day(o.tenant.personalDataPurgeAt) })}</Alert> : null}

      <Card
        actions={
          !isOperator && live ? (
            <div className="tw-actions">
              {requestable ? (
                <Button variant="secondary" onClick={() => setOpen('seats')}>
                  {t('changes.request')}
                </Button>
              ) : null}
              {requestable && !renewed ? (
                <Button variant="secondary" onClick={() => setOpen('renew')} data-testid="request-renewal">
                  {t('renewal.request')}
                </Button>
              ) : null}
              {requestable || live.status === 'PENDING_START' ? (
                <Button variant="danger" onClick={() => setOpen('terminate')}>
                  {t('termination.request')}
                </Button>
              ) : null}
            </div>
          ) : undefined
        }
      >
        <SeatMeter used={o.seatsUsed} allowed={o.seatsAllowed} />
      </Card>

      {isOperator ? <ProviderActions overview={o} live={live} /> : null}

      {o.contracts.length === 0 ? <Alert tone="info">{t('contracts.none')}</Alert> : null}
      {o.contracts.map((c) => (
        <ContractCard key={c.id} contract={c} prices={c.channel === 'RESELLER' ? ['wholesale', 'reseller', 'seat'] : ['annual', 'seat']} />
      ))}

      <Card title={t('changes.title')}>
        <ChangeRequestTable requests={requests} actions={isOperator ? (r) => <ChangeDecision tenantId={o.tenant.id} request={r} /> : undefined} />
      </Card>
      <Card title={t('termination.title')}>
        <TerminationTable terminations={terminations} />
      </Card>

      {isOperator ? <AdministratorsCard tenantId={o.tenant.id} /> : null}

      <Card title={t('invoices.title')}>
        {!isOperator ? <p className="tw-muted">{t('invoices.wholesaleNote')}</p> : null}
        {isOperator && live ? (
          <InvoiceIssuePanel tenantId={o.tenant.id} current={live} contracts={o.contracts.filter((c) => c.status !== 'ENDED')} />
        ) : null}
        {invoices.error ? <Alert>{contractError(invoices.error).message}</Alert> : null}
        <InvoiceTable
          invoices={invoices.data ?? []}
          loading={invoices.isLoading}
          methods={methods.data}
          pdfHref={invoicePdfHref}
          actions={isOperator ? (i) => <InvoiceRowActions invoice={i} /> : undefined}
        />
      </Card>

      {open === 'seats' && live ? <SeatRequest tenantId={o.tenant.id} contract={live} onClose={() => setOpen(null)} /> : null}
      {open === 'terminate' && live ? <TerminationRequest tenantId={o.tenant.id} contract={live} onClose={() => setOpen(null)} /> : null}
      {open === 'renew' && live ? <RenewalRequest tenantId={o.tenant.id} contract={live} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
