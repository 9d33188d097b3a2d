'use client';
import type { ReactNode } from 'react';
import { Alert, useT } from '@telework/ui';
import { useMe } from '@/components/reseller-shell';

/** Provider operations are for the provider's operators; reseller staff reaching the address are told so. */
export function OperatorOnly({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useMe();
  if (me.kind !== 'operator') return <Alert>{t('ops.operatorOnly')}</Alert>;
  return <>{children}</>;
}
