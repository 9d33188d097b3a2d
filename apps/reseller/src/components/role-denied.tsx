'use client';
import { Card, useT } from '@telework/ui';

/** What an operators-only page says to reseller staff (rendered on the server by PageGate). */
export function RoleDenied() {
  const t = useT();
  return (
    <div data-testid="role-denied">
      <h1>{t('roleGate.title')}</h1>
      <Card>
        <p>{t('ops.operatorOnly')}</p>
        <a href="/" className="tw-button">
          {t('roleGate.home')}
        </a>
      </Card>
    </div>
  );
}
