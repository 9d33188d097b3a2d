'use client';
import { useT } from '@telework/ui';

/** Open incidents stand out (the board's incident colour); judged ones are quiet. */
export function IncidentStatusBadge({ status }: { status: 'OPEN' | 'JUDGED' }) {
  const t = useT();
  return (
    <span className={`tw-badge ${status === 'OPEN' ? 'tw-state-INCIDENT' : 'tw-state-OFF'}`} data-testid="incident-status" data-status={status}>
      {t(`incident.status.${status}`)}
    </span>
  );
}
