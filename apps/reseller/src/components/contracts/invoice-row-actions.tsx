'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Dialog, dialogButtons, Field, type InvoiceView, jstToday, numberOrMissing, TextInput, useContractError, useContractFormat, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import { useRefreshContracts } from './use-refresh';

/** Per invoice, for operators: charge late interest (第14条3項), or try a refund and see it refused (第14条4項). */
export function InvoiceRowActions({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const [open, setOpen] = useState<'late' | 'refund' | null>(null);
  return (
    <>
      {invoice.kind !== 'LATE_INTEREST' ? (
        <Button variant="secondary" onClick={() => setOpen('late')}>
          {t('invoices.issueLateInterest')}
        </Button>
      ) : null}
      <Button variant="secondary" onClick={() => setOpen('refund')}>
        {t('invoices.refund')}
      </Button>
      {open === 'late' ? <LateInterestDialog invoice={invoice} onClose={() => setOpen(null)} /> : null}
      {open === 'refund' ? <RefundDialog invoice={invoice} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function LateInterestDialog({ invoice, onClose }: { invoice: InvoiceView; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const f = useContractFormat();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [paidOn, setPaidOn] = useState(jstToday());
  const late = useMutation(trpc.operator.billing.issueLateInterest.mutationOptions({ onSuccess: () => void refresh() }));
  const err = contractError(late.error);
  return (
    <Dialog title={t('invoices.lateInterestTitle')} onClose={onClose}>
      <p className="tw-muted">
        {invoice.number}: {f.yen(invoice.total)}・{t('invoices.dueDate')} {f.day(invoice.dueDate)}
      </p>
      <p className="tw-muted">{t('invoices.lateInterestHint')}</p>
      {late.isSuccess ? <Alert tone="success">{late.data ? t('invoices.issued', { number: late.data.number, total: f.yen(late.data.total) }) : t('invoices.noLateInterest')}</Alert> : null}
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('invoices.paidOnDate')} htmlFor="late-paid-on" error={err.fields.paidOn}>
        <TextInput id="late-paid-on" type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
      </Field>
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button disabled={late.isPending || late.isSuccess} onClick={() => late.mutate({ tenantId: invoice.tenantId, invoiceId: invoice.id, paidOn })}>
          {t('invoices.issueLateInterest')}
        </Button>
      </div>
    </Dialog>
  );
}

function RefundDialog({ invoice, onClose }: { invoice: InvoiceView; onClose: () => void }) {
  const t = useT();
  const trpc = useTRPC();
  const contractError = useContractError();
  const [form, setForm] = useState({ amount: String(invoice.total), cause: '' });
  const refund = useMutation(trpc.operator.billing.refund.mutationOptions());
  const err = contractError(refund.error);
  return (
    <Dialog title={t('invoices.refundTitle')} onClose={onClose}>
      <Alert tone="info">{t('invoices.refundRule')}</Alert>
      {err.message ? <Alert>{err.message}</Alert> : null}
      <Field label={t('invoices.refundAmount')} htmlFor="refund-amount" error={err.fields.amount}>
        <TextInput id="refund-amount" type="number" inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.target.value })} />
      </Field>
      <Field label={t('invoices.refundCause')} htmlFor="refund-cause" error={err.fields.cause}>
        <TextInput id="refund-cause" value={form.cause} onChange={(e) => setForm({ ...form, cause: e.target.value })} />
      </Field>
      <div style={dialogButtons}>
        <Button variant="secondary" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button variant="danger" disabled={refund.isPending} onClick={() => refund.mutate({ tenantId: invoice.tenantId, invoiceId: invoice.id, amount: numberOrMissing(form.amount), cause: form.cause })}>
          {t('invoices.refund')}
        </Button>
      </div>
    </Dialog>
  );
}
