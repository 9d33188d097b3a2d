'use client';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, InvoiceTable, useContractError, useT } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';
import { InvoiceRowActions, invoicePdfHref } from './invoice-row-actions';

/** Every invoice the caller may see: operators all of the provider's, reseller staff the wholesale ones billed to them. */
export function InvoiceList() {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const contractError = useContractError();
  const isOperator = me.kind === 'operator';
  const invoices = useQuery(isOperator ? trpc.operator.billing.invoices.queryOptions({}) : trpc.reseller.billing.invoices.queryOptions({}));
  const methods = useQuery(isOperator ? trpc.operator.billing.paymentMethods.queryOptions() : trpc.reseller.billing.paymentMethods.queryOptions());
  return (
    <>
      <h1>{t('invoices.title')}</h1>
      <Card>
        {!isOperator ? <p className="tw-muted">{t('invoices.wholesaleNote')}</p> : null}
        {invoices.error ? <Alert>{contractError(invoices.error).message}</Alert> : null}
        <InvoiceTable
          invoices={invoices.data ?? []}
          loading={invoices.isLoading}
          showCustomer
          methods={methods.data}
          pdfHref={invoicePdfHref}
          actions={isOperator ? (i) => <InvoiceRowActions invoice={i} /> : undefined}
        />
      </Card>
    </>
  );
}
