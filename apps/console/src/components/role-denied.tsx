'use client';
import { Card, useT } from '@telework/ui';
import type { Me } from './console-shell';

/** What a page says to a role it is not meant for (rendered on the server by PageGate). */
export function RoleDenied({ role }: { role: Me['role'] }) {
  const t = useT();
  return (
    <div data-testid="role-denied">
      <h1>{t('roleGate.title')}</h1>
      <Card>
        <p>{t('roleGate.body', { role: t(`role.${role}`) })}</p>
        <p>{t('roleGate.ask')}</p>
        <a href="/" className="tw-button">
          {t('roleGate.home')}
        </a>
      </Card>
    </div>
  );
}
