'use client';
import { Alert, useT } from '@telework/ui';

/** Seats in use as a bar, with what to do when none are left. */
export function SeatUsage({ used, allowed }: { used: number; allowed: number }) {
  const t = useT();
  const share = allowed > 0 ? Math.min(1, used / allowed) : 1;
  const full = used >= allowed;
  return (
    <>
      <div className="tw-bar-track" style={{ height: 10, borderRadius: 5, background: '#e2e8f0', overflow: 'hidden' }} aria-hidden>
        <div style={{ width: `${share * 100}%`, height: '100%', background: full ? '#dc2626' : share > 0.9 ? '#d97706' : '#2563eb' }} />
      </div>
      <p className="tw-muted">{t('users.seatsNote')}</p>
      {full ? <Alert tone="info">{t('users.seatsFull')}</Alert> : null}
    </>
  );
}
