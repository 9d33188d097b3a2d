'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Card, ChangeRequestTable, ContractCard, currentContract, InvoiceTable, SeatMeter, TerminationTable, useContractError, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { SeatRequest, TerminationRequest } from './contract-requests';

/**
 * The tenant administrator's view of the contract: term, seats used/allowed, requests and their state,
 * invoices. A direct customer files its own requests; a reseller's customer goes through the reseller
 * (and never sees the provider's wholesale price).
 */
export function ContractPage() {
  const t = useT();
  const trpc = useTRPC();
  const contractError = useContractError();
  const mine = useQuery(trpc.contracts.mine.queryOptions());
  const invoices = useQuery(trpc.billing.invoices.queryOptions());
  const [open, setOpen] = useState<'seats' | 'terminate' | null>(null);

  if (mine.error) return <Alert>{contractError(mine.error).message}</Alert>;
  if (!mine.data) return <p>{t('common.loading')}</p>;
  const o = mine.data;
  const live = currentContract(o.contracts);
  const viaReseller = o.contracts.some((c) => c.channel === 'RESELLER');
  const canRequest = live?.status === 'ACTIVE' && live.channel === 'DIRECT';

  return (
    <>
      <h1>{t('contract.title')}</h1>
      {viaReseller ? <Alert tone="info">{t('contract.viaReseller')}</Alert> : null}
      <Card
        actions={
          canRequest ? (
            <div className="tw-actions">
              <Button variant="secondary" onClick={() => setOpen('seats')}>
                {t('changes.request')}
              </Button>
              <Button variant="danger" onClick={() => setOpen('terminate')}>
                {t('termination.request')}
              </Button>
            </div>
          ) : undefined
        }
      >
        <SeatMeter used={o.seatsUsed} allowed={o.seatsAllowed} />
      </Card>
      {o.contracts.length === 0 ? <Alert tone="info">{t('contracts.none')}</Alert> : null}
      {o.contracts.map((c) => (
        <ContractCard key={c.id} contract={c} prices={c.channel === 'RESELLER' ? ['reseller'] : ['annual', 'seat']} />
      ))}
      <Card title={t('changes.title')}>
        <ChangeRequestTable requests={o.contracts.flatMap((c) => c.changeRequests)} />
      </Card>
      <Card title={t('termination.title')}>
        <TerminationTable terminations={o.contracts.flatMap((c) => c.terminationRequests)} />
      </Card>
      <Card title={t('invoices.title')}>
        {viaReseller ? <p className="tw-muted">{t('contract.invoicesViaReseller')}</p> : null}
        {invoices.error ? <Alert>{contractError(invoices.error).message}</Alert> : null}
        <InvoiceTable invoices={invoices.data ?? []} loading={invoices.isLoading} />
      </Card>
      {open === 'seats' && live ? <SeatRequest contract={live} onClose={() => setOpen(null)} /> : null}
      {open === 'terminate' && live ? <TerminationRequest contract={live} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
