'use client';
import { Suspense } from 'react';
import { AuditView } from '@/components/evidence/audit-view';

export default function AuditPage() {
  return (
    <Suspense>
      <AuditView />
    </Suspense>
  );
}
