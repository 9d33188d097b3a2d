'use client';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { useT } from '../i18n-provider';
import { Alert, Button, Field, Select } from '../primitives';
import { Badge, INVOICE_TONE } from './badge';
import { jstToday, useContractFormat } from './format';
import type { InvoiceKind, InvoiceStatus, InvoiceView } from './types';

const STATUSES: InvoiceStatus[] = ['OPEN', 'PARTIALLY_PAID', 'PAYMENT_FAILED', 'PAID', 'VOID'];
const KINDS: InvoiceKind[] = ['ANNUAL_LICENCE', 'SEAT_ADD_ON', 'LATE_INTEREST'];
const isUnpaid = (i: InvoiceView) => i.status === 'OPEN' || i.status === 'PARTIALLY_PAID' || i.status === 'PAYMENT_FAILED';

/** How the customer pays: Stripe only where it is configured; the provider's account for bank transfers. */
export interface PaymentMethodsView {
  stripe: boolean;
  bankTransfer: { name: string; branch: string; accountType: string; accountNumber: string; accountHolder: string };
}

/** The provider's bank account (振込先) as the invoices print it. */
export function BankTransferNote({ methods }: { methods: PaymentMethodsView }) {
  const t = useT();
  const b = methods.bankTransfer;
  return (
    <p className="tw-muted" data-testid="bank-transfer">
      {t('invoices.payTo')}・{t('invoices.payToAccount', { bank: b.name, branch: b.branch, type: b.accountType, number: b.accountNumber, holder: b.accountHolder })}
    </p>
  );
}

/** Where the payment stands: paid, failed with Stripe's next attempt, open (and overdue?). */
function PaymentState({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const f = useContractFormat();
  const overdue = isUnpaid(invoice) && invoice.dueDate.toISOString().slice(0, 10) < jstToday();
  return (
    <span className="tw-actions" data-testid={`invoice-payment-${invoice.number}`}>
      <Badge tone={INVOICE_TONE[invoice.status]}>{t(`invoices.status.${invoice.status}`)}</Badge>
      {overdue ? <Badge tone="bad">{t('invoices.overdue')}</Badge> : null}
      {invoice.status === 'PAID' && invoice.paidAt ? <span className="tw-muted">{t('invoices.paidOn', { date: f.time(invoice.paidAt) })}</span> : null}
      {invoice.status === 'PAYMENT_FAILED' && invoice.paymentFailedAt ? (
        <span className="tw-muted">
          {t('invoices.failedOn', { date: f.time(invoice.paymentFailedAt) })}・
          {invoice.nextRetryAt ? t('invoices.nextRetry', { date: f.time(invoice.nextRetryAt) }) : t('invoices.noRetry')}
        </span>
      ) : null}
    </span>
  );
}

/** The qualified invoice as issued: lines, tax per rate, totals, registration number, due date. */
function InvoiceDetail({ invoice }: { invoice: InvoiceView }) {
  const t = useT();
  const f = useContractFormat();
  return (
    <div data-testid={`invoice-detail-${invoice.number}`}>
      <table className="tw-table" style={{ marginBottom: '0.5rem' }}>
        <thead>
          <tr>
            <th>{t('invoices.lineDescription')}</th>
            <th style={{ textAlign: 'right' }}>{t('invoices.lineQuantity')}</th>
            <th style={{ textAlign: 'right' }}>{t('invoices.lineUnitPrice')}</th>
            <th style={{ textAlign: 'right' }}>{t('invoices.lineAmount')}</th>
            <th style={{ textAlign: 'right' }}>{t('invoices.lineTax')}</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.map((l) => (
            <tr key={l.id}>
              <td style={{ whiteSpace: 'normal' }}>{l.description}</td>
              <td style={{ textAlign: 'right' }}>{l.quantity}</td>
              <td style={{ textAlign: 'right' }}>{f.yen(l.unitPrice)}</td>
              <td style={{ textAlign: 'right' }}>{f.yen(l.amount)}</td>
              <td style={{ textAlign: 'right' }}>{t('invoices.lineTaxRate', { rate: l.taxRatePct })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="tw-facts" style={{ marginBottom: 0 }}>
        {invoice.lateFrom && invoice.lateTo ? (
          <>
            <dt>{t('invoices.period')}</dt>
            <dd>{t('contracts.termRange', { start: f.day(invoice.lateFrom), end: f.day(invoice.lateTo) })}</dd>
          </>
        ) : null}
        <dt>{t('invoices.subtotal')}</dt>
        <dd>{f.yen(invoice.subtotal)}</dd>
        <dt>{t('invoices.tax')}</dt>
        <dd>{f.yen(invoice.tax)}</dd>
        <dt>{t('invoices.total')}</dt>
        <dd>
          <strong>{f.yen(invoice.total)}</strong>
        </dd>
        <dt>{t('invoices.dueDate')}</dt>
        <dd>{f.day(invoice.dueDate)}</dd>
        {invoice.payments.length > 0 ? (
          <>
            <dt>{t('invoices.payments')}</dt>
            <dd>
              {invoice.payments.map((p) => (
                <div key={p.id}>{t('invoices.paymentRow', { date: f.day(p.paidAt), amount: f.yen(p.amount), method: t(p.method === 'stripe' ? 'invoices.method.stripe' : 'invoices.method.bank_transfer') })}</div>
              ))}
            </dd>
            <dt>{t('invoices.balance')}</dt>
            <dd data-testid={`invoice-balance-${invoice.number}`}>{f.yen(invoice.total - invoice.payments.reduce((n, p) => n + p.amount, 0))}</dd>
          </>
        ) : null}
      </dl>
      <p className="tw-muted" style={{ margin: '0.5rem 0 0' }}>
        {t('invoices.registrationNumber', { number: invoice.registrationNumber })}
      </p>
    </div>
  );
}

/**
 * Invoices with payment state (and whether Stripe has them, where Stripe is configured); each row opens
 * its lines and payments and links its PDF. Filters by payment state and kind. `actions` adds per-invoice
 * buttons (operators: payments and late interest). `pdfHref` gives the app's PDF address of an invoice.
 */
export function InvoiceTable({
  invoices, showCustomer = false, actions, loading = false, methods, pdfHref,
}: {
  invoices: InvoiceView[];
  showCustomer?: boolean;
  actions?: (i: InvoiceView) => ReactNode;
  loading?: boolean;
  methods?: PaymentMethodsView;
  pdfHref: (i: InvoiceView) => string;
}) {
  const stripe = methods?.stripe ?? false;
  const t = useT();
  const f = useContractFormat();
  const [filter, setFilter] = useState({ status: '', kind: '' });
  const [open, setOpen] = useState<string | null>(null);
  const rows = useMemo(() => invoices.filter((i) => (!filter.status || i.status === filter.status) && (!filter.kind || i.kind === filter.kind)), [invoices, filter]);
  const columns = 9 + (showCustomer ? 1 : 0) + (stripe ? 1 : 0);
  return (
    <>
      {stripe && invoices.some((i) => !i.sentToStripe) ? <Alert tone="info">{t('invoices.notSentNote')}</Alert> : null}
      {methods ? <BankTransferNote methods={methods} /> : null}
      <div className="tw-toolbar">
        <Field label={t('invoices.payment')} htmlFor="inv-status">
          <Select id="inv-status" value={filter.status} onChange={(e) => setFilter({ ...filter, status: e.target.value })}>
            <option value="">{t('invoices.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`invoices.status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('invoices.kind')} htmlFor="inv-kind">
          <Select id="inv-kind" value={filter.kind} onChange={(e) => setFilter({ ...filter, kind: e.target.value })}>
            <option value="">{t('invoices.allKinds')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`invoices.kind.${k}`)}
              </option>
            ))}
          </Select>
        </Field>
        <p className="tw-muted" style={{ alignSelf: 'flex-end' }}>
          {t('apps.count', { count: rows.length })}
        </p>
      </div>
      <div className="tw-table-wrap">
        <table className="tw-table" data-testid="invoice-table">
          <thead>
            <tr>
              <th>{t('invoices.number')}</th>
              {showCustomer ? <th>{t('invoices.customer')}</th> : null}
              <th>{t('invoices.kind')}</th>
              <th>{t('invoices.billTo')}</th>
              <th>{t('invoices.issueDate')}</th>
              <th>{t('invoices.period')}</th>
              <th>{t('invoices.dueDate')}</th>
              <th style={{ textAlign: 'right' }}>{t('invoices.total')}</th>
              <th>{t('invoices.payment')}</th>
              {stripe ? <th>{t('invoices.stripe')}</th> : null}
              <th>{t('invoices.downloadPdf')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns} className="tw-table-empty">
                  {loading ? t('common.loading') : invoices.length === 0 ? t('invoices.empty') : t('invoices.noMatch')}
                </td>
              </tr>
            ) : (
              rows.map((i) => (
                <Fragment key={i.id}>
                  <tr data-testid={`invoice-${i.number}`}>
                    <td>
                      <Button variant="link" aria-expanded={open === i.id} onClick={() => setOpen(open === i.id ? null : i.id)}>
                        <code>{i.number}</code>
                      </Button>
                    </td>
                    {showCustomer ? <td>{i.tenant ? `${i.tenant.name}（${i.tenant.systemId}）` : ''}</td> : null}
                    <td>{t(`invoices.kind.${i.kind}`)}</td>
                    <td>{t(`invoices.billTo.${i.billTo}`)}</td>
                    <td>{f.day(i.issueDate)}</td>
                    <td>{i.periodStart && i.periodEnd ? t('contracts.termRange', { start: f.day(i.periodStart), end: f.day(i.periodEnd) }) : t('people.none')}</td>
                    <td>{f.day(i.dueDate)}</td>
                    <td style={{ textAlign: 'right' }}>{f.yen(i.total)}</td>
                    <td>
                      <PaymentState invoice={i} />
                    </td>
                    {stripe ? (
                      <td>
                        <Badge tone={i.sentToStripe ? 'ok' : 'warn'} testId={`invoice-stripe-${i.number}`}>
                          {i.sentToStripe ? t('invoices.sent') : t('invoices.notSent')}
                        </Badge>
                      </td>
                    ) : null}
                    <td>
                      <a href={pdfHref(i)} download={`${i.number}.pdf`} data-testid={`invoice-pdf-${i.number}`}>
                        PDF
                      </a>
                    </td>
                  </tr>
                  {open === i.id ? (
                    <tr className="tw-row-detail">
                      <td colSpan={columns}>
                        <InvoiceDetail invoice={i} />
                        {actions ? <div className="tw-actions" style={{ marginTop: '0.75rem' }}>{actions(i)}</div> : null}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
