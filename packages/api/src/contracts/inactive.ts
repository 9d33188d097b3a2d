import type { TenantStatus, UserRole } from '@telework/db';
import { AppError } from '../errors/app-error';

/**
 * Why a member of a tenant cannot use the service now, told only after the password proved who asks:
 * the service has not started (第9条4項), is suspended (第19条) or the contract ended. An administrator
 * is told whom to ask (the reseller or the provider); the others are sent to their administrator.
 */
export function contractInactive(status: TenantStatus, role: UserRole): AppError {
  const state = status === 'PENDING_START' ? 'NOT_STARTED' : status === 'SUSPENDED' ? 'SUSPENDED' : 'ENDED';
  const reason = role === 'ADMIN' && state !== 'NOT_STARTED' ? `${state}_ADMIN` : state;
  return new AppError('CONTRACT_INACTIVE', 'The contract for this organisation is not active.', { reason });
}
