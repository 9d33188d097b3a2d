import { jstToday } from './format';
import type { ContractStatus } from './types';

/** The contract in force: a live one whose term has begun, else the first live one (a renewal not yet begun). */
export function currentContract<C extends { status: ContractStatus; startDate: Date }>(contracts: C[], today: string = jstToday()): C | null {
  const live = contracts.filter((c) => c.status === 'ACTIVE' || c.status === 'TERMINATION_SCHEDULED');
  return live.find((c) => c.startDate.toISOString().slice(0, 10) <= today) ?? live[0] ?? null;
}
