import type { ReactNode } from 'react';
import type { ContractStatus, InvoiceStatus, RequestStatus } from './types';

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

export function Badge({ tone, children, testId }: { tone: Tone; children: ReactNode; testId?: string }) {
  return (
    <span className={`tw-badge tw-tone-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

export const CONTRACT_TONE: Record<ContractStatus, Tone> = {
  PENDING_START: 'info', ACTIVE: 'ok', RENEWAL_OFFERED: 'warn', RENEWED: 'ok', SUSPENDED: 'bad', TERMINATION_SCHEDULED: 'warn', ENDED: 'muted',
};
export const REQUEST_TONE: Record<RequestStatus, Tone> = { PENDING: 'info', ACCEPTED: 'ok', REJECTED: 'bad', WITHDRAWN: 'muted' };
export const INVOICE_TONE: Record<InvoiceStatus, Tone> = { DRAFT: 'muted', OPEN: 'warn', PARTIALLY_PAID: 'warn', PAID: 'ok', VOID: 'muted', PAYMENT_FAILED: 'bad' };
export const APPLICATION_TONE: Record<'SUBMITTED' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN', Tone> = { SUBMITTED: 'info', ACCEPTED: 'ok', REJECTED: 'bad', WITHDRAWN: 'muted' };
export const TENANT_TONE: Record<'PENDING_START' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'DEREGISTERED', Tone> = {
  PENDING_START: 'info', ACTIVE: 'ok', SUSPENDED: 'bad', TERMINATED: 'muted', DEREGISTERED: 'bad',
};
