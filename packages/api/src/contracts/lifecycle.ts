import type { ContractEndReason, ContractStatus } from '@telework/db';
import { AppError } from '../errors/app-error';

// The contract lifecycle as one state machine. docs/contract-lifecycle.md writes the same table out for
// people (its test compares the two); every service that changes a contract's status goes through
// `transition`, so a move the table does not list cannot happen.

/** Who or what moves a contract: a person (and which), a date reached, or a scheduled job. */
export type Trigger = 'operator' | 'reseller' | 'customer-admin' | 'job';

export interface Transition {
  from: ContractStatus | 'NONE';
  to: ContractStatus;
  /** The service action that performs it (docs and tests name it). */
  action: string;
  by: Trigger[];
  /** The provider audit entry written (action name). */
  audit: string;
  /** What the mail says, to whom; `null` when the move sends none. */
  mail: 'service-start' | 'renewal-offer' | 'renewed' | 'termination-received' | 'ended' | 'suspended' | 'resumed' | null;
  clause: string;
}

/** Statuses in which the customer holds a contract still to be used or in use. */
export const LIVE_CONTRACT_STATUSES = ['PENDING_START', 'ACTIVE', 'RENEWAL_OFFERED', 'RENEWED', 'TERMINATION_SCHEDULED', 'SUSPENDED'] as const satisfies readonly ContractStatus[];
/** Statuses in which the service is in use (the seats count, the tenant signs in). */
export const IN_SERVICE_STATUSES = ['ACTIVE', 'RENEWAL_OFFERED', 'RENEWED', 'TERMINATION_SCHEDULED'] as const satisfies readonly ContractStatus[];

const SUSPENDABLE = ['PENDING_START', 'ACTIVE', 'RENEWAL_OFFERED', 'RENEWED', 'TERMINATION_SCHEDULED'] as const;

export const TRANSITIONS: readonly Transition[] = [
  { from: 'NONE', to: 'ACTIVE', action: 'acceptApplication', by: ['operator'], audit: 'application.accept', mail: 'service-start', clause: '第9条3項' },
  { from: 'NONE', to: 'PENDING_START', action: 'acceptApplication', by: ['operator'], audit: 'application.accept', mail: 'service-start', clause: '第9条3項' },
  { from: 'NONE', to: 'PENDING_START', action: 'acceptRenewal', by: ['operator'], audit: 'contract.renew', mail: 'renewed', clause: '第10条' },
  { from: 'PENDING_START', to: 'ACTIVE', action: 'runContractLifecycle', by: ['job'], audit: 'contract.start', mail: 'service-start', clause: '第9条4項' },
  { from: 'ACTIVE', to: 'RENEWAL_OFFERED', action: 'runContractLifecycle', by: ['job'], audit: 'contract.renewalOffered', mail: 'renewal-offer', clause: '第10条' },
  { from: 'ACTIVE', to: 'RENEWED', action: 'acceptRenewal', by: ['operator'], audit: 'contract.renew', mail: 'renewed', clause: '第10条' },
  { from: 'RENEWAL_OFFERED', to: 'RENEWED', action: 'acceptRenewal', by: ['operator'], audit: 'contract.renew', mail: 'renewed', clause: '第10条' },
  { from: 'ACTIVE', to: 'ENDED', action: 'runContractLifecycle', by: ['job'], audit: 'contract.end', mail: 'ended', clause: '第10条' },
  { from: 'RENEWAL_OFFERED', to: 'ENDED', action: 'runContractLifecycle', by: ['job'], audit: 'contract.end', mail: 'ended', clause: '第10条' },
  { from: 'RENEWED', to: 'ENDED', action: 'runContractLifecycle', by: ['job'], audit: 'contract.end', mail: null, clause: '第10条' },
  { from: 'PENDING_START', to: 'TERMINATION_SCHEDULED', action: 'requestCustomerTermination', by: ['customer-admin', 'reseller'], audit: 'contract.terminationRequest', mail: 'termination-received', clause: '第12条1項' },
  { from: 'ACTIVE', to: 'TERMINATION_SCHEDULED', action: 'requestCustomerTermination', by: ['customer-admin', 'reseller'], audit: 'contract.terminationRequest', mail: 'termination-received', clause: '第12条1項' },
  { from: 'RENEWAL_OFFERED', to: 'TERMINATION_SCHEDULED', action: 'requestCustomerTermination', by: ['customer-admin', 'reseller'], audit: 'contract.terminationRequest', mail: 'termination-received', clause: '第12条1項' },
  { from: 'ACTIVE', to: 'TERMINATION_SCHEDULED', action: 'terminateByProvider', by: ['operator'], audit: 'contract.terminateByProvider', mail: 'termination-received', clause: '第12条3項' },
  { from: 'RENEWAL_OFFERED', to: 'TERMINATION_SCHEDULED', action: 'terminateByProvider', by: ['operator'], audit: 'contract.terminateByProvider', mail: 'termination-received', clause: '第12条3項' },
  { from: 'TERMINATION_SCHEDULED', to: 'ENDED', action: 'runContractLifecycle', by: ['job'], audit: 'contract.end', mail: 'ended', clause: '第12条1項・3項' },
  ...(['PENDING_START', 'ACTIVE', 'RENEWAL_OFFERED', 'RENEWED', 'TERMINATION_SCHEDULED', 'SUSPENDED'] as const).map(
    (from): Transition => ({ from, to: 'ENDED', action: 'terminateByProvider', by: ['operator'], audit: 'contract.terminateByProvider', mail: 'ended', clause: '第12条2項, 第21条, 第28条2項' }),
  ),
  ...SUSPENDABLE.map((from): Transition => ({ from, to: 'SUSPENDED', action: 'suspendTenant', by: ['operator'], audit: 'tenant.suspend', mail: 'suspended', clause: '第19条' })),
  ...SUSPENDABLE.map((to): Transition => ({ from: 'SUSPENDED', to, action: 'resumeTenant', by: ['operator'], audit: 'tenant.resume', mail: 'resumed', clause: '第19条' })),
  { from: 'SUSPENDED', to: 'ENDED', action: 'runContractLifecycle', by: ['job'], audit: 'contract.end', mail: 'ended', clause: '第10条, 第12条' },
];

const allowed = new Set(TRANSITIONS.map((t) => `${t.from}>${t.to}>${t.action}`));

/** Refuses a move the table does not list (CONFLICT, reason NOT_ALLOWED_IN_STATE, with both states). */
export function assertTransition(from: ContractStatus | 'NONE', to: ContractStatus, action: string): void {
  if (!allowed.has(`${from}>${to}>${action}`)) {
    throw new AppError('CONFLICT', `A contract in state ${from} cannot move to ${to} by ${action}.`, { reason: 'NOT_ALLOWED_IN_STATE', from, to });
  }
}

/**
 * Where a contract stands apart from a suspension, from its facts: an end date means it is being
 * terminated; before its service start date it waits; a successor means it was renewed; a renewal
 * notice means the offer is out. Resuming returns a contract to this state, and the end of a
 * suspended contract takes its reason from it.
 */
export function restingState(c: { endDate: string | null; serviceStartDate: string; renewalNoticeSentAt: Date | null }, hasSuccessor: boolean, today: string): ContractStatus {
  if (c.endDate !== null) return 'TERMINATION_SCHEDULED';
  if (today < c.serviceStartDate) return 'PENDING_START';
  if (hasSuccessor) return 'RENEWED';
  if (c.renewalNoticeSentAt) return 'RENEWAL_OFFERED';
  return 'ACTIVE';
}

/** Why a contract that reached its last day ended, given the state it was resting in. */
export function endReasonFor(resting: ContractStatus, scheduledReason: ContractEndReason | null): ContractEndReason {
  if (resting === 'TERMINATION_SCHEDULED' && scheduledReason) return scheduledReason;
  return resting === 'RENEWED' ? 'RENEWED' : 'TERM_END';
}
