'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Dialog, dialogButtons, Field, type InvoiceView, jstToday, numberOrMissing, TextInput, useContractError, useContractFormat, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { useRefreshContracts } from './use-refresh';

/** The portal's PDF of an invoice (the same route serves operators and reseller staff, each in their own scope). */
export const invoicePdfHref = (i: { id: string; tenantId: string }) => `/api/invoices/pdf?invoiceId=${i.id}&tenantId=${i.tenantId}`;

/**
 * Per invoice, for operators: record a bank transfer (消込) or charge late-payment damages (第14条3項) for the
 * days actually late. There is no refund button: the terms allow no refund, whatever the reason (第14条4項),
 * and the API refuses one (billing.refund answers RULE_VIOLATION / NO_REFUND).
 */
export function InvoiceRowActions({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const [open, setOpen] = useState<'pay' | 'late' | null>(null);
  const owed = invoice.status === 'OPEN' || invoice.status === 'PARTIALLY_PAID' || invoice.status === 'PAYMENT_FAILED';
  return (
    <>
      {owed ? (
        <Button onClick={() => setOpen('pay')} data-testid={`record-payment-${invoice.number}`}>
          {t('invoices.recordPayment')}
        </Button>
      ) : null}
      {invoice.kind !== 'LATE_INTEREST' ? (
        <Button variant="secondary" onClick={() => setOpen('late')}>
          {t('invoices.issueLateInterest')}
        </Button>
      ) : null}
      {open === 'pay' ? <PaymentDialog invoice={invoice} onClose={() => setOpen(null)} /> : null}
      {open === 'late' ? <LateInterestDialog invoice={invoice} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function PaymentDialog({ invoice, onClose }: { invoice: InvoiceView; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const f = useContractFormat();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const balance = invoice.total - invoice.payments.reduce((n, p) => n + p.amount, 0);
  const [form, setForm] = useState({ amount: String(balance), receivedOn: jstToday(), payerName: '', note: '' });
  const pay = useMutation(trpc.operator.billing.recordPayment.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(pay.error);
  return (
    <Dialog title={t('invoices.paymentTitle')} onClose={onClose}>
      <p className="tw-muted">
        {invoice.number}: {f.yen(invoice.total)}・{t('invoices.balance')} {f.yen(balance)}
      </p>
      {pay.data ? <Alert tone="success">{t('invoices.paymentRecorded', { balance: f.yen(pay.data.balance) })}</Alert> : null}
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('invoices.paymentAmount')} htmlFor="pay-amount" error={err.fields.amount}>
        <TextInput id="pay-amount" type="number" inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
      </Field>
      <Field label={t('invoices.receivedOn')} htmlFor="pay-received-on" error={err.fields.receivedOn}>
        <TextInput id="pay-received-on" type="date" value={form.receivedOn} onChange={(e) => setForm({ ...form, receivedOn: e.target.value })} />
      </Field>
      <Field label={t('invoices.payerName')} htmlFor="pay-payer" error={err.fields.payerName}>
        <TextInput id="pay-payer" value={form.payerName} onChange={(e) => setForm({ ...form, payerName: e.target.value })} />
      </Field>
      <Field label={t('invoices.paymentNote')} htmlFor="pay-note" error={err.fields.note}>
        <TextInput id="pay-note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      </Field>
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button
          disabled={pay.isPending || pay.isSuccess}
          onClick={() =>
            pay.mutate({
              tenantId: invoice.tenantId, invoiceId: invoice.id, amount: numberOrMissing(form.amount), receivedOn: form.receivedOn,
              payerName: form.payerName.trim() || undefined, note: form.note.trim() || undefined,
            })
          }
        >
          {t('invoices.recordPayment')}
        </Button>
      </div>
    </Dialog>
  );
}

function LateInterestDialog({ invoice, onClose }: { invoice: InvoiceView; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const f = useContractFormat();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const preview = useQuery(trpc.operator.billing.lateInterestPreview.queryOptions({ tenantId: invoice.tenantId, invoiceId: invoice.id }));
  const late = useMutation(trpc.operator.billing.issueLateInterest.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(late.error);
  const due = preview.data;
  return (
    <Dialog title={t('invoices.lateInterestTitle')} onClose={onClose}>
      <p className="tw-muted">
        {invoice.number}: {f.yen(invoice.total)}・{t('invoices.dueDate')} {f.day(invoice.dueDate)}
      </p>
      <p className="tw-muted">{t('invoices.lateInterestRule')}</p>
      {preview.isLoading ? <p>{t('common.loading')}</p> : null}
      {preview.isSuccess ? (
        <Alert tone="info">{due ? t('invoices.lateDue', { days: due.days, from: due.from, through: due.through, amount: f.yen(due.yen) }) : t('invoices.notLate')}</Alert>
      ) : null}
      {late.data ? <Alert tone="success">{t('invoices.issued', { number: late.data.number, total: f.yen(late.data.total) })}</Alert> : null}
      {err.message ? <Alert>{err.message}</Alert> : null}
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button disabled={!due || due.yen === 0 || late.isPending || late.isSuccess} onClick={() => late.mutate({ tenantId: invoice.tenantId, invoiceId: invoice.id })}>
          {t('invoices.issueLateInterest')}
        </Button>
      </div>
    </Dialog>
  );
}
