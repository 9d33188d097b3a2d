import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n-provider';
import type { ErrorText } from '../use-error-text';
import { currentContract } from './current-contract';
import { formatDay, formatYen, numberOrMissing } from './format';
import { InvoiceTable } from './invoice-table';
import type { InvoiceView } from './types';
import { useContractError } from './use-contract-error';

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('money and dates', () => {
  it('shows whole yen with separators and calendar days as the day itself', () => {
    expect([formatYen(1_234_567, 'ja'), formatYen(0, 'ja'), formatYen(330_000, 'en')]).toEqual(['1,234,567円', '0円', 'JPY 330,000']);
    // A @db.Date (midnight UTC) and an ISO day are the same day in Tokyo.
    expect([formatDay(day('2027-01-31'), 'ja'), formatDay('2027-01-31', 'ja'), formatDay('2026-12-31', 'en')]).toEqual(['2027/01/31', '2027/01/31', '31/12/2026']);
  });

  it('sends an empty number field as missing and a typed one as a number', () => {
    expect([numberOrMissing(''), numberOrMissing(' 25 '), numberOrMissing('300,000')]).toEqual([undefined, 25, 300_000]);
  });
});

describe('currentContract', () => {
  const c = (id: string, status: 'ACTIVE' | 'TERMINATION_SCHEDULED' | 'ENDED', start: string) => ({ id, status, startDate: day(start) });
  it('picks the live contract whose term has begun, else a renewal not yet begun, never an ended one', () => {
    expect(currentContract([c('next', 'ACTIVE', '2027-04-01'), c('now', 'ACTIVE', '2026-04-01')], '2026-12-02')?.id).toBe('now');
    expect(currentContract([c('next', 'ACTIVE', '2027-04-01'), c('old', 'ENDED', '2025-04-01')], '2026-12-02')?.id).toBe('next');
    expect(currentContract([c('ending', 'TERMINATION_SCHEDULED', '2026-04-01')], '2026-12-02')?.id).toBe('ending');
    expect(currentContract([c('old', 'ENDED', '2025-04-01')], '2026-12-02')).toBeNull();
  });
});

describe('useContractError', () => {
  const apiError = (data: Record<string, unknown>) => ({ message: 'from server', data: { code: 'PRECONDITION_FAILED', ...data } });
  function run(error: unknown, lang: 'ja' | 'en' = 'ja'): ErrorText | undefined {
    let seen: ErrorText | undefined;
    function Probe() {
      seen = useContractError()(error);
      return null;
    }
    renderToStaticMarkup(<I18nProvider lang={lang}><Probe /></I18nProvider>);
    return seen;
  }

  it('says what a contract rule refused, and falls back to the code for reasons it does not know', () => {
    expect(run(apiError({ appCode: 'RULE_VIOLATION', reason: 'NO_REFUND' }))?.message).toBe('受領済みの料金は、理由の如何を問わず返金できません（第14条4項）。');
    expect(run(apiError({ appCode: 'CONFLICT', reason: 'ALREADY_DECIDED' }), 'en')?.message).toBe('This application has already been decided. Reload the page.');
    expect(run(apiError({ appCode: 'RULE_VIOLATION', reason: 'SOMETHING_NEW' }))?.message).toBe('この操作は現在の状態では行えません。');
  });

  it('places nested field errors under their own field and words the corporate number check', () => {
    const seen = run(apiError({
      appCode: 'VALIDATION',
      fieldErrors: { administrators: ['Invalid email address'], 'administrators.1.email': ['Invalid email address'], corporateNumber: ['Invalid corporate number: check digit does not match'] },
    }));
    expect(seen?.fields).toEqual({
      administrators: 'メールアドレスの形式で入力してください',
      'administrators.1.email': 'メールアドレスの形式で入力してください',
      corporateNumber: '法人番号が正しくありません（13桁の数字で、先頭のチェックデジットが一致する必要があります）',
    });
  });

  it('words the refusal of an applicant not established in Japan (第9条2項5号) under its checkbox', () => {
    // The server's text (contracts/schemas.ts), as the API sends it.
    const refused = apiError({ appCode: 'VALIDATION', fieldErrors: { isDomesticEntity: ['Only entities established in Japan may apply (第9条2項5号)'] } });
    expect(run(refused)?.fields).toEqual({ isDomesticEntity: '日本国内の法人・団体のみお申込みいただけます（第9条2項5号）。' });
    expect(run(refused, 'en')?.fields).toEqual({ isDomesticEntity: 'Only entities established in Japan may apply (clause 9(2)(v)).' });
  });
});

describe('InvoiceTable', () => {
  const invoice = (over: Partial<InvoiceView>): InvoiceView => ({
    id: 'i1', tenantId: 't1', number: 'INV-202612-AAAA', kind: 'ANNUAL_LICENCE', billTo: 'RESELLER', registrationNumber: 'T9234567890123',
    issueDate: day('2026-12-02'), dueDate: day('2027-01-31'), periodStart: day('2026-12-02'), periodEnd: day('2027-12-01'),
    subtotal: 300_000, tax: 30_000, total: 330_000, status: 'OPEN', sentToStripe: false, paidAt: null, paymentFailedAt: null, nextRetryAt: null,
    lateFrom: null, lateTo: null, lines: [], payments: [], ...over,
  });
  const bank = { name: 'みらい銀行', branch: '丸の内支店', accountType: '普通', accountNumber: '1234567', accountHolder: 'テレワーク' };
  const pdfHref = (i: InvoiceView) => `/api/invoices/pdf?invoiceId=${i.id}`;

  it('where Stripe is configured: marks invoices not sent to it and shows a failed payment with the next attempt', () => {
    const html = renderToStaticMarkup(
      <I18nProvider lang="ja">
        <InvoiceTable
          invoices={[
            invoice({}),
            invoice({ id: 'i2', number: 'INV-202612-BBBB', sentToStripe: true, status: 'PAYMENT_FAILED', paymentFailedAt: new Date('2026-12-10T01:00:00Z'), nextRetryAt: new Date('2026-12-13T01:00:00Z') }),
          ]}
          methods={{ stripe: true, bankTransfer: bank }}
          pdfHref={pdfHref}
        />
      </I18nProvider>,
    );
    expect(html).toContain('Stripe に送られていません');
    expect(html).toContain('data-testid="invoice-stripe-INV-202612-AAAA">未送信');
    expect(html).toContain('data-testid="invoice-stripe-INV-202612-BBBB">送信済み');
    expect(html).toContain('支払い失敗');
    expect(html).toContain('2026/12/10 10:00 に引き落としできませんでした');
    expect(html).toContain('次回の引き落とし: 2026/12/13 10:00');
    expect(html).toContain('330,000円');
  });

  it('without Stripe: no Stripe wording at all, the bank account to transfer to, a PDF per invoice', () => {
    const html = renderToStaticMarkup(
      <I18nProvider lang="ja">
        <InvoiceTable invoices={[invoice({ status: 'PARTIALLY_PAID' })]} methods={{ stripe: false, bankTransfer: bank }} pdfHref={pdfHref} />
      </I18nProvider>,
    );
    expect(html).not.toContain('Stripe');
    expect(html).not.toContain('未送信');
    expect(html).toContain('お振込先: みらい銀行 丸の内支店 普通 1234567');
    expect(html).toContain('href="/api/invoices/pdf?invoiceId=i1"');
    expect(html).toContain('一部入金');
  });
});
