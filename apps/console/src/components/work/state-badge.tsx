'use client';
import { useT } from '@telework/ui';

export type BoardState = 'OFF' | 'WORKING' | 'PRESENT' | 'AWAY' | 'INCIDENT';

export function StateBadge({ state }: { state: BoardState }) {
  const t = useT();
  return (
    <span className={`tw-badge tw-state-${state}`} data-testid="state-badge" data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}
