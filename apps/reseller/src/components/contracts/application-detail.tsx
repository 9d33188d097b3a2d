'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Alert, APPLICATION_TONE, Badge, Card, useContractError, useContractFormat, useT } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';
import { useTRPC } from '@/trpc/client';
import { DecisionPanel, type Acceptance } from './decision-panel';
import { WithdrawOrReject } from './reseller-decision-panel';
import type { ApplicationRow } from './types';

interface Administrator {
  name: string;
  department?: string;
  email: string;
}

/** The administrators as stored with the application (JSON); anything unexpected is left out. */
function administratorsOf(value: ApplicationRow['administrators']): Administrator[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) =>
    v && typeof v === 'object' && !Array.isArray(v) && typeof v.name === 'string' && typeof v.email === 'string'
      ? [{ name: v.name, email: v.email, department: typeof v.department === 'string' ? v.department : undefined }]
      : [],
  );
}

export function ApplicationDetail({ id }: { id: string }) {
  const t = useT();
  const me = useMe();
  const trpc = useTRPC();
  const f = useContractFormat();
  const contractError = useContractError();
  const justSubmitted = useSearchParams().get('submitted') === '1';
  const [accepted, setAccepted] = useState<Acceptance | null>(null);
  const app = useQuery(me.kind === 'operator' ? trpc.operator.contracts.application.queryOptions({ id }) : trpc.reseller.contracts.application.queryOptions({ id }));

  if (app.error) return <Alert>{contractError(app.error).message}</Alert>;
  if (!app.data) return <p>{t('common.loading')}</p>;
  const a = app.data;
  const channel = a.channel;
  const none = t('people.none');

  return (
    <>
      <p>
        <Link href="/applications">{t('apps.back')}</Link>
      </p>
      <h1 className="tw-actions">
        {t('apps.detailTitle', { company: a.companyName })}
        <span data-testid="application-status">
          <Badge tone={APPLICATION_TONE[a.status]}>{t(`apps.status.${a.status}`)}</Badge>
        </span>
      </h1>
      {justSubmitted && a.status === 'SUBMITTED' ? <Alert tone="success">{t('apps.submitted')}</Alert> : null}
      {a.status === 'REJECTED' && a.rejectionReason ? (
        <Alert tone="info">
          {t('apps.rejectedWith', { reason: t(`apps.reason.${a.rejectionReason}`) })}
          {a.rejectionNote ? `（${a.rejectionNote}）` : null}
        </Alert>
      ) : null}
      {accepted ? (
        <Alert tone="success">
          <span data-testid="accepted-summary">{t('apps.accepted', { systemId: accepted.systemId, start: f.day(accepted.startDate), end: f.day(accepted.termEndDate) })}</span>
        </Alert>
      ) : null}
      {accepted && accepted.invitationMailFailed.length > 0 ? (
        <Alert>
          <span data-testid="invitation-mail-failed">{t('apps.invitationMailFailed', { emails: accepted.invitationMailFailed.join(', ') })}</span>
        </Alert>
      ) : null}
      {a.status === 'ACCEPTED' && a.tenantId ? (
        <Alert tone="success">
          <Link href={`/customers/${a.tenantId}`} data-testid="open-contract">
            {t('apps.openContract')}
          </Link>
        </Alert>
      ) : null}

      {me.kind === 'operator' && a.status === 'SUBMITTED' ? <DecisionPanel application={a} onAccepted={setAccepted} /> : null}
      {a.status === 'SUBMITTED' ? <WithdrawOrReject application={a} canReject={me.kind !== 'operator'} /> : null}

      <Card title={t('apps.section.company')}>
        <p className="tw-muted">
          {t('apps.receivedAt', { date: f.time(a.createdAt) })}
          {a.decidedAt ? `・${t('apps.decidedAt', { date: f.time(a.decidedAt) })}` : null}
          {a.termsAgreedAt ? `・${t('apps.termsAgreed', { date: f.time(a.termsAgreedAt) })}${a.termsVersion ? `（${a.termsVersion}）` : ''}` : null}
        </p>
        <dl className="tw-facts">
          <dt>{t('apps.companyName')}</dt>
          <dd>{a.companyName}</dd>
          <dt>{t('apps.companyNameKana')}</dt>
          <dd>{a.companyNameKana ?? none}</dd>
          <dt>{t('apps.corporateNumber')}</dt>
          <dd>{a.corporateNumber ?? none}</dd>
          <dt>{t('apps.domestic')}</dt>
          <dd>{a.isDomesticEntity ? t('common.yes') : <Badge tone="bad">{t('apps.notDomestic')}</Badge>}</dd>
          <dt>{t('apps.postalCode')}</dt>
          <dd>{a.postalCode}</dd>
          <dt>{t('apps.address')}</dt>
          <dd>{a.address}</dd>
          <dt>{t('apps.phone')}</dt>
          <dd>{a.phone}</dd>
          <dt>{t('contracts.channel')}</dt>
          <dd>{a.reseller ? `${t('contracts.channel.RESELLER')}: ${a.reseller.name}` : t('contracts.channel.DIRECT')}</dd>
        </dl>
      </Card>

      <Card title={t('apps.section.admins')}>
        <ul>
          {administratorsOf(a.administrators).map((ad) => (
            <li key={ad.email}>
              {ad.name}
              {ad.department ? `（${ad.department}）` : null} &lt;{ad.email}&gt;
            </li>
          ))}
        </ul>
      </Card>

      <Card title={t('apps.section.licence')}>
        <dl className="tw-facts">
          <dt>{t('apps.seats')}</dt>
          <dd>{a.seats}</dd>
          <dt>{t('apps.termMonths')}</dt>
          <dd>{a.termMonths}</dd>
          <dt>{t('apps.desiredStartDate')}</dt>
          <dd>{f.day(a.desiredStartDate)}</dd>
          <dt>{t(`apps.annualFee.${channel}`)}</dt>
          <dd>{f.yen(a.annualFee)}</dd>
          {channel === 'RESELLER' ? (
            <>
              <dt>{t('apps.resellerAnnualPrice')}</dt>
              <dd>{a.resellerAnnualPrice === null ? none : f.yen(a.resellerAnnualPrice)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
    </>
  );
}
