'use client';
import { useT } from '../i18n-provider';

export type PrivacyRequestStatus = 'RECEIVED' | 'IN_PROGRESS' | 'COMPLETED' | 'REJECTED';
const TONE: Record<PrivacyRequestStatus, string> = { RECEIVED: 'AWAY', IN_PROGRESS: 'WORKING', COMPLETED: 'PRESENT', REJECTED: 'OFF' };

export function PrivacyStatusBadge({ status }: { status: PrivacyRequestStatus }) {
  const t = useT();
  return (
    <span className={`tw-badge tw-state-${TONE[status]}`} data-testid="privacy-status" data-status={status}>
      {t(`ops.privacy.status.${status}`)}
    </span>
  );
}

/** A correction's requested values, one "field → value" per line; an empty value means "remove". */
export function CorrectionSummary({ correction }: { correction: unknown }) {
  const t = useT();
  if (!correction || typeof correction !== 'object') return <>—</>;
  const entries = Object.entries(correction as Record<string, unknown>).filter(([k]) => k === 'name' || k === 'department' || k === 'email');
  if (entries.length === 0) return <>—</>;
  const label = { name: t('ops.privacy.field.name'), department: t('ops.privacy.field.department'), email: t('ops.privacy.field.email') } as Record<string, string>;
  return (
    <span style={{ whiteSpace: 'normal' }}>
      {entries.map(([k, v]) => (
        <span key={k} style={{ display: 'block' }}>
          {label[k]}: {typeof v === 'string' && v ? v : t('ops.privacy.removeValue')}
        </span>
      ))}
    </span>
  );
}
