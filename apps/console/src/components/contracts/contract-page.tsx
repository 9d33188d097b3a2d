'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Alert, Badge, Button, Card, ChangeRequestTable, ContractCard, currentContract, DataTable, InvoiceTable, SeatMeter, TENANT_TONE, TerminationTable, useContractError, useT,
} from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { DetailsReport, RenewalRequest } from './contract-dialogs';
import { SeatRequest, TerminationRequest } from './contract-requests';

const REQUESTABLE = new Set(['ACTIVE', 'RENEWAL_OFFERED']);

/**
 * The tenant administrator's view of the contract: its state (開始前 until the service start date), term,
 * seats used/allowed, requests (seats, renewal, termination, changes of details) and their state, the
 * registered administrators, invoices with their PDF and the bank account to pay into. A direct customer
 * files its own requests; a reseller's customer goes through the reseller (and never sees the provider's
 * wholesale price). Stripe is mentioned only where it is configured.
 */
export function ContractPage() {
  const t = useT();
  const trpc = useTRPC();
  const contractError = useContractError();
  const mine = useQuery(trpc.contracts.mine.queryOptions());
  const invoices = useQuery(trpc.billing.invoices.queryOptions());
  const methods = useQuery(trpc.billing.paymentMethods.queryOptions());
  const admins = useQuery(trpc.contracts.administrators.queryOptions());
  const [open, setOpen] = useState<'seats' | 'terminate' | 'renew' | 'details' | null>(null);

  if (mine.error) return <Alert>{contractError(mine.error).message}</Alert>;
  if (!mine.data) return <p>{t('common.loading')}</p>;
  const o = mine.data;
  const live = currentContract(o.contracts);
  const viaReseller = o.contracts.some((c) => c.channel === 'RESELLER');
  const canRequest = live !== null && REQUESTABLE.has(live.status) && live.channel === 'DIRECT';
  const renewed = live !== null && o.contracts.some((c) => c.renewalOfId === live.id);

  return (
    <>
      <h1 className="tw-actions">
        {t('contract.title')}
        <Badge tone={TENANT_TONE[o.tenant.status]} testId="tenant-status">
          {t(`tenant.status.${o.tenant.status}`)}
        </Badge>
      </h1>
      {viaReseller ? <Alert tone="info">{t('contract.viaReseller')}</Alert> : null}
      <Card
        actions={
          canRequest ? (
            <div className="tw-actions">
              <Button variant="secondary" onClick={() => setOpen('seats')}>
                {t('changes.request')}
              </Button>
              {!renewed ? (
                <Button variant="secondary" onClick={() => setOpen('renew')} data-testid="request-renewal">
                  {t('renewal.request')}
                </Button>
              ) : null}
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
      <Card
        title={t('details.registeredList')}
        actions={
          <Button variant="secondary" onClick={() => setOpen('details')} data-testid="report-details">
            {t('details.report')}
          </Button>
        }
      >
        <p className="tw-muted">{t('details.registeredHint')}</p>
        <DataTable
          rows={admins.data ?? []}
          rowKey={(a) => a.id}
          empty={admins.isLoading ? t('common.loading') : t('people.none')}
          columns={[
            { key: 'name', header: t('apps.adminName'), cell: (a) => a.name },
            { key: 'department', header: t('apps.adminDepartment'), cell: (a) => a.department ?? '' },
            { key: 'email', header: t('apps.adminEmail'), cell: (a) => a.email ?? '' },
            {
              key: 'registered',
              header: t('details.registered'),
              cell: (a) => <Badge tone={a.isRegisteredAdministrator ? 'ok' : 'muted'}>{t(a.isRegisteredAdministrator ? 'details.registered' : 'details.notRegistered')}</Badge>,
            },
          ]}
        />
      </Card>
      <Card title={t('changes.title')}>
        <ChangeRequestTable requests={o.contracts.flatMap((c) => c.changeRequests)} />
      </Card>
      <Card title={t('termination.title')}>
        <TerminationTable terminations={o.contracts.flatMap((c) => c.terminationRequests)} />
      </Card>
      <Card title={t('invoices.title')}>
        {viaReseller ? <p className="tw-muted">{t('contract.invoicesViaReseller')}</p> : null}
        {invoices.error ? <Alert>{contractError(invoices.error).message}</Alert> : null}
        <InvoiceTable invoices={invoices.data ?? []} loading={invoices.isLoading} methods={methods.data} pdfHref={(i) => `/api/invoices/pdf?invoiceId=${i.id}`} />
      </Card>
      {open === 'seats' && live ? <SeatRequest contract={live} onClose={() => setOpen(null)} /> : null}
      {open === 'terminate' && live ? <TerminationRequest contract={live} onClose={() => setOpen(null)} /> : null}
      {open === 'renew' && live ? <RenewalRequest contract={live} onClose={() => setOpen(null)} /> : null}
      {open === 'details' ? <DetailsReport onClose={() => setOpen(null)} /> : null}
    </>
  );
}
