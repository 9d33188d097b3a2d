'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert, Button, Field, jstToday, Select, TextInput, useContractError, useContractFormat, useT } from '@telework/ui';
import { useTRPC } from '@/trpc/client';
import type { OverviewContract } from './types';
import { useRefreshContracts } from './use-refresh';

/**
 * Operators issue a contract's invoices by hand: the term's annual fee, or a month's added seats (第14条1項).
 * Any live contract can be chosen, so a renewal's first annual invoice can go out before its term begins.
 */
export function InvoiceIssuePanel({ tenantId, contracts, current }: { tenantId: string; contracts: OverviewContract[]; current: OverviewContract }) {
  const t = useT();
  const trpc = useTRPC();
  const f = useContractFormat();
  const refresh = useRefreshContracts();
  const contractError = useContractError();
  const [contractId, setContractId] = useState(current.id);
  const contract = contracts.find((c) => c.id === contractId) ?? current;
  const [month, setMonth] = useState(jstToday().slice(0, 7));
  const [result, setResult] = useState<string | null>(null);
  const issued = (inv: { number: string; total: number } | null) => {
    setResult(inv ? t('invoices.issued', { number: inv.number, total: f.yen(inv.total) }) : t('invoices.nothingToIssue'));
    void refresh();
  };
  const annual = useMutation(trpc.operator.billing.issueAnnual.mutationOptions({ onSuccess: issued }));
  const addOn = useMutation(trpc.operator.billing.issueAddOn.mutationOptions({ onSuccess: issued }));
  const error = contractError(annual.error ?? addOn.error);
  const reset = () => {
    annual.reset();
    addOn.reset();
    setResult(null);
  };
  return (
    <div data-testid="invoice-issue">
      <h3 style={{ margin: '0 0 0.5rem' }}>{t('invoices.issue')}</h3>
      <Field label={t('contracts.contract')} htmlFor="issue-contract">
        <Select id="issue-contract" value={contract.id} onChange={(e) => setContractId(e.target.value)}>
          {contracts.map((c) => (
            <option key={c.id} value={c.id}>
              {t('invoices.forContract', { start: f.day(c.startDate), end: f.day(c.termEndDate) })}
            </option>
          ))}
        </Select>
      </Field>
      {result ? <Alert tone="success">{result}</Alert> : null}
      {error.message ? <Alert>{error.message}</Alert> : null}
      <div className="tw-toolbar">
        <Button
          variant="secondary"
          disabled={annual.isPending}
          onClick={() => {
            reset();
            annual.mutate({ tenantId, contractId: contract.id });
          }}
        >
          {t('invoices.issueAnnual')}
        </Button>
        <Field label={t('invoices.addOnMonth')} htmlFor="addon-month" error={error.fields.month}>
          <TextInput id="addon-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </Field>
        <Button
          variant="secondary"
          disabled={addOn.isPending}
          onClick={() => {
            reset();
            addOn.mutate({ tenantId, contractId: contract.id, month });
          }}
        >
          {t('invoices.issueAddOn')}
        </Button>
      </div>
    </div>
  );
}
