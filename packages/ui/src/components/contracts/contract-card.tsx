'use client';
import type { ReactNode } from 'react';
import { useT } from '../i18n-provider';
import { Alert, Card } from '../primitives';
import { Badge, CONTRACT_TONE } from './badge';
import { useContractFormat } from './format';
import type { ContractView } from './types';

/** Seats used against seats allowed today, as a bar (shared by every contract screen). */
export function SeatMeter({ used, allowed }: { used: number; allowed: number }) {
  const t = useT();
  const share = allowed > 0 ? Math.min(1, used / allowed) : 1;
  const tone = used >= allowed ? 'var(--tw-danger)' : share > 0.9 ? 'var(--tw-warn)' : 'var(--tw-primary)';
  return (
    <div>
      <p style={{ margin: '0 0 0.35rem', fontWeight: 600 }} data-testid="contract-seats">
        {t('contracts.seats', { used, allowed })}
      </p>
      <div className="tw-bar-track" style={{ height: 10, borderRadius: 5, overflow: 'hidden' }} aria-hidden>
        <div style={{ width: `${share * 100}%`, height: '100%', background: tone }} />
      </div>
      <p className="tw-muted" style={{ margin: '0.35rem 0 0' }}>
        {t('contracts.seatsNote')}
      </p>
    </div>
  );
}

/**
 * One contract: state, term (第10条), end date, its licences and prices. Which prices appear depends
 * on who looks: `prices` lists them (the wholesale fee is never shown to a reseller's customer).
 */
export function ContractCard({ contract, prices, actions }: { contract: ContractView; prices: ('annual' | 'wholesale' | 'reseller' | 'seat')[]; actions?: ReactNode }) {
  const t = useT();
  const f = useContractFormat();
  const fee = (amount: number | null) => (amount === null ? t('people.none') : f.yen(amount));
  return (
    <Card
      title={
        <span className="tw-actions">
          {t('contracts.contract')} <Badge tone={CONTRACT_TONE[contract.status]} testId={`contract-status-${contract.id}`}>{t(`contracts.status.${contract.status}`)}</Badge>
          {contract.renewalOfId ? <Badge tone="info">{t('contracts.renewal')}</Badge> : null}
        </span>
      }
      actions={actions}
    >
      {contract.status === 'PENDING_START' ? <Alert tone="info">{t('contracts.pendingStart', { date: f.day(contract.serviceStartDate) })}</Alert> : null}
      {contract.status === 'RENEWAL_OFFERED' ? <Alert tone="info">{t('contracts.renewalOffered', { date: f.day(contract.termEndDate) })}</Alert> : null}
      <dl className="tw-facts">
        <dt>{t('contracts.term')}</dt>
        <dd data-testid={`contract-term-${contract.id}`}>{t('contracts.termRange', { start: f.day(contract.startDate), end: f.day(contract.termEndDate) })}</dd>
        <dt>{t('contracts.serviceStart')}</dt>
        <dd data-testid={`contract-service-start-${contract.id}`}>{f.day(contract.serviceStartDate)}</dd>
        {contract.endDate ? (
          <>
            <dt>{t('termination.endDate')}</dt>
            <dd>{t('contracts.endsOn', { date: f.day(contract.endDate) })}</dd>
          </>
        ) : null}
        {contract.status === 'ENDED' && contract.endReason ? (
          <>
            <dt>{t('contracts.endReason')}</dt>
            <dd>{t(`contracts.endReason.${contract.endReason}`)}</dd>
          </>
        ) : null}
        <dt>{t('contracts.channel')}</dt>
        <dd>{t(`contracts.channel.${contract.channel}`)}</dd>
        <dt>{t('contracts.licences')}</dt>
        <dd>
          <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>
            {contract.licences.map((l) => (
              <li key={l.id}>
                {t('contracts.licenceRow', {
                  kind: t(l.isAddOn ? 'contracts.licence.addOn' : 'contracts.licence.base'), seats: l.seats, start: f.day(l.termStart), end: f.day(l.termEnd),
                })}
              </li>
            ))}
          </ul>
        </dd>
        {prices.includes('annual') ? (
          <>
            <dt>{t('contracts.annualFee')}</dt>
            <dd>{fee(contract.annualFee)}</dd>
          </>
        ) : null}
        {prices.includes('wholesale') ? (
          <>
            <dt>{t('contracts.wholesaleFee')}</dt>
            <dd>{fee(contract.annualFee)}</dd>
          </>
        ) : null}
        {prices.includes('reseller') ? (
          <>
            <dt>{t('contracts.resellerPrice')}</dt>
            <dd>{fee(contract.resellerAnnualPrice)}</dd>
          </>
        ) : null}
        {prices.includes('seat') ? (
          <>
            <dt>{t('contracts.seatMonthlyFee')}</dt>
            <dd>{f.yen(contract.seatMonthlyFee)}</dd>
          </>
        ) : null}
      </dl>
    </Card>
  );
}
