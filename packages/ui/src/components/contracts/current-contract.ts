import { jstToday } from './format';
import type { ContractStatus } from './types';

const LIVE: ContractStatus[] = ['PENDING_START', 'ACTIVE', 'RENEWAL_OFFERED', 'RENEWED', 'TERMINATION_SCHEDULED', 'SUSPENDED'];

/** The contract in force: a live one whose term has begun, else the first live one (a renewal or a contract not yet begun). */
export function currentContract<C extends { status: ContractStatus; startDate: Date }>(contracts: C[], today: string = jstToday()): C | null {
  const live = contracts.filter((c) => LIVE.includes(c.status));
  return live.find((c) => c.startDate.toISOString().slice(0, 10) <= today) ?? live[0] ?? null;
}
