'use client';
import type { ReactNode } from 'react';
import { useT } from '../i18n-provider';
import { DataTable } from '../primitives';
import { Badge, REQUEST_TONE } from './badge';
import { useContractFormat } from './format';
import type { ChangeRequestView, TerminationView } from './types';

/** Change requests (第11条) with their state; `actions` adds the operator's decision buttons. */
export function ChangeRequestTable({ requests, actions }: { requests: ChangeRequestView[]; actions?: (r: ChangeRequestView) => ReactNode }) {
  const t = useT();
  const f = useContractFormat();
  return (
    <DataTable
      rows={requests}
      rowKey={(r) => r.id}
      empty={t('changes.empty')}
      columns={[
        { key: 'at', header: t('changes.requestedAt'), cell: (r) => f.time(r.createdAt) },
        { key: 'what', header: t('invoices.kind'), cell: (r) => (r.kind === 'ADD_SEATS' ? t('changes.addSeats', { seats: r.seatsDelta ?? 0 }) : t(`changes.kind.${r.kind}`)) },
        {
          key: 'status',
          header: t('tenant.status'),
          cell: (r) => (
            <span className="tw-actions" data-testid={`change-${r.id}`}>
              <Badge tone={REQUEST_TONE[r.status]}>{t(`request.status.${r.status}`)}</Badge>
              {r.effectiveDate ? <span className="tw-muted">{t('changes.effective', { date: f.day(r.effectiveDate) })}</span> : null}
              {r.rejectionReason ? <span className="tw-muted">{t(`apps.reason.${r.rejectionReason}`)}</span> : null}
            </span>
          ),
        },
        ...(actions ? [{ key: 'actions', header: t('people.actions'), cell: (r: ChangeRequestView) => actions(r) }] : []),
      ]}
    />
  );
}

/** Terminations (第12条) by the customer or the provider, with the end date the rule gave. */
export function TerminationTable({ terminations }: { terminations: TerminationView[] }) {
  const t = useT();
  const f = useContractFormat();
  return (
    <DataTable
      rows={terminations}
      rowKey={(r) => r.id}
      empty={t('termination.empty')}
      columns={[
        { key: 'received', header: t('termination.receivedAt'), cell: (r) => f.time(r.receivedAt) },
        { key: 'cause', header: t('termination.cause'), cell: (r) => t(`termination.cause.${r.cause}`) },
        { key: 'desired', header: t('termination.desiredEndDate'), cell: (r) => (r.desiredEndDate ? f.day(r.desiredEndDate) : t('people.none')) },
        { key: 'end', header: t('termination.endDate'), cell: (r) => <strong>{f.day(r.endDate)}</strong> },
      ]}
    />
  );
}
